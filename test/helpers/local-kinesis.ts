import type { AddressInfo } from "node:net";
import kinesalite from "kinesalite";

/** A kinesalite server in this process, on a free loopback port, with its store in memory. */
export interface LocalKinesis {
  readonly endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts kinesalite (a Kinesis API server, npm) without LevelDB: with no `path` it keeps its
 * store in memory (memdown), so no native binding or install script is needed. Streams and
 * reshards become ACTIVE at once. `port` 0 takes a free one.
 */
export async function startLocalKinesis(port = 0): Promise<LocalKinesis> {
  const server = kinesalite({
    createStreamMs: 0,
    deleteStreamMs: 0,
    updateStreamMs: 0,
    shardLimit: 50,
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}

/** A loopback port nothing listens on: taken from the system, then let go. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
