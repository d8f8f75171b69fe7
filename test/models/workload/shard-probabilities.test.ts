/**
 * Shard probabilities (design.md §5): P(record → shard) from a key space and the
 * open shards' hash ranges. Exact values are recomputed here with node's own MD5 and the
 * even-split formula, independently of the router and the hash-key cache.
 *
 * The simulation checks compare each shard's share of the accepted records with the
 * expected share p_i. Limits never bind (asserted: no throttled attempt), so every offered
 * record is accepted; given the total N, each key is drawn independently, so shard i's count
 * is Binomial(N, p_i) — in record mode by construction, in segment mode because independent
 * Poisson counts conditioned on their sum are multinomial. The share's standard error is
 * √(p_i(1 − p_i)/N); we allow 5 (two-sided normal tail 5.7e-7 per check).
 */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evenSplit } from "../../../models/hashing/even-split.js";
import { type HashRange, rangeFraction, splitRange } from "../../../models/hashing/hash-range.js";
import { ShardRouter } from "../../../models/hashing/shard-router.js";
import { createKeySpace } from "../../../models/workload/keys/create-key-space.js";
import { fixedKeys } from "../../../models/workload/keys/fixed-keys.js";
import { hotShareKeys } from "../../../models/workload/keys/hot-share-keys.js";
import { uniformKeys } from "../../../models/workload/keys/uniform-keys.js";
import { zipfKeys } from "../../../models/workload/keys/zipf-keys.js";
import { shardProbabilities } from "../../../models/workload/shard-probabilities.js";
import type { KeysConfig } from "../../../src/experiment/config/config-types.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";
import { experiment, producer } from "../../helpers/experiment.js";

const S = 1_000_000;
const Z = 5;
const TWO_128 = 2n ** 128n;

/** MD5 of the UTF-8 key as a big-endian 128-bit integer, by node:crypto. */
function md5(key: string): bigint {
  return BigInt(`0x${createHash("md5").update(key, "utf8").digest("hex")}`);
}

/** Index of the shard owning `hashKey` in AWS's N-shard even split (the last takes the rest). */
function evenShardOf(hashKey: bigint, shards: number): number {
  const width = TWO_128 / BigInt(shards);
  return Math.min(shards - 1, Number(hashKey / width));
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] as number;
  return total;
}

describe("shardProbabilities", () => {
  it("sums to 1 with non-negative entries for random key spaces and shard counts", () => {
    const keysArbitrary = fc.oneof(
      fc.record({ kind: fc.constant("uniform"), n: fc.integer({ min: 1, max: 3000 }) }),
      fc.record({ kind: fc.constant("uniform"), n: fc.integer({ min: 10_001, max: 1e9 }) }),
      fc.record({
        kind: fc.constant("zipf"),
        n: fc.integer({ min: 1, max: 3000 }),
        s: fc.double({ min: 0.2, max: 3, noNaN: true }),
      }),
      fc.record({
        kind: fc.constant("hot"),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
        hotKeys: fc.integer({ min: 1, max: 50 }),
        n: fc.integer({ min: 1, max: 100_000 }),
      }),
    );
    fc.assert(
      fc.property(keysArbitrary, fc.integer({ min: 1, max: 64 }), (keys, shards) => {
        const space =
          keys.kind === "uniform"
            ? uniformKeys(keys.n, "k-")
            : keys.kind === "zipf"
              ? zipfKeys(keys.n, keys.s ?? 1, "k-")
              : hotShareKeys(keys.share ?? 0, keys.hotKeys ?? 1, keys.n, "k-");
        const probabilities = shardProbabilities(space, new ShardRouter(evenSplit(shards)));
        expect(probabilities.length).toBe(shards);
        expect(Math.min(...probabilities)).toBeGreaterThanOrEqual(0);
        expect(sum(probabilities)).toBeCloseTo(1, 10);
      }),
      { numRuns: 40 },
    );
  });

  it("puts all of a single hot key's mass on the shard its MD5 hash key routes to", () => {
    for (const key of ["key-0", "user-42", "clé", "😀", "a"]) {
      for (const shards of [1, 2, 3, 7, 16]) {
        const probabilities = shardProbabilities(
          fixedKeys([key]),
          new ShardRouter(evenSplit(shards)),
        );
        const expected = new Float64Array(shards);
        expected[evenShardOf(md5(key), shards)] = 1;
        expect(probabilities).toEqual(expected);
      }
    }
  });

  it("adds up the exact head masses per shard (zipf, every key in the head)", () => {
    const shards = 5;
    const space = zipfKeys(300, 1.1, "user-");
    const expected = new Float64Array(shards);
    for (const { key, probability } of space.head) {
      const index = evenShardOf(md5(key), shards);
      expected[index] = (expected[index] as number) + probability;
    }
    const probabilities = shardProbabilities(space, new ShardRouter(evenSplit(shards)));
    for (let i = 0; i < shards; i++) {
      expect(probabilities[i]).toBeCloseTo(expected[i] as number, 14);
    }
    // The exact split is far from even for a skewed key set: this would catch a router that
    // spread the head by range width.
    expect(Math.max(...probabilities) - Math.min(...probabilities)).toBeGreaterThan(0.05);
  });

  it("spreads uniform keys above the head limit by hash-range fraction", () => {
    const space = uniformKeys(1_000_000, "k");
    expect(space.tailMass).toBe(1);
    const even = shardProbabilities(space, new ShardRouter(evenSplit(3)));
    for (const p of even) expect(p).toBeCloseTo(1 / 3, 15);
    // Uneven ranges: split the first half of a 2-shard stream into quarters.
    const [low, high] = evenSplit(2) as [HashRange, HashRange];
    const ranges = [...splitRange(low, 2n ** 126n), high];
    const uneven = shardProbabilities(space, new ShardRouter(ranges));
    expect([...uneven]).toEqual([0.25, 0.25, 0.5]);
    for (const [i, range] of ranges.entries()) expect(uneven[i]).toBe(rangeFraction(range));
  });

  it("mixes a hashed head with a tail spread by range width (hotShare)", () => {
    const shards = 8;
    const space = hotShareKeys(0.3, 1, 50_000, "key-");
    const probabilities = shardProbabilities(space, new ShardRouter(evenSplit(shards)));
    const hot = evenShardOf(md5("key-0"), shards);
    for (let i = 0; i < shards; i++) {
      expect(probabilities[i]).toBeCloseTo((i === hot ? 0.3 : 0) + 0.7 / shards, 14);
    }
  });
});

/** Runs an experiment and checks each shard's accepted share against shardProbabilities. */
function checkObservedShares(
  granularity: "record" | "segment",
  keys: KeysConfig,
  shards: number,
  rate: number,
  seconds: number,
  seeds: readonly number[],
): void {
  const expected = shardProbabilities(createKeySpace(keys), new ShardRouter(evenSplit(shards)));
  // Limits must not bind: the busiest shard's mean rate stays far below 1,000 records/s.
  expect(Math.max(...expected) * rate).toBeLessThan(500);
  for (const seed of seeds) {
    const { result } = simulateWithSeries(
      experiment({
        seed,
        granularity,
        durationUs: seconds * S,
        stream: { shards },
        producers: [producer({ rate, keys })],
      }),
    );
    expect(result.records.throttledAttempts).toBe(0);
    const total = result.records.accepted;
    // Every offered record is accepted, but for those still in the producer's hands at the end.
    expect(result.records.dropped).toBe(0);
    expect(total + result.records.pendingAtProducer).toBe(result.records.offered);
    expect(result.shards.map((shard) => shard.accepted).reduce((a, b) => a + b, 0)).toBe(total);
    result.shards.forEach((shard, i) => {
      const p = expected[i] as number;
      const share = shard.accepted / total;
      expect(Math.abs(share - p)).toBeLessThan(Z * Math.sqrt((p * (1 - p)) / total));
    });
  }
}

describe("observed shard shares converge to shardProbabilities", () => {
  it("record mode: zipf keys (1,000, s = 1.1) hashed one by one on 6 shards, 3 seeds", () => {
    checkObservedShares(
      "record",
      { distribution: "zipf", cardinality: 1000, exponent: 1.1, prefix: "user-" },
      6,
      500,
      60,
      [1, 2, 3],
    );
  });

  it("segment mode: zipf keys (50,000, s = 1) with head and tail on 8 shards, 3 seeds", () => {
    checkObservedShares(
      "segment",
      { distribution: "zipf", cardinality: 50_000, exponent: 1, prefix: "user-" },
      8,
      2000,
      120,
      [4, 5, 6],
    );
  });

  it("segment mode: zipf keys (1,000, s = 1.1) on 6 shards agree with record mode's target", () => {
    checkObservedShares(
      "segment",
      { distribution: "zipf", cardinality: 1000, exponent: 1.1, prefix: "user-" },
      6,
      1000,
      120,
      [7, 8, 9],
    );
  });
});
