import { main } from "../../src/cli/main.js";
import type { CliRun } from "./cli.js";

type Write = typeof process.stdout.write;

/**
 * Runs the `kinesim` command line in this process, as `kinesim()` runs it in a child: the
 * same `main` the bundle calls, with the same arguments, from the repository root (vitest's
 * working directory) and with CI set, so no progress bar is drawn. Returns the exit status
 * and what the command wrote to stdout and stderr.
 *
 * Why: a child process costs a node start-up and a load of the bundle, about half a second on
 * the 2-core machine `npm test` must fit (issue 14), for every call; most CLI tests check what
 * a command prints, which this gives the same. The spawned `kinesim()` stays for what only a
 * real process shows: the bundle itself, the exit code the shell sees, closed pipes.
 *
 * Calls must not overlap (vitest runs a file's tests one after another): stdout and stderr are
 * captured by replacing their `write` for the duration of the call.
 */
export async function kinesimInProcess(args: readonly string[]): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const writes = { out: process.stdout.write, err: process.stderr.write };
  const ci = process.env.CI;
  process.stdout.write = capture(stdout);
  process.stderr.write = capture(stderr);
  process.env.CI = "true";
  try {
    const status = await main([...args]);
    return { status, stdout: stdout.join(""), stderr: stderr.join("") };
  } finally {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
  }
}

/** A `write` that keeps the text and reports it written, as a stream does. */
function capture(into: string[]): Write {
  return ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    into.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    const callback = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
    callback?.();
    return true;
  }) as Write;
}
