/**
 * heaviestSlots (models/skew/heaviest-slots.ts): the `count` heaviest of distinct keys,
 * heavier first and ties by name. The reference is sorting every slot that way and keeping
 * the first `count`; weights come from a small set, so that many keys tie and names decide.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { heaviestSlots } from "../../../models/skew/heaviest-slots.js";

describe("heaviestSlots", () => {
  it("lists what sorting every slot by weight, then name, and keeping `count` lists", () => {
    const slots = fc.uniqueArray(
      fc.record({ key: fc.string({ maxLength: 4 }), weight: fc.constantFrom(0, 0.5, 1, 2, 7) }),
      { selector: (slot) => slot.key, maxLength: 60 },
    );
    fc.assert(
      fc.property(slots, fc.integer({ min: 0, max: 70 }), (entries, count) => {
        const keys = entries.map((entry) => entry.key);
        const weights = entries.map((entry) => entry.weight);
        const expected = entries
          .map((_, slot) => slot)
          .sort((a, b) => {
            const byWeight = (weights[b] as number) - (weights[a] as number);
            if (byWeight !== 0) return byWeight;
            return (keys[a] as string) < (keys[b] as string) ? -1 : 1;
          })
          .slice(0, count);
        expect(heaviestSlots(keys, weights, count)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("puts the heavier first and breaks ties by name", () => {
    expect(heaviestSlots(["b", "a", "c"], [1, 1, 5], 2)).toEqual([2, 1]);
    expect(heaviestSlots(["b", "a"], [1, 1], 0)).toEqual([]);
  });
});
