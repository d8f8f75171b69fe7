/**
 * Expected per-shard load from the key distributions and the hash ranges (models/skew): sums,
 * the uniform-keys-equal-range-fraction rule, heavy keys, and the fast even-split index
 * agreeing with the simulator's own split (shardProbabilities through a ShardRouter).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evenSplit } from "../../../models/hashing/even-split.js";
import { HashKeyCache } from "../../../models/hashing/hash-key-cache.js";
import { type HashRange, rangeFraction, splitRange } from "../../../models/hashing/hash-range.js";
import { md5HashKey } from "../../../models/hashing/md5-hash-key.js";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import {
  expectedShardLoads,
  heaviestKeys,
  heaviestTailKeyLoad,
  shardWriteLimits,
  utilization,
} from "../../../models/skew/expected-load.js";
import { KeyMassIndex } from "../../../models/skew/key-mass-index.js";
import {
  heaviestTailKey,
  type ProducerLoad,
  producerLoads,
} from "../../../models/skew/producer-load.js";
import { RealizedKeyCounts } from "../../../models/workload/keys/realized-key-counts.js";
import { EXACT_TAIL_KEYS } from "../../../models/workload/keys/tail-keys.js";
import type { KeysConfig, ProducerConfig } from "../../../src/experiment/config/config-types.js";
import { producer } from "../../helpers/experiment.js";

const limits = shardWriteLimits(DEFAULT_PROFILE);

const keysArbitrary: fc.Arbitrary<KeysConfig> = fc.oneof(
  fc.record({
    distribution: fc.constant("uniform" as const),
    // Listed keys only, a tail listed key by key past the head, and one too large to list.
    cardinality: fc.oneof(
      fc.integer({ min: 1, max: 2000 }),
      fc.integer({ min: 10_001, max: 14_000 }),
      fc.integer({ min: EXACT_TAIL_KEYS + 1, max: 1e8 }),
    ),
    prefix: fc.constant("k-"),
  }),
  fc.record({
    distribution: fc.constant("zipf" as const),
    cardinality: fc.integer({ min: 1, max: 2000 }),
    exponent: fc.double({ min: 0.3, max: 2.5, noNaN: true }),
    prefix: fc.constant("k-"),
  }),
  fc.record({
    distribution: fc.constant("hotShare" as const),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
    hotKeys: fc.integer({ min: 1, max: 20 }),
    cardinality: fc.integer({ min: 1, max: 100_000 }),
    prefix: fc.constant("k-"),
  }),
  fc.record({ distribution: fc.constant("hot" as const), key: fc.string({ minLength: 1 }) }),
);

const producerArbitrary: fc.Arbitrary<ProducerConfig> = fc
  .record({
    rate: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 50_000, noNaN: true })),
    bytes: fc.integer({ min: 1, max: 100_000 }),
    keys: keysArbitrary,
  })
  .map(({ rate, bytes, keys }) =>
    producer({ rate, keys, recordSize: { distribution: "fixed", bytes } }),
  );

const producersArbitrary = fc.array(producerArbitrary, { minLength: 1, maxLength: 3 });

describe("expectedShardLoads", () => {
  it("sums to the producers' total records/s and bytes/s", () => {
    fc.assert(
      fc.property(producersArbitrary, fc.integer({ min: 1, max: 64 }), (configs, shards) => {
        const loads = producerLoads(configs);
        const expected = expectedShardLoads(loads, evenSplit(shards), limits);
        const records = loads.reduce((sum, load) => sum + load.recordsPerSecond, 0);
        const bytes = loads.reduce(
          (sum, load) => sum + load.recordsPerSecond * load.meanRecordBytes,
          0,
        );
        const sumRecords = expected.reduce((sum, load) => sum + load.recordsPerSecond, 0);
        const sumBytes = expected.reduce((sum, load) => sum + load.bytesPerSecond, 0);
        expect(expected).toHaveLength(shards);
        expect(Math.abs(sumRecords - records)).toBeLessThanOrEqual(1e-9 * Math.max(1, records));
        expect(Math.abs(sumBytes - bytes)).toBeLessThanOrEqual(1e-9 * Math.max(1, bytes));
        const shares = expected.reduce((sum, load) => sum + load.share, 0);
        if (records > 0) expect(shares).toBeCloseTo(1, 9);
        for (const load of expected) {
          expect(load.utilization).toBeCloseTo(
            utilization(load.recordsPerSecond, load.bytesPerSecond, limits),
            12,
          );
        }
      }),
      { numRuns: 40 },
    );
  });

  it("with uniform keys too many to hash, each shard's share is the keys drawn in its range", () => {
    const n = 5_000_000;
    const [load] = producerLoads([
      producer({ rate: 3000, keys: { distribution: "uniform", cardinality: n, prefix: "user-" } }),
    ]);
    const counts = new RealizedKeyCounts(n, `keys/user-/0-${n}`);
    const even = evenSplit(7);
    // An uneven layout too: split shard 3 off-centre.
    const [a, b] = splitRange(
      even[3] as HashRange,
      (even[3] as HashRange).startingHashKey + 12345n,
    );
    const uneven = [...even.slice(0, 3), a, b, ...even.slice(4)];
    for (const ranges of [even, uneven]) {
      const loads = expectedShardLoads([load as never], ranges, limits);
      ranges.forEach((range, i) => {
        const share = counts.inRange(range) / n;
        expect(loads[i]?.share).toBeCloseTo(share, 12);
        expect(loads[i]?.recordsPerSecond).toBeCloseTo(3000 * share, 6);
        // Binomial(n, f) keys: within 5 standard deviations of the range's fraction f.
        const f = rangeFraction(range);
        expect(Math.abs(share - f)).toBeLessThanOrEqual(5 * Math.sqrt((f * (1 - f)) / n));
      });
    }
  });

  it("puts a single hot key's whole rate on the shard it hashes to", () => {
    const loads = producerLoads([
      producer({ rate: 1500, keys: { distribution: "hot", key: "key-0" } }),
    ]);
    const expected = expectedShardLoads(loads, evenSplit(8), limits);
    expect(expected.filter((load) => load.recordsPerSecond > 0)).toHaveLength(1);
    expect(expected[5]?.recordsPerSecond).toBe(1500); // hot-key.yaml: MD5 puts key-0 on shard 5
    expect(expected[5]?.utilization).toBeCloseTo(1.5, 12);
  });
});

describe("heaviestKeys", () => {
  it("lists head keys heaviest first, merged across producers, with their shard", () => {
    const loads = producerLoads([
      producer({
        name: "a",
        rate: 5000,
        recordSize: { distribution: "fixed", bytes: 1000 },
        keys: {
          distribution: "hotShare",
          share: 0.3,
          hotKeys: 1,
          cardinality: 50_000,
          prefix: "key-",
        },
      }),
      producer({
        name: "b",
        rate: 100,
        recordSize: { distribution: "fixed", bytes: 1000 },
        keys: { distribution: "fixed", keys: ["key-0", "other"] },
      }),
    ]);
    const keys = heaviestKeys(loads, limits, 3, evenSplit(8));
    expect(keys.map((key) => key.key)).toEqual(["key-0", "other"]);
    expect(keys[0]?.recordsPerSecond).toBeCloseTo(1550, 9);
    expect(keys[0]?.bytesPerSecond).toBeCloseTo(1550 * 1005, 6);
    expect(keys[0]?.utilization).toBeCloseTo(1.55, 9);
    expect(keys[0]?.shardIndex).toBe(5);
    expect(heaviestKeys(loads, limits, 1)).toHaveLength(1);
  });

  it("merges a key listed twice in one producer's fixed list", () => {
    const loads = producerLoads([
      producer({
        name: "a",
        rate: 300,
        recordSize: { distribution: "fixed", bytes: 100 },
        keys: { distribution: "fixed", keys: ["b", "a", "b"] },
      }),
    ]);
    const keys = heaviestKeys(loads, limits, 2);
    expect(keys.map((key) => key.key)).toEqual(["b", "a"]);
    expect(keys[0]?.recordsPerSecond).toBeCloseTo(200, 9);
    expect(keys[0]?.bytesPerSecond).toBeCloseTo(200 * 101, 9);
    expect(keys[1]?.recordsPerSecond).toBeCloseTo(100, 9);
  });

  it("gives for one producer of distinct keys exactly what merging its keys gives", () => {
    // heaviestKeys takes a single producer whose head holds no key twice (distinctHead) as
    // it is; the same keys with the flag dropped go through the merging path.
    fc.assert(
      fc.property(producerArbitrary, fc.integer({ min: 0, max: 12 }), (config, count) => {
        const [load] = producerLoads([config]) as [ProducerLoad];
        if (load.recordsPerSecond > 0 && load.keys.head.length > 0) {
          expect(load.keys.distinctHead === true || config.keys.distribution === "hot").toBe(true);
        }
        const merged = { ...load, keys: { ...load.keys, distinctHead: false } };
        const ranges = evenSplit(7);
        expect(heaviestKeys([load], limits, count, ranges)).toEqual(
          heaviestKeys([merged], limits, count, ranges),
        );
      }),
      { numRuns: 100 },
    );
  });

  it("lists what sorting every key by load (then name) and keeping the first `count` lists", () => {
    // Weights from a small set, so that many keys tie and the name decides.
    const producersArbitrary = fc.array(
      fc.record({
        rate: fc.integer({ min: 1, max: 5000 }),
        keys: fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 40 }),
        weights: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 40, maxLength: 40 }),
      }),
      { minLength: 1, maxLength: 3 },
    );
    fc.assert(
      fc.property(producersArbitrary, fc.integer({ min: 0, max: 70 }), (specs, count) => {
        const loads = producerLoads(
          specs.map((spec, p) =>
            producer({
              name: `p${p}`,
              rate: spec.rate,
              recordSize: { distribution: "fixed", bytes: 100 },
              keys: {
                distribution: "empirical",
                keys: spec.keys.map((k) => `k${k}`),
                hashKeys: spec.keys.map(() => ""),
                counts: spec.keys.map((_, i) => spec.weights[i] ?? 1),
              },
            }),
          ),
        );
        const total = new Map<string, number>();
        for (const load of loads)
          for (const { key, probability } of load.keys.head)
            total.set(key, (total.get(key) ?? 0) + load.recordsPerSecond * probability);
        const expected = [...total]
          .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
          .slice(0, count)
          .map(([key]) => key);
        expect(heaviestKeys(loads, limits, count).map((key) => key.key)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("finds the heaviest tail key of uniform and hotShare tails", () => {
    expect(
      heaviestTailKey({ distribution: "uniform", cardinality: 100, prefix: "k-" }),
    ).toBeUndefined();
    expect(heaviestTailKey({ distribution: "uniform", cardinality: 20_000, prefix: "k-" })).toEqual(
      {
        key: "k-0",
        probability: 1 / 20_000,
        alike: 20_000,
      },
    );
    expect(
      heaviestTailKey({
        distribution: "hotShare",
        share: 0.5,
        hotKeys: 20_000,
        cardinality: 30_000,
        prefix: "k-",
      }),
    ).toEqual({ key: "k-0", probability: 0.5 / 20_000, alike: 20_000 });
    expect(
      heaviestTailKey({
        distribution: "hotShare",
        share: 0.3,
        hotKeys: 1,
        cardinality: 50_000,
        prefix: "k-",
      }),
    ).toEqual({ key: "k-1", probability: 0.7 / 49_999, alike: 49_999 });
    const loads = producerLoads([
      producer({ rate: 1e8, keys: { distribution: "uniform", cardinality: 20_000, prefix: "k-" } }),
    ]);
    expect(heaviestTailKeyLoad(loads, limits)?.recordsPerSecond).toBeCloseTo(5000, 6);
  });
});

describe("KeyMassIndex", () => {
  it("agrees with the router-based split: range loads and the hottest even-split shard", () => {
    fc.assert(
      fc.property(producersArbitrary, fc.integer({ min: 1, max: 200 }), (configs, shards) => {
        const loads = producerLoads(configs);
        const cache = new HashKeyCache();
        const index = new KeyMassIndex(loads, cache);
        const ranges = evenSplit(shards);
        const expected = expectedShardLoads(loads, ranges, limits, cache);
        ranges.forEach((range, i) => {
          const load = index.loadInRange(range);
          const want = expected[i] as { recordsPerSecond: number; bytesPerSecond: number };
          expect(Math.abs(load.recordsPerSecond - want.recordsPerSecond)).toBeLessThanOrEqual(
            1e-9 * Math.max(1, index.totalRecordsPerSecond),
          );
          expect(Math.abs(load.bytesPerSecond - want.bytesPerSecond)).toBeLessThanOrEqual(
            1e-9 * Math.max(1, index.totalBytesPerSecond),
          );
        });
        // The search over shard counts takes a key set too large to hash at its ranges'
        // shares (KeyMassIndex.hottestEvenSplitShard); the router counts its drawn keys.
        if (loads.some((load) => load.keys.tailGroups !== undefined)) return;
        const max = Math.max(...expected.map((load) => load.utilization));
        const hottest = index.hottestEvenSplitShard(shards, limits);
        expect(Math.abs(hottest.utilization - max)).toBeLessThanOrEqual(1e-9 * Math.max(1, max));
        // The same shard: its utilization there agrees to the same relative 1e-9 (the two sum
        // thousands of listed tail keys in different orders).
        const there = expected[hottest.shardIndex]?.utilization ?? Number.NaN;
        expect(Math.abs(there - hottest.utilization)).toBeLessThanOrEqual(1e-9 * Math.max(1, max));
      }),
      { numRuns: 40 },
    );
  });

  it("counts a key whose hash key is a range's first or last, and not one just outside", () => {
    const loads = producerLoads([
      producer({ rate: 300, keys: { distribution: "fixed", keys: ["a", "b", "c"] } }),
    ]);
    const index = new KeyMassIndex(loads);
    const b = md5HashKey("b");
    const only = (startingHashKey: bigint, endingHashKey: bigint) =>
      index.loadInRange({ startingHashKey, endingHashKey }).recordsPerSecond;
    expect(only(b, b)).toBeCloseTo(100, 9);
    expect(only(b + 1n, b + 1n)).toBe(0);
    expect(only(b - 1n, b - 1n)).toBe(0);
    expect(only(0n, 2n ** 128n - 1n)).toBeCloseTo(300, 9);
  });

  it("finds the same hottest shard as the router for many shard counts of one key set", () => {
    const loads = producerLoads([
      producer({ rate: 1000, keys: { distribution: "uniform", cardinality: 3000, prefix: "u" } }),
    ]);
    const cache = new HashKeyCache();
    const index = new KeyMassIndex(loads, cache);
    for (let shards = 1; shards <= 300; shards += 7) {
      const expected = expectedShardLoads(loads, evenSplit(shards), limits, cache);
      const max = Math.max(...expected.map((load) => load.utilization));
      expect(index.hottestEvenSplitShard(shards, limits).utilization).toBeCloseTo(max, 12);
    }
  });
});
