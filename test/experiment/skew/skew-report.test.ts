/**
 * `skewForShardCounts` and `smallestShardCount`: expected per-shard loads without a run, for
 * the shipped hot-key and capacity examples and for random experiments (where the fast
 * search must agree with the exact per-count loads).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evenSplit } from "../../../models/hashing/even-split.js";
import type { KeysConfig } from "../../../src/experiment/config/config-types.js";
import { loadExperimentFile } from "../../../src/experiment/config/load-experiment.js";
import {
  skewForShardCounts,
  smallestShardCount,
} from "../../../src/experiment/skew/skew-report.js";
import { experiment, producer } from "../../helpers/experiment.js";
import { md5Split, prefixedKeys } from "../../helpers/md5-split.js";

const hotKey = loadExperimentFile("experiments/hot-key.yaml");
const capacity = loadExperimentFile("experiments/capacity-example.yaml");

describe("skewForShardCounts", () => {
  it("hot-key: key-0's shard is over its limits at 8 and 16 shards", () => {
    const [eight, sixteen] = skewForShardCounts(hotKey, [8, 16]);
    expect(eight?.shards).toBe(8);
    expect(eight?.overLimit).toBe(true);
    expect(eight?.shardsOverLimit).toBe(1);
    // key-0 (1,500/s) hashes to shardId-000000000005 (see the experiment's header comment),
    // with the share of the other 49,999 keys that MD5 gives that shard.
    expect(eight?.hottestShardId).toBe("shardId-000000000005");
    const cold = md5Split(prefixedKeys("key-", 1, 50_000, 1 / 49_999), evenSplit(8));
    expect(eight?.maxUtilization).toBeCloseTo((1500 + 3500 * (cold[5] as number)) / 1000, 6);
    expect(sixteen?.overLimit).toBe(true);
    expect(sixteen?.maxUtilization).toBeGreaterThan(1.5);
    expect(sixteen?.perShard).toHaveLength(16);
  });

  it("capacity-example: 10 shards fit, 9 do not; uniform keys give the skew their MD5 split gives", () => {
    const [nine, ten] = skewForShardCounts(capacity, [9, 10]);
    expect(nine?.overLimit).toBe(true);
    expect(ten?.overLimit).toBe(false);
    expect(ten?.maxUtilization).toBeGreaterThan(0.9);
    expect(ten?.maxUtilization).toBeLessThan(1);
    // 100,000 keys over 10 shards: 10,000 a shard, give or take 100 (1 %).
    const split = md5Split(prefixedKeys("key-", 0, 100_000, 1 / 100_000), evenSplit(10));
    expect(ten?.skewIndex).toBeCloseTo(10 * Math.max(...split), 6);
    expect(ten?.skewIndex).toBeGreaterThan(1.005);
  });

  it("per-shard loads sum to the producers' peak; skew index ≥ 1", () => {
    for (const [config, total] of [
      [hotKey, 5000],
      [capacity, 5000],
    ] as const) {
      for (const count of skewForShardCounts(config, [1, 3, 8, 16, 33])) {
        const sum = count.perShard.reduce((acc, shard) => acc + shard.recordsPerSecond, 0);
        expect(sum).toBeCloseTo(total, 1);
        expect(count.perShard.reduce((acc, shard) => acc + shard.share, 0)).toBeCloseTo(1, 4);
        expect(count.skewIndex).toBeGreaterThanOrEqual(1 - 1e-9);
      }
    }
  });

  it("a producer with no traffic has no skew index and nothing over", () => {
    const [count] = skewForShardCounts(experiment({ producers: [producer({ rate: 0 })] }), [4]);
    expect(count?.skewIndex).toBeNull();
    expect(count?.overLimit).toBe(false);
    expect(smallestShardCount(experiment({ producers: [producer({ rate: 0 })] }))).toEqual({
      possible: true,
      shards: 1,
    });
  });
});

describe("smallestShardCount", () => {
  it("capacity-example: 10 shards (AWS's sizing rule)", () => {
    expect(smallestShardCount(capacity)).toEqual({ possible: true, shards: 10 });
  });

  it("hot-key: impossible, because key-0 alone exceeds a shard", () => {
    const smallest = smallestShardCount(hotKey);
    expect(smallest.possible).toBe(false);
    if (smallest.possible) return;
    expect(smallest.reason).toContain("key-0");
    expect(smallest.reason).toContain("1,500 records/s");
    expect(smallest.reason).toContain("a single key cannot be spread over shards");
    expect(smallest.reason).not.toMatch(/[\r\n]/);
  });

  it("names the byte rate when bytes bind for a single key", () => {
    const config = experiment({
      producers: [
        producer({
          rate: 200,
          recordSize: { distribution: "fixed", bytes: 8500 },
          keys: { distribution: "hot", key: "user-42" },
        }),
      ],
    });
    const smallest = smallestShardCount(config);
    expect(smallest).toEqual({
      possible: false,
      reason:
        "key user-42 alone needs 1.7 MB/s, more than a shard's 1.05 MB/s; a single key cannot " +
        "be spread over shards — use a more specific partition key or explicit hash keys",
    });
  });

  it("finds a heavy key in a uniform tail too", () => {
    const config = experiment({
      producers: [
        producer({
          rate: 1e8,
          keys: { distribution: "uniform", cardinality: 20_000, prefix: "k-" },
        }),
      ],
    });
    const smallest = smallestShardCount(config);
    expect(smallest.possible).toBe(false);
    if (!smallest.possible)
      expect(smallest.reason).toMatch(/^key k-0 alone needs 5,000 records\/s.*19,999 other keys/);
  });

  it("says when the stream maximum is too few shards", () => {
    const smallest = smallestShardCount(capacity, 5);
    expect(smallest.possible).toBe(false);
    if (!smallest.possible)
      expect(smallest.reason).toContain("at least 10 shards, more than the 5");
  });

  it("counts a shard exactly at its limit as within it, in the table and the search alike", () => {
    // 39 of 234 uniform keys land on the second of 9 shards: 39/234 × 6,000 = 1,000 records/s,
    // the limit itself, which the two sums (in different orders) used to put either side of 1.
    const config = experiment({
      producers: [
        producer({ rate: 6000, keys: { distribution: "uniform", cardinality: 234, prefix: "u-" } }),
      ],
    });
    const [nine] = skewForShardCounts(config, [9]);
    expect(nine?.maxUtilization).toBe(1);
    expect(nine?.overLimit).toBe(false);
    expect(smallestShardCount(config, 60)).toEqual({ possible: true, shards: 9 });
  });

  it("is the first count, searching upward, whose exact loads are all within the limits", () => {
    const keys: fc.Arbitrary<KeysConfig> = fc.oneof(
      fc.record({
        distribution: fc.constant("zipf" as const),
        cardinality: fc.integer({ min: 1, max: 300 }),
        exponent: fc.double({ min: 0.5, max: 2, noNaN: true }),
        prefix: fc.constant("z-"),
      }),
      fc.record({
        distribution: fc.constant("uniform" as const),
        cardinality: fc.integer({ min: 1, max: 300 }),
        prefix: fc.constant("u-"),
      }),
    );
    fc.assert(
      fc.property(keys, fc.integer({ min: 100, max: 6000 }), (keySettings, rate) => {
        const config = experiment({ producers: [producer({ rate, keys: keySettings })] });
        const smallest = smallestShardCount(config, 60);
        const counts = skewForShardCounts(
          config,
          Array.from({ length: 60 }, (_, i) => i + 1),
        );
        const firstFit = counts.find((count) => !count.overLimit);
        if (smallest.possible) {
          expect(smallest.shards).toBe(firstFit?.shards);
        } else {
          expect(firstFit === undefined || smallest.reason.includes("alone needs")).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});
