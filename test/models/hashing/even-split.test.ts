import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evenSplit } from "../../../models/hashing/even-split.js";
import { rangeFraction, rangeWidth } from "../../../models/hashing/hash-range.js";
import { HASH_SPACE, MAX_HASH_KEY } from "../../../models/hashing/hash-space.js";

const shardCount = fc.integer({ min: 1, max: 2000 });

describe("evenSplit", () => {
  it("for 3 shards equals the AWS CLI describe-stream example (kinesis-facts.md §4)", () => {
    expect(evenSplit(3)).toEqual([
      { startingHashKey: 0n, endingHashKey: 113427455640312821154458202477256070484n },
      {
        startingHashKey: 113427455640312821154458202477256070485n,
        endingHashKey: 226854911280625642308916404954512140969n,
      },
      {
        startingHashKey: 226854911280625642308916404954512140970n,
        endingHashKey: 340282366920938463463374607431768211455n,
      },
    ]);
  });

  it("for 1 shard is the whole space, for 2 shards halves it", () => {
    expect(evenSplit(1)).toEqual([{ startingHashKey: 0n, endingHashKey: MAX_HASH_KEY }]);
    expect(evenSplit(2)).toEqual([
      { startingHashKey: 0n, endingHashKey: 2n ** 127n - 1n },
      { startingHashKey: 2n ** 127n, endingHashKey: MAX_HASH_KEY },
    ]);
  });

  it("rejects shard counts that are not positive integers", () => {
    for (const bad of [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => evenSplit(bad)).toThrow(RangeError);
    }
  });

  it("covers [0, 2^128 − 1] contiguously, with no gap or overlap", () => {
    fc.assert(
      fc.property(shardCount, (n) => {
        const ranges = evenSplit(n);
        expect(ranges).toHaveLength(n);
        expect(ranges[0]?.startingHashKey).toBe(0n);
        expect(ranges.at(-1)?.endingHashKey).toBe(MAX_HASH_KEY);
        for (let i = 1; i < n; i++) {
          expect(ranges[i]?.startingHashKey).toBe((ranges[i - 1]?.endingHashKey ?? -2n) + 1n);
        }
        for (const r of ranges) expect(r.startingHashKey <= r.endingHashKey).toBe(true);
      }),
    );
  });

  it("gives every shard floor(2^128 / N) keys, the last one also the remainder", () => {
    fc.assert(
      fc.property(shardCount, (n) => {
        const h = HASH_SPACE / BigInt(n);
        const widths = evenSplit(n).map(rangeWidth);
        expect(widths.slice(0, -1).every((w) => w === h)).toBe(true);
        expect(widths.at(-1)).toBe(h + (HASH_SPACE % BigInt(n)));
        expect(widths.reduce((sum, w) => sum + w, 0n)).toBe(HASH_SPACE);
      }),
    );
  });

  it("has range fractions summing to 1 within 1e-12", () => {
    fc.assert(
      fc.property(shardCount, (n) => {
        const total = evenSplit(n).reduce((sum, r) => sum + rangeFraction(r), 0);
        expect(Math.abs(total - 1)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });
});
