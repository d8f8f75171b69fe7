import { describe, expect, it } from "vitest";
import { evenSplit } from "../../models/hashing/even-split.js";
import { shardId } from "../../models/hashing/shard-id.js";
import { importedExperiment, trafficCsv } from "../../src/cli/import/imported-experiment.js";
import type { StreamSnapshot } from "../../src/cli/import/read-stream.js";
import type { StreamTraffic } from "../../src/cli/import/read-traffic.js";
import { shardLayout } from "../../src/cli/import/shard-layout.js";
import { parseExperimentText } from "../../src/experiment/config/parse-experiment.js";

const START = Date.UTC(2026, 10, 2, 8, 0);

/** Two hours of 500 records/s of 1 KB, a stream of `shards` even shards. */
function imported(stream: Partial<StreamSnapshot>, shards = 3) {
  const snapshot: StreamSnapshot = {
    name: "orders",
    arn: "arn:aws:kinesis:us-east-1:123456789012:stream/orders",
    mode: "provisioned",
    retentionHours: 24,
    shards: evenSplit(shards).map((range, i) => ({ shardId: shardId(i), ...range, open: true })),
    consumers: [],
    ...stream,
  };
  const minutes = Array.from({ length: 120 }, (_, i) => ({
    timeMs: START + i * 60_000,
    incomingRecords: 30_000,
    incomingBytes: 30_000 * 1024,
    throttledRecords: 0,
  }));
  const traffic: StreamTraffic = {
    startMs: START,
    endMs: START + 7_200_000,
    minutes,
    unsized: 0,
    calls: 1,
  };
  const csv = trafficCsv(minutes);
  const text = importedExperiment({
    stream: snapshot,
    layout: shardLayout(snapshot.shards),
    traffic,
    csvName: "orders.cloudwatch.csv",
    days: 1,
  });
  const config = parseExperimentText(text, { fileName: "orders.yaml", readTrace: () => csv });
  return { text, config };
}

describe("importedExperiment", () => {
  it("writes a file kinesim parses to the stream that was listed", () => {
    const { config } = imported({ retentionHours: 8760, consumers: ["a", "b"] }, 7);
    expect(config.name).toBe("orders");
    expect(config.durationUs).toBe(2 * 3600 * 1e6);
    expect(config.stream).toMatchObject({
      mode: "provisioned",
      shards: 7,
      retentionUs: 8760 * 3600 * 1e6,
    });
    expect(config.consumers.map((c) => [c.name, c.mode])).toEqual([
      ["a", "efo"],
      ["b", "efo"],
    ]);
  });

  it("writes an on-demand stream as on-demand, and as Advantage when only Advantage allows its consumers", () => {
    expect(imported({ mode: "on-demand", consumers: ["a"] }).config.stream.mode).toBe("on-demand");
    const many = Array.from({ length: 25 }, (_, i) => `app-${i}`);
    const { text, config } = imported({ mode: "on-demand", consumers: many });
    expect(config.stream.mode).toBe("on-demand-advantage");
    expect(config.consumers).toHaveLength(25);
    expect(text).toContain("only On-demand Advantage allows that");
  });
});
