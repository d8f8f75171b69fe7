import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evenSplit } from "../../../models/hashing/even-split.js";
import { loadExperimentFile } from "../../../src/experiment/config/load-experiment.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";

describe("records of one key stay in order across reshards (record-level runs)", () => {
  // Each run checks, for every delivered record, that its key's previous record came from
  // the same shard earlier in sequence or from an ancestor shard (KeyOrderCheck), and
  // throws otherwise; conservation is checked at the end of every run.
  const eventArbitrary = fc.oneof(
    fc.record({ at: fc.integer({ min: 1, max: 50 }), split: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ at: fc.integer({ min: 1, max: 50 }), merge: fc.integer({ min: 0, max: 7 }) }),
    fc.record({
      at: fc.integer({ min: 1, max: 50 }),
      updateShardCount: fc.integer({ min: 1, max: 8 }),
    }),
  );
  it("holds for random splits, merges and UpdateShardCounts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(eventArbitrary, { minLength: 1, maxLength: 4 }),
        fc.nat(100),
        fc.constantFrom("putRecord", "putRecords"),
        (shards, events, seed, api) => {
          const lines = events.map((event) => {
            const id = (n: number) => `shardId-${String(n).padStart(12, "0")}`;
            if ("split" in event) return `  - { at: ${event.at}s, split: ${id(event.split)} }`;
            if ("merge" in event)
              return `  - { at: ${event.at}s, merge: [${id(event.merge)}, ${id(event.merge + 1)}] }`;
            return `  - { at: ${event.at}s, updateShardCount: ${event.updateShardCount} }`;
          });
          const text = `
duration: 80s
granularity: record
limits: { splitMergeMinDelayUs: 1s, splitMergeMaxDelayUs: 5s, updateShardCountMinDelayUs: 5s, updateShardCountMaxDelayUs: 10s }
stream: { shards: ${shards} }
producers:
  - { name: p, rate: 400, api: ${api}, keys: { distribution: zipf, cardinality: 50, exponent: 1 }, retries: { max: 5, backoff: 50ms } }
consumers:
  - { name: c, pollInterval: 300ms, startAt: TRIM_HORIZON, parentPollInterval: 2s }
events:
${lines.join("\n")}
`;
          const { result } = simulateWithSeries(
            parseExperimentText(text, { overrides: [`seed=${seed}`] }),
          );
          const c = result.consumers[0];
          expect(c && c.delivered + c.unread + c.expiredUnread).toBe(result.records.accepted);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("the shipped resharding experiments", () => {
  it("split-hot-shard: the parent throttles, its children do not, and the split is recorded", () => {
    const { result } = simulateWithSeries(loadExperimentFile("experiments/split-hot-shard.yaml"));
    const byId = new Map(result.shards.map((shard) => [shard.shardId, shard]));
    expect(byId.get("shardId-000000000002")?.throttledAttempts).toBeGreaterThan(100_000);
    expect(byId.get("shardId-000000000002")?.closedAtSeconds).toBeGreaterThan(240);
    expect(byId.get("shardId-000000000004")?.throttledAttempts).toBe(0);
    expect(byId.get("shardId-000000000005")?.throttledAttempts).toBe(0);
    expect(byId.get("shardId-000000000004")?.parentShardIds).toEqual(["shardId-000000000002"]);
    expect(result.operations).toHaveLength(1);
    expect(result.operations[0]?.outcome).toBe("completed");
    // Children wait for their parent to be read to its end: the latency tail grows past the
    // 10 s parent-poll interval's scale, far above a 1 s poll's.
    expect(result.latencyMs.max).toBeGreaterThan(5_000);
  });

  it("update-shard-count: ends at the even split of 8 and records the refusals", () => {
    const { result } = simulateWithSeries(
      loadExperimentFile("experiments/update-shard-count.yaml"),
    );
    const open = result.shards.filter((shard) => shard.closedAtSeconds === null);
    expect(open.map((shard) => [shard.startingHashKey, shard.endingHashKey])).toEqual(
      evenSplit(8).map((range) => [
        range.startingHashKey.toString(),
        range.endingHashKey.toString(),
      ]),
    );
    expect(result.operations.map((op) => op.error ?? op.outcome)).toEqual([
      "completed",
      "ResourceInUseException",
      "LimitExceededException",
    ]);
  });
});

describe("on-demand capacity", () => {
  /** An on-demand stream at 3 MB/s for 40 minutes, then a step to `factor` times that. */
  function step(factor: number) {
    const text = `
duration: 50m
warmup: 40m
stream: { mode: on-demand }
producers:
  - name: p
    rate: [{ at: 0s, rate: 3000 }, { at: 40m, rate: ${3000 * factor} }]
    recordSize: 1000B
    keys: { distribution: uniform, cardinality: 100000 }
    retries: 0
`;
    return simulateWithSeries(parseExperimentText(text)).result;
  }

  it("absorbs twice the previous peak, and throttles when traffic triples", () => {
    // 3 MB/s on 4 shards is 750 KB/s each, above the 500 KB/s split line: by 40 min the
    // stream has 8 shards (8 MB/s). Doubling to 6 MB/s fits; tripling to 9 MB/s does not
    // until further splits arrive (within 15 minutes).
    const doubled = step(2);
    const tripled = step(3);
    expect(doubled.throttleRate).toBeLessThan(0.005);
    expect(tripled.throttleRate).toBeGreaterThan(0.02);
    expect(
      tripled.operations.every((op) => op.origin === "on-demand" && op.outcome === "completed"),
    ).toBe(true);
  });

  it("still throttles a hot key: per-shard limits apply", () => {
    const text = `
duration: 20m
warmup: 2m
stream: { mode: on-demand }
producers:
  - { name: hot, rate: 1500, recordSize: 1KB, keys: { distribution: hot, key: tenant-1 }, retries: 0 }
`;
    const { result } = simulateWithSeries(parseExperimentText(text));
    expect(result.throttleRate).toBeGreaterThan(0.3);
  });
});

describe("provisioned autoscaling", () => {
  it("scales out through UpdateShardCount when utilization stays high, and throttles meanwhile", () => {
    const text = `
duration: 30m
stream:
  shards: 2
  autoscaling: { scaleOutAbove: 0.8, scaleOutAfter: 2m, targetUtilization: 0.6 }
producers:
  - { name: p, rate: 3000, recordSize: 500B, keys: { distribution: uniform, cardinality: 100000 } }
`;
    const { result } = simulateWithSeries(parseExperimentText(text));
    // 3,000 records/s saturate 2 shards (utilization ≈ 100 % > 80 %) for 2 minutes: the
    // policy asks for ceil(2 × 1.0 ÷ 0.6) = 4, which is also the 2× cap. On 4 shards the
    // utilization is 75 %, inside the band, so nothing more happens.
    const scalings = result.operations.filter((op) => op.origin === "autoscaling");
    expect(scalings.map((op) => [op.updateShardCount, op.outcome])).toEqual([[4, "completed"]]);
    expect(scalings[0]?.atSeconds).toBe(120);
    expect(result.shards.filter((shard) => shard.closedAtSeconds === null)).toHaveLength(4);
    // Until the new shards open (a few minutes after the request) writes throttle; after, not.
    const opened = scalings[0]?.completedAtSeconds ?? 0;
    expect(opened).toBeGreaterThan(240);
    expect(result.throttleRate).toBeGreaterThan(0.1);
    const after = simulateWithSeries(
      parseExperimentText(text, { overrides: [`warmup=${Math.ceil(opened) + 5}s`] }),
    ).result;
    expect(after.throttleRate).toBeLessThan(0.001);
  });
});
