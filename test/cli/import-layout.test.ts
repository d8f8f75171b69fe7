import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evenSplit } from "../../models/hashing/even-split.js";
import { MAX_HASH_KEY } from "../../models/hashing/hash-space.js";
import { shardId } from "../../models/hashing/shard-id.js";
import type { ListedShard } from "../../src/cli/import/read-stream.js";
import { shardLayout } from "../../src/cli/import/shard-layout.js";

/** Shards as ListShards would list them, open, over the given ranges. */
function listed(
  ranges: readonly { startingHashKey: bigint; endingHashKey: bigint }[],
): ListedShard[] {
  return ranges.map((range, i) => ({ shardId: shardId(i), ...range, open: true }));
}

describe("shardLayout", () => {
  it("recognizes CreateStream's even split of any count, listed in any order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer(), (count, seed) => {
        const shards = listed(evenSplit(count));
        // A deterministic shuffle: the order ListShards lists them in is not the ranges' order.
        const shuffled = shards
          .map((shard, i) => ({ shard, key: Math.imul(i + 1, seed | 1) >>> 0 }))
          .sort((a, b) => a.key - b.key || a.shard.shardId.localeCompare(b.shard.shardId))
          .map(({ shard }) => shard);
        const layout = shardLayout(shuffled);
        expect(layout.even).toBe(true);
        expect(layout.open.map((entry) => entry.shard.startingHashKey)).toEqual(
          evenSplit(count).map((range) => range.startingHashKey),
        );
        const shares = layout.open.reduce((sum, entry) => sum + entry.share, 0);
        expect(Math.abs(shares - 1)).toBeLessThan(count * 1e-15 + 1e-12);
      }),
    );
  });

  it("sees a boundary moved by one hash key as uneven", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 300 }), fc.nat(), fc.boolean(), (count, at, up) => {
        const ranges = evenSplit(count).map((range) => ({ ...range }));
        const i = at % (count - 1);
        const left = ranges[i] as { startingHashKey: bigint; endingHashKey: bigint };
        const right = ranges[i + 1] as { startingHashKey: bigint; endingHashKey: bigint };
        const shift = up ? 1n : -1n;
        left.endingHashKey += shift;
        right.startingHashKey += shift;
        expect(shardLayout(listed(ranges)).even).toBe(false);
      }),
    );
  });

  it("counts closed shards apart and keeps only the open ones in the map", () => {
    const closed: ListedShard = {
      shardId: "shardId-000000000000",
      startingHashKey: 0n,
      endingHashKey: MAX_HASH_KEY,
      open: false,
    };
    const open = listed(evenSplit(2)).map((shard, i) => ({ ...shard, shardId: shardId(i + 1) }));
    const layout = shardLayout([closed, ...open]);
    expect(layout.closed).toBe(1);
    expect(layout.even).toBe(true);
    expect(layout.open.map((entry) => [entry.shard.shardId, entry.share])).toEqual([
      ["shardId-000000000001", 0.5],
      ["shardId-000000000002", 0.5],
    ]);
  });

  it("refuses open shards that leave a gap, overlap, or stop short of 2^128 − 1", () => {
    const [a, b] = evenSplit(2) as [ListedShard, ListedShard];
    const gap = listed([a, { ...b, startingHashKey: b.startingHashKey + 1n }]);
    expect(() => shardLayout(gap)).toThrow(/without gap or overlap \(at shardId-000000000001\)/);
    const overlap = listed([a, { ...b, startingHashKey: b.startingHashKey - 1n }]);
    expect(() => shardLayout(overlap)).toThrow(/without gap or overlap/);
    const short = listed([a, { ...b, endingHashKey: MAX_HASH_KEY - 1n }]);
    expect(() => shardLayout(short)).toThrow(/end before the last hash key/);
    expect(() => shardLayout([])).toThrow(/no open shard/);
  });
});
