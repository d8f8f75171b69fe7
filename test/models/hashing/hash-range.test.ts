import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  areAdjacent,
  containsHashKey,
  evenSplitPoint,
  type HashRange,
  isSplitShardKeyAllowed,
  mergeRanges,
  rangeFraction,
  rangeWidth,
  splitRange,
} from "../../../models/hashing/hash-range.js";
import { HASH_SPACE, MAX_HASH_KEY } from "../../../models/hashing/hash-space.js";

const range = (startingHashKey: bigint, endingHashKey: bigint): HashRange => ({
  startingHashKey,
  endingHashKey,
});

const hashKey = fc.bigInt({ min: 0n, max: MAX_HASH_KEY });

/** A valid range of at least `minWidth` keys. */
const arbRange = (minWidth = 1n): fc.Arbitrary<HashRange> =>
  fc
    .tuple(hashKey, hashKey)
    .filter(([a, b]) => (a < b ? b - a : a - b) + 1n >= minWidth)
    .map(([a, b]) => (a <= b ? range(a, b) : range(b, a)));

/** A range of at least two keys and a key that splits it (start < key ≤ end). */
const arbSplit = arbRange(2n).chain((r) =>
  fc.tuple(fc.constant(r), fc.bigInt({ min: r.startingHashKey + 1n, max: r.endingHashKey })),
);

describe("rangeWidth and rangeFraction", () => {
  it("measure the whole space and single keys", () => {
    const all = range(0n, MAX_HASH_KEY);
    expect(rangeWidth(all)).toBe(HASH_SPACE);
    expect(rangeFraction(all)).toBe(1);
    expect(rangeFraction(range(0n, 2n ** 127n - 1n))).toBe(0.5);
    expect(rangeWidth(range(5n, 5n))).toBe(1n);
    expect(rangeFraction(range(5n, 5n))).toBe(2 ** -128);
  });

  it("agree with the exact width / 2^128 to double precision", () => {
    fc.assert(
      fc.property(arbRange(), (r) => {
        const fraction = rangeFraction(r);
        // fraction · 2^128 is an exact (integer-valued) double; compare it to the width exactly.
        const width = rangeWidth(r);
        const error = BigInt(fraction * 2 ** 128) - width;
        expect((error < 0n ? -error : error) * 2n ** 51n <= width).toBe(true);
        expect(fraction).toBeGreaterThan(0);
        expect(fraction).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe("containsHashKey", () => {
  it("includes both ends", () => {
    const r = range(10n, 19n);
    expect([9n, 10n, 19n, 20n].map((k) => containsHashKey(r, k))).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});

describe("splitRange", () => {
  it("gives child A [start, new − 1] and child B [new, end]", () => {
    expect(splitRange(range(0n, 99n), 50n)).toEqual([range(0n, 49n), range(50n, 99n)]);
    expect(splitRange(range(0n, 99n), 99n)).toEqual([range(0n, 98n), range(99n, 99n)]);
    expect(splitRange(range(0n, 99n), 1n)).toEqual([range(0n, 0n), range(1n, 99n)]);
  });

  it("rejects keys that would leave a child empty or fall outside", () => {
    for (const bad of [-1n, 0n, 100n, 10n ** 40n]) {
      expect(() => splitRange(range(0n, 99n), bad)).toThrow(RangeError);
    }
    expect(() => splitRange(range(7n, 7n), 7n)).toThrow(
      /cannot split hash range \[7, 7\] at 7: the new starting hash key must be greater than 7 and at most 7/,
    );
  });

  it("children partition the parent exactly", () => {
    fc.assert(
      fc.property(arbSplit, hashKey, ([parent, key], probe) => {
        const [a, b] = splitRange(parent, key);
        expect(a.startingHashKey).toBe(parent.startingHashKey);
        expect(a.endingHashKey + 1n).toBe(b.startingHashKey);
        expect(b.endingHashKey).toBe(parent.endingHashKey);
        expect(rangeWidth(a) >= 1n && rangeWidth(b) >= 1n).toBe(true);
        expect(rangeWidth(a) + rangeWidth(b)).toBe(rangeWidth(parent));
        const inA = containsHashKey(a, probe);
        const inB = containsHashKey(b, probe);
        expect(inA && inB).toBe(false);
        expect(inA || inB).toBe(containsHashKey(parent, probe));
        expect(areAdjacent(a, b)).toBe(true);
      }),
    );
  });

  it("mergeRanges of a split gives back the parent, in either order", () => {
    fc.assert(
      fc.property(arbSplit, ([parent, key]) => {
        const [a, b] = splitRange(parent, key);
        expect(mergeRanges(a, b)).toEqual(parent);
        expect(mergeRanges(b, a)).toEqual(parent);
      }),
    );
  });
});

describe("isSplitShardKeyAllowed", () => {
  it("requires start + 1 < key < end (KL splitShard.js)", () => {
    const r = range(0n, 99n);
    expect([0n, 1n, 2n, 50n, 98n, 99n].map((k) => isSplitShardKeyAllowed(r, k))).toEqual([
      false,
      false,
      true,
      true,
      true,
      false,
    ]);
  });

  it("allows only keys splitRange accepts", () => {
    fc.assert(
      fc.property(arbRange(), hashKey, (r, key) => {
        if (isSplitShardKeyAllowed(r, key)) expect(() => splitRange(r, key)).not.toThrow();
      }),
    );
  });
});

describe("evenSplitPoint", () => {
  it("is (start + end) / 2 with integer division", () => {
    expect(evenSplitPoint(range(0n, 99n))).toBe(49n);
    expect(evenSplitPoint(range(0n, 100n))).toBe(50n);
    expect(evenSplitPoint(range(0n, MAX_HASH_KEY))).toBe(2n ** 127n - 1n);
  });

  it("splits any range of three or more keys into halves differing by at most two", () => {
    fc.assert(
      fc.property(arbRange(3n), (r) => {
        const [a, b] = splitRange(r, evenSplitPoint(r));
        const difference = rangeWidth(b) - rangeWidth(a);
        expect(difference >= 0n && difference <= 2n).toBe(true);
      }),
    );
  });
});

describe("areAdjacent and mergeRanges", () => {
  it("need contiguous ranges", () => {
    expect(areAdjacent(range(0n, 9n), range(10n, 19n))).toBe(true);
    expect(areAdjacent(range(10n, 19n), range(0n, 9n))).toBe(true);
    expect(areAdjacent(range(0n, 9n), range(11n, 19n))).toBe(false);
    expect(areAdjacent(range(0n, 10n), range(10n, 19n))).toBe(false);
    expect(areAdjacent(range(0n, 9n), range(0n, 9n))).toBe(false);
    expect(() => mergeRanges(range(0n, 9n), range(11n, 19n))).toThrow(
      /cannot merge hash ranges \[0, 9\] and \[11, 19\]: they are not adjacent/,
    );
  });
});
