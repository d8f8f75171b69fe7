/** `runSkew`: the skew section of a run's result, expected beside observed. */
import { describe, expect, it } from "vitest";
import { evenSplit } from "../../../models/hashing/even-split.js";
import { evenSplitPoint, type HashRange, splitRange } from "../../../models/hashing/hash-range.js";
import type { ExperimentConfig } from "../../../src/experiment/config/config-types.js";
import { loadExperimentFile } from "../../../src/experiment/config/load-experiment.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";
import { runSkew } from "../../../src/experiment/skew/run-skew.js";
import { experiment, producer } from "../../helpers/experiment.js";
import { md5Split, prefixedKeys } from "../../helpers/md5-split.js";

const S = 1_000_000;

function shortened(path: string, seconds: number): ExperimentConfig {
  return { ...loadExperimentFile(path), durationUs: seconds * S };
}

describe("runSkew", () => {
  const config = shortened("experiments/hot-key.yaml", 20);
  const { result } = simulateWithSeries(config);
  const skew = runSkew(result, config);
  // key-0's 1,500/s and the share of the other 49,999 keys' 3,500/s that MD5 gives its shard.
  const cold = md5Split(prefixedKeys("key-", 1, 50_000, 1 / 49_999), evenSplit(8));
  const hotShare = (1500 + 3500 * (cold[5] as number)) / 5000;

  it("puts expected and observed share side by side for every shard", () => {
    expect(skew.shards.map((shard) => shard.shardId)).toEqual(
      result.shards.map((shard) => shard.shardId),
    );
    const observed = skew.shards.reduce((sum, shard) => sum + shard.observedShare, 0);
    const expected = skew.shards.reduce((sum, shard) => sum + shard.expectedShare, 0);
    expect(observed).toBeCloseTo(1, 4);
    expect(expected).toBeCloseTo(1, 4);
    const hot = skew.shards.find((shard) => shard.shardId === "shardId-000000000005");
    // Expected (1,500 + 3,500 × the cold keys' share on it) ÷ 5,000 of the traffic, about
    // 0.3875; the shard throttles, so it accepts less than that.
    expect(hot?.expectedShare).toBeCloseTo(hotShare, 6);
    expect(hot?.observedShare).toBeLessThan(hot?.expectedShare ?? 0);
  });

  it("lists the hottest shards by peak demand against the limits", () => {
    expect(skew.hottestShards).toHaveLength(5);
    const [hottest] = skew.hottestShards;
    expect(hottest?.shardId).toBe("shardId-000000000005");
    expect(hottest?.demandOfLimit).toBeGreaterThan(1);
    expect(hottest?.recordsOfLimit).toBeLessThanOrEqual(2.05); // a full bucket can give 2× at first
    const demands = skew.hottestShards.map((shard) => shard.peakDemandRecordsPerSecond);
    expect([...demands].sort((a, b) => b - a)).toEqual(demands);
  });

  it("lists the heaviest keys with the shard they hash to", () => {
    expect(skew.hottestKeys).toHaveLength(1); // hotShare: one head key, the tail is not listed
    expect(skew.hottestKeys[0]).toMatchObject({
      key: "key-0",
      recordsPerSecond: 1500,
      ofLimit: 1.5,
      shardId: "shardId-000000000005",
    });
  });

  it("has skew indexes ≥ 1 and is plain JSON", () => {
    expect(skew.skewIndex).toBeGreaterThanOrEqual(1);
    expect(skew.expectedSkewIndex).toBeCloseTo(hotShare * 8, 6);
    expect(skew.expectedMaxUtilization).toBeCloseTo((hotShare * 5000) / 1000, 6);
    expect(JSON.parse(JSON.stringify(skew))).toEqual(skew);
  });

  it("gives shards opened by a split the share of the keys in their own hash ranges", () => {
    const splitConfig = experiment({
      durationUs: 60 * S,
      stream: { shards: 2 },
      producers: [
        producer({
          rate: 500,
          keys: { distribution: "uniform", cardinality: 200_000, prefix: "k-" },
        }),
      ],
      events: [{ atUs: S, kind: "split", shardId: "shardId-000000000000" }],
    });
    const run = simulateWithSeries(splitConfig).result;
    const split = runSkew(run, splitConfig, 3);
    const byId = new Map(split.shards.map((shard) => [shard.shardId, shard]));
    expect(run.shards).toHaveLength(4); // the split completes within 20–40 s
    // The split halves shard 0's range (split's default hash key).
    const [low, high] = evenSplit(2) as [HashRange, HashRange];
    const ranges = [...splitRange(low, evenSplitPoint(low)), high];
    const keys = [...prefixedKeys("k-", 0, 200_000, 1 / 200_000)];
    const [parent] = md5Split(keys, evenSplit(2));
    const [left, right] = md5Split(keys, ranges);
    expect(byId.get("shardId-000000000000")?.expectedShare).toBeCloseTo(parent as number, 9);
    expect(byId.get("shardId-000000000002")?.expectedShare).toBeCloseTo(left as number, 9);
    expect(byId.get("shardId-000000000003")?.expectedShare).toBeCloseTo(right as number, 9);
    // 200,000 keys split 4 ways: 50,000 a quarter, give or take 194: not a quarter exactly.
    expect(Math.abs((left as number) - 0.25)).toBeGreaterThan(1e-6);
    expect(split.hottestKeys).toEqual([]);
    expect(split.skewIndex).toBeGreaterThanOrEqual(1);
  });

  it("gives a run's skew, built from its producers' own key spaces, as one built afresh", () => {
    // Producers of different key spaces (a fixed list with a repeated key, a small uniform
    // head, a hot key): key spaces handed over out of order would list other keys.
    const mixed = experiment({
      durationUs: 5 * S,
      stream: { shards: 4 },
      producers: [
        producer({ name: "a", rate: 300, keys: { distribution: "fixed", keys: ["x", "y", "x"] } }),
        producer({
          name: "b",
          rate: 2000,
          keys: { distribution: "uniform", cardinality: 50, prefix: "u-" },
        }),
        producer({
          name: "c",
          rate: 900,
          keys: { distribution: "hotShare", share: 0.5, hotKeys: 1, cardinality: 20, prefix: "h-" },
        }),
      ],
    });
    const { result: run } = simulateWithSeries(mixed);
    const { observedKeys, observedKeysExact, ...fromRun } = run.skew;
    const { observedKeys: _, observedKeysExact: __, ...afresh } = runSkew(run, mixed);
    expect(fromRun).toEqual(afresh);
    expect(fromRun.hottestKeys.map((key) => key.key)).toEqual([
      "h-0", // 900 × 0.5 = 450/s
      "x", // 300 × 2/3 = 200/s
      "y", // 100/s
      "u-0", // 2,000 ÷ 50 = 40/s each, by name
      "u-1",
      "u-10",
      "u-11",
      "u-12",
      "u-13",
      "u-14",
    ]);
  });
});
