import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evenSplit } from "../../../models/hashing/even-split.js";
import { HashKeyCache } from "../../../models/hashing/hash-key-cache.js";
import {
  containsHashKey,
  type HashRange,
  mergeRanges,
  rangeWidth,
  splitRange,
} from "../../../models/hashing/hash-range.js";
import { MAX_HASH_KEY } from "../../../models/hashing/hash-space.js";
import { md5HashKey } from "../../../models/hashing/md5-hash-key.js";
import { ShardRouter } from "../../../models/hashing/shard-router.js";

interface Shard extends HashRange {
  readonly id: number;
}

const hashKey = fc.bigInt({ min: 0n, max: MAX_HASH_KEY });

/**
 * Open shards after an even split and a random sequence of splits and adjacent merges,
 * kept sorted by starting hash key, as a stream's open shards are.
 */
const arbShards: fc.Arbitrary<Shard[]> = fc
  .tuple(
    fc.integer({ min: 1, max: 8 }),
    fc.array(fc.tuple(fc.boolean(), fc.nat(), hashKey), { maxLength: 40 }),
  )
  .map(([initial, operations]) => {
    let nextId = 0;
    let shards: Shard[] = evenSplit(initial).map((r) => ({ ...r, id: nextId++ }));
    for (const [merge, pick, keyPick] of operations) {
      const i = pick % shards.length;
      const shard = shards[i] as Shard;
      const next = shards[i + 1];
      if (merge && next !== undefined) {
        shards = [
          ...shards.slice(0, i),
          { ...mergeRanges(shard, next), id: nextId++ },
          ...shards.slice(i + 2),
        ];
      } else if (rangeWidth(shard) >= 2n) {
        const key = shard.startingHashKey + 1n + (keyPick % (rangeWidth(shard) - 1n));
        const [a, b] = splitRange(shard, key);
        shards = [
          ...shards.slice(0, i),
          { ...a, id: nextId++ },
          { ...b, id: nextId++ },
          ...shards.slice(i + 1),
        ];
      }
    }
    return shards;
  });

function linearScan(shards: readonly Shard[], key: bigint): number {
  return shards.findIndex((shard) => containsHashKey(shard, key));
}

describe("ShardRouter", () => {
  it("routes the ends of every range to that range", () => {
    const shards = evenSplit(7);
    const router = new ShardRouter(shards);
    shards.forEach((shard, i) => {
      expect(router.routeIndex(shard.startingHashKey)).toBe(i);
      expect(router.routeIndex(shard.endingHashKey)).toBe(i);
      expect(router.route(shard.endingHashKey)).toBe(router.shards[i]);
    });
  });

  it("agrees with a linear scan for random keys over random shard sets", () => {
    fc.assert(
      fc.property(arbShards, fc.array(hashKey, { minLength: 1, maxLength: 20 }), (shards, keys) => {
        const router = new ShardRouter(shards);
        const probes = [...keys, ...shards.flatMap((s) => [s.startingHashKey, s.endingHashKey])];
        for (const key of probes) {
          const index = linearScan(shards, key);
          expect(index).toBeGreaterThanOrEqual(0);
          expect(router.routeIndex(key)).toBe(index);
          expect(router.route(key).id).toBe(shards[index]?.id);
        }
      }),
    );
  });

  it("routes partition keys by their MD5 hash key, through the cache", () => {
    const cache = new HashKeyCache();
    const router = new ShardRouter(evenSplit(5), cache);
    for (const key of ["a", "b", "a", "user-42"]) {
      expect(router.routePartitionKey(key)).toBe(router.route(md5HashKey(key)));
    }
    expect(cache.misses).toBe(3);
    expect(cache.hits).toBe(1);
    expect(router.cache).toBe(cache);
  });

  it("rejects hash keys outside the space", () => {
    const router = new ShardRouter(evenSplit(2));
    expect(() => router.route(-1n)).toThrow(RangeError);
    expect(() => router.route(MAX_HASH_KEY + 1n)).toThrow(RangeError);
  });

  it("rejects shard lists that do not cover the space exactly", () => {
    const [a, b, c] = evenSplit(3) as [HashRange, HashRange, HashRange];
    const cases: [HashRange[], RegExp][] = [
      [[], /at least one shard/],
      [[b, c], /first shard must start at hash key 0/],
      [[a, c], /leaves a gap after shard 0/],
      [[a, c, b], /leaves a gap after shard 0/],
      [[a, { ...b, startingHashKey: b.startingHashKey - 1n }, c], /overlaps shard 0/],
      [[a, b], /last shard must end at hash key/],
      [[a, b, { ...c, endingHashKey: MAX_HASH_KEY + 1n }], /last shard must end/],
      [
        [
          { startingHashKey: 0n, endingHashKey: -1n },
          { startingHashKey: 0n, endingHashKey: MAX_HASH_KEY },
        ],
        /empty hash range/,
      ],
    ];
    for (const [shards, message] of cases) {
      expect(() => new ShardRouter(shards)).toThrow(message);
    }
  });

  it("copies the shard list", () => {
    const shards = evenSplit(2);
    const router = new ShardRouter(shards);
    shards.pop();
    expect(router.shards).toHaveLength(2);
  });
});
