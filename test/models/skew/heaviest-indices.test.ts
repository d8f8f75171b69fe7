/**
 * heaviestIndices (models/skew/heaviest-indices.ts): the `count` largest positive weights of a
 * dense array, heavier first and ties by index. The reference is the comparator sort of every
 * positive index, kept to `count`; weights come from a small set (zero and fractions included),
 * so that many tie at the cut and indices decide.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { heaviestIndices } from "../../../models/skew/heaviest-indices.js";

function reference(weights: Float64Array, count: number): number[] {
  const positive: number[] = [];
  weights.forEach((weight, i) => {
    if (weight > 0) positive.push(i);
  });
  positive.sort((a, b) => (weights[b] as number) - (weights[a] as number) || a - b);
  return positive.slice(0, Math.max(0, count));
}

describe("heaviestIndices", () => {
  it("lists what sorting every positive index by weight, then index, and keeping `count` lists", () => {
    const weights = fc.array(fc.constantFrom(0, 0.25, 1, 1.5, 2, 7, 1e9), { maxLength: 80 });
    fc.assert(
      fc.property(weights, fc.integer({ min: -1, max: 90 }), (values, count) => {
        const array = Float64Array.from(values);
        expect(heaviestIndices(array, count)).toEqual(reference(array, count));
      }),
      { numRuns: 500 },
    );
  });

  it("keeps the lowest indices among weights tied at the cut", () => {
    const weights = Float64Array.of(3, 1, 0, 1, 1, 5, 1);
    // 5 (index 5), 3 (index 0), then two of the four 1s: indices 1 and 3.
    expect(heaviestIndices(weights, 4)).toEqual([5, 0, 1, 3]);
  });

  it("lists every positive weight when there are fewer than `count`", () => {
    expect(heaviestIndices(Float64Array.of(0, 2, 0, 1), 10)).toEqual([1, 3]);
    expect(heaviestIndices(Float64Array.of(0, 0), 3)).toEqual([]);
  });
});
