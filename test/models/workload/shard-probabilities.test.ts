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
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evenSplit } from "../../../models/hashing/even-split.js";
import { type HashRange, rangeFraction, splitRange } from "../../../models/hashing/hash-range.js";
import { ShardRouter } from "../../../models/hashing/shard-router.js";
import { createKeySpace } from "../../../models/workload/keys/create-key-space.js";
import { fixedKeys } from "../../../models/workload/keys/fixed-keys.js";
import { hotShareKeys } from "../../../models/workload/keys/hot-share-keys.js";
import { RealizedKeyCounts } from "../../../models/workload/keys/realized-key-counts.js";
import { EXACT_TAIL_KEYS } from "../../../models/workload/keys/tail-keys.js";
import { timestampKeys } from "../../../models/workload/keys/timestamp-keys.js";
import { uniformKeys } from "../../../models/workload/keys/uniform-keys.js";
import { zipfKeys } from "../../../models/workload/keys/zipf-keys.js";
import { shardProbabilities } from "../../../models/workload/shard-probabilities.js";
import { zipfNormalization, zipfProbability } from "../../../src/engine/distributions/zipf.js";
import type { KeysConfig } from "../../../src/experiment/config/config-types.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";
import { experiment, producer } from "../../helpers/experiment.js";
import { md5Split, nodeMd5HashKey } from "../../helpers/md5-split.js";

const S = 1_000_000;
const Z = 5;
const TWO_128 = 2n ** 128n;

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
      // Tails hashed key by key (a few thousand keys past the head), and too large to hash.
      fc.record({ kind: fc.constant("uniform"), n: fc.integer({ min: 10_001, max: 14_000 }) }),
      fc.record({
        kind: fc.constant("uniform"),
        n: fc.integer({ min: EXACT_TAIL_KEYS + 1, max: 1e9 }),
      }),
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
        expected[evenShardOf(nodeMd5HashKey(key), shards)] = 1;
        expect(probabilities).toEqual(expected);
      }
    }
  });

  it("adds up the exact head masses per shard (zipf, every key in the head)", () => {
    const shards = 5;
    const space = zipfKeys(300, 1.1, "user-");
    const expected = new Float64Array(shards);
    for (const { key, probability } of space.head) {
      const index = evenShardOf(nodeMd5HashKey(key), shards);
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

  it("spreads a tail of keys that follow the clock (timestamps) by hash-range fraction", () => {
    const space = timestampKeys(1000);
    expect(space.tailMass).toBe(1);
    expect(space.tailKeys).toBeUndefined();
    const even = shardProbabilities(space, new ShardRouter(evenSplit(3)));
    for (const p of even) expect(p).toBeCloseTo(1 / 3, 15);
    // Uneven ranges: split the first half of a 2-shard stream into quarters.
    const [low, high] = evenSplit(2) as [HashRange, HashRange];
    const ranges = [...splitRange(low, 2n ** 126n), high];
    const uneven = shardProbabilities(space, new ShardRouter(ranges));
    expect([...uneven]).toEqual([0.25, 0.25, 0.5]);
    for (const [i, range] of ranges.entries()) expect(uneven[i]).toBe(rangeFraction(range));
  });

  const [lowHalf, highHalf] = evenSplit(2) as [HashRange, HashRange];
  const layouts: [string, HashRange[]][] = [
    ["8 even shards", evenSplit(8)],
    ["a half split into 3 uneven parts", [...splitRange(lowHalf, 2n ** 125n), highHalf]],
  ];

  it.each(layouts)(
    "routes the tail's keys one by one, as each record would be (%s)",
    (_, ranges) => {
      const router = new ShardRouter(ranges);
      const cases: [string, ReturnType<typeof uniformKeys>, [string, number][]][] = [
        [
          "uniform, 30,000 keys",
          uniformKeys(30_000, "key-"),
          Array.from({ length: 30_000 }, (_, i) => [`key-${i}`, 1 / 30_000]),
        ],
        [
          "hotShare: 1 hot key, 20,000 cold",
          hotShareKeys(0.3, 1, 20_001, "key-"),
          Array.from({ length: 20_001 }, (_, i) => [`key-${i}`, i === 0 ? 0.3 : 0.7 / 20_000]),
        ],
        (() => {
          const normalization = zipfNormalization(25_000, 1);
          return [
            "zipf, 25,000 keys",
            zipfKeys(25_000, 1, "user-"),
            Array.from({ length: 25_000 }, (_, k) => [
              `user-${k}`,
              zipfProbability(k, 25_000, 1, normalization),
            ]),
          ] as [string, ReturnType<typeof uniformKeys>, [string, number][]];
        })(),
      ];
      for (const [, space, keys] of cases) {
        expect(space.tailMass).toBeGreaterThan(0);
        const probabilities = shardProbabilities(space, router);
        const expected = md5Split(keys, ranges);
        for (let i = 0; i < ranges.length; i++) {
          expect(probabilities[i]).toBeCloseTo(expected[i] as number, 12);
        }
      }
      // 30,000 keys over 8 shards: 3,750 a shard, give or take √3,750 ≈ 61. The split by
      // range width (1/8 each) that this replaced is off by about that much.
      const uniform = shardProbabilities(
        uniformKeys(30_000, "key-"),
        new ShardRouter(evenSplit(8)),
      );
      expect(Math.max(...uniform) * 8).toBeGreaterThan(1.01);
    },
  );

  it("hashes a partial tail's listed keys and spreads the rest of its mass by width", () => {
    // A Zipf tail past EXACT_TAIL_KEYS lists its heaviest keys only; here a small stand-in:
    // 20,000 listed keys carrying half the mass, the other half unlisted.
    const listed = Array.from({ length: 20_000 }, (_, i) => `key-${i}`);
    const space = {
      ...uniformKeys(1, "unused-"),
      head: [],
      tailMass: 1,
      tailKeys: {
        count: listed.length,
        keyName: (j: number) => listed[j] as string,
        probability: () => 0.5 / listed.length,
        partial: true,
      },
    };
    for (const [, ranges] of layouts) {
      const probabilities = shardProbabilities(space, new ShardRouter(ranges));
      const hashed = md5Split(
        listed.map((key) => [key, 0.5 / listed.length]),
        ranges,
      );
      ranges.forEach((range, i) => {
        expect(probabilities[i]).toBeCloseTo(
          (hashed[i] as number) + 0.5 * rangeFraction(range),
          12,
        );
      });
    }
    // zipfKeys lists at most EXACT_TAIL_KEYS tail keys, and says when that is not all.
    const zipf = zipfKeys(EXACT_TAIL_KEYS + 20_000, 1.1, "user-");
    expect(zipf.tailKeys?.count).toBe(EXACT_TAIL_KEYS);
    expect(zipf.tailKeys?.partial).toBe(true);
    expect(zipfKeys(30_000, 1.1, "user-").tailKeys?.partial).toBeUndefined();
  });

  it("places a tail too large to hash by its keys' drawn places, the same across layouts", () => {
    const cardinality = EXACT_TAIL_KEYS + 5_000_000;
    const space = uniformKeys(cardinality, "user-");
    expect(space.tailKeys).toBeUndefined();
    expect(space.tailGroups).toHaveLength(1);
    const counts = new RealizedKeyCounts(cardinality, `keys/user-/0-${cardinality}`);
    const [lowHalf, highHalf] = evenSplit(2) as [HashRange, HashRange];
    const parent = shardProbabilities(space, new ShardRouter(evenSplit(2)));
    const split = shardProbabilities(
      space,
      new ShardRouter([...splitRange(lowHalf, 2n ** 125n), highHalf]),
    );
    expect(sum(parent)).toBeCloseTo(1, 12);
    // Each shard holds the keys drawn in its range (the same draw asked afresh), and a split
    // shard's children share its keys.
    expect(parent[0]).toBeCloseTo(counts.inRange(lowHalf) / cardinality, 15);
    expect((split[0] as number) + (split[1] as number)).toBeCloseTo(parent[0] as number, 14);
    expect(split[2]).toBe(parent[1]);
    // Not the range widths: 9.2 million keys in half the space, give or take 1,500.
    expect(Math.abs((parent[0] as number) - 0.5) * cardinality).toBeGreaterThan(0);
  });

  it("routes a tail key whose top 53 bits equal a shard's start by its full hash key", () => {
    // Shards starting exactly at a key's hash key, and one past it: the key's position (its
    // hash key's top 53 bits) equals the boundary's in both, and only the full hash key
    // decides which side it is on.
    const keys = Array.from({ length: 12_000 }, (_, i) => `key-${i}`);
    const hash = nodeMd5HashKey(keys[11_000] as string);
    for (const start of [hash, hash + 1n]) {
      const ranges: HashRange[] = [
        { startingHashKey: 0n, endingHashKey: start - 1n },
        { startingHashKey: start, endingHashKey: TWO_128 - 1n },
      ];
      const probabilities = shardProbabilities(
        uniformKeys(keys.length, "key-"),
        new ShardRouter(ranges),
      );
      const expected = md5Split(
        keys.map((key) => [key, 1 / keys.length]),
        ranges,
      );
      expect(probabilities[0]).toBeCloseTo(expected[0] as number, 12);
      expect(probabilities[1]).toBeCloseTo(expected[1] as number, 12);
    }
    // The two layouts put that one key on different sides.
    const sideOf = (start: bigint) => (hash >= start ? 1 : 0);
    expect(sideOf(hash)).not.toBe(sideOf(hash + 1n));
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
