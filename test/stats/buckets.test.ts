import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bucketRanges } from "../../src/stats/buckets.js";

describe("bucketRanges", () => {
  it("covers every interval once, in order, in at most maxBuckets runs differing by ≤ 1", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 700 }),
        (length, maxBuckets) => {
          const ranges = bucketRanges(length, maxBuckets);
          expect(ranges.length).toBe(Math.min(length, maxBuckets));
          let next = 0;
          for (const { start, end } of ranges) {
            expect(start).toBe(next);
            expect(end).toBeGreaterThan(start);
            next = end;
          }
          expect(next).toBe(length);
          const sizes = ranges.map(({ start, end }) => end - start);
          if (sizes.length > 0)
            expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it("matches the documented example", () => {
    expect(bucketRanges(10, 4)).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 5 },
      { start: 5, end: 7 },
      { start: 7, end: 10 },
    ]);
  });
});
