import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evenSplit } from "../../../models/hashing/even-split.js";
import { type HashRange, mergeRanges, splitRange } from "../../../models/hashing/hash-range.js";
import { uniformScalingPlan } from "../../../models/stream/uniform-scaling-plan.js";

/** Applies a plan's steps to a list of ranges, as the stream would. */
function apply(ranges: readonly HashRange[], target: number): HashRange[] {
  let pieces = [...ranges];
  for (const step of uniformScalingPlan(ranges, target)) {
    if (step.kind === "split") {
      const index = pieces.findIndex((piece) => piece.startingHashKey === step.shardStart);
      expect(index).toBeGreaterThanOrEqual(0);
      pieces.splice(index, 1, ...splitRange(pieces[index] as HashRange, step.newStartingHashKey));
    } else {
      const index = pieces.findIndex((piece) => piece.startingHashKey === step.leftStart);
      const right = pieces[index + 1] as HashRange;
      expect(right.startingHashKey).toBe(step.rightStart);
      pieces = [
        ...pieces.slice(0, index),
        mergeRanges(pieces[index] as HashRange, right),
        ...pieces.slice(index + 2),
      ];
    }
  }
  return pieces;
}

describe("uniformScalingPlan (UpdateShardCount, UNIFORM_SCALING)", () => {
  it("doubling is one split per shard, halving one merge per pair", () => {
    expect(uniformScalingPlan(evenSplit(4), 8).map((step) => step.kind)).toEqual(
      Array(4).fill("split"),
    );
    expect(uniformScalingPlan(evenSplit(8), 4).map((step) => step.kind)).toEqual(
      Array(4).fill("merge"),
    );
  });

  it("ends at exactly the even split, from any even split within ½×–2×", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        (from, factor) => {
          const target = Math.max(1, Math.round(from * factor));
          expect(apply(evenSplit(from), target)).toEqual(evenSplit(target));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("ends at the even split from uneven layouts too (after manual splits and merges)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 60 }),
        (from, splits, target) => {
          const ranges = evenSplit(from);
          for (const choice of splits) {
            const index = choice % ranges.length;
            const range = ranges[index] as HashRange;
            const middle = (range.startingHashKey + range.endingHashKey) / 2n;
            if (middle > range.startingHashKey)
              ranges.splice(index, 1, ...splitRange(range, middle));
          }
          expect(apply(ranges, target)).toEqual(evenSplit(target));
        },
      ),
      { numRuns: 200 },
    );
  });
});
