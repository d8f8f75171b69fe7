/**
 * RealizedKeyCounts (models/workload/keys/realized-key-counts.ts): the places of a key set too
 * large to hash, drawn as MD5 places distinct keys, uniformly and independently.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HASH_SPACE } from "../../../models/hashing/hash-space.js";
import { RealizedKeyCounts } from "../../../models/workload/keys/realized-key-counts.js";

describe("RealizedKeyCounts", () => {
  it("counts 0 below hash key 0 and every key below 2^128; never falls as the hash key grows", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(fc.bigInt({ min: 0n, max: HASH_SPACE }), { minLength: 1, maxLength: 20 }),
        (count, points) => {
          const keys = new RealizedKeyCounts(count, `test/${count}`);
          expect(keys.below(0n)).toBe(0);
          expect(keys.below(HASH_SPACE)).toBe(count);
          const sorted = [...points].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          let previous = 0;
          for (const point of sorted) {
            const below = keys.below(point);
            expect(below).toBeGreaterThanOrEqual(previous);
            previous = below;
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("gives the same counts whatever is asked first (one draw per key set)", () => {
    const points = [3n << 120n, 1n << 127n, 12345678901234567890n, (HASH_SPACE / 3n) * 2n];
    const forward = new RealizedKeyCounts(50_000_000, "k");
    const first = points.map((point) => forward.below(point));
    const backward = new RealizedKeyCounts(50_000_000, "k");
    const second = [...points].reverse().map((point) => backward.below(point));
    expect(second.reverse()).toEqual(first);
    // Another key set lands elsewhere.
    expect(new RealizedKeyCounts(50_000_000, "other").below(1n << 127n)).not.toBe(first[1]);
  });

  it("puts Binomial(n, f) keys in a range of fraction f: mean and variance over 300 key sets", () => {
    // n = 10^7 keys, a range of a thousandth of the space (not aligned to a power of two): the
    // count is Binomial(n, f), mean n·f = 10,000 and variance n·f·(1 − f) ≈ 9,990. Over 300
    // independent key sets the sample mean's standard error is √(9,990 ÷ 300) ≈ 5.8: we allow
    // 5 of them. The sample variance's relative standard error is about √(2 ÷ 299) ≈ 0.082
    // (a normal count's): we allow 5 of those, 0.59 to 1.41 of the variance.
    const n = 10_000_000;
    const start = (HASH_SPACE / 1000n) * 417n + 12345n;
    const range = { startingHashKey: start, endingHashKey: start + HASH_SPACE / 1000n - 1n };
    const f = 1 / 1000;
    const counts = Array.from({ length: 300 }, (_, i) =>
      new RealizedKeyCounts(n, `binomial/${i}`).inRange(range),
    );
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    const variance = counts.reduce((a, c) => a + (c - mean) ** 2, 0) / (counts.length - 1);
    const expectedVariance = n * f * (1 - f);
    expect(Math.abs(mean - n * f)).toBeLessThan(5 * Math.sqrt(expectedVariance / counts.length));
    expect(variance / expectedVariance).toBeGreaterThan(1 - 5 * Math.sqrt(2 / 299));
    expect(variance / expectedVariance).toBeLessThan(1 + 5 * Math.sqrt(2 / 299));
  });

  it("splits a range's keys between its parts exactly", () => {
    const keys = new RealizedKeyCounts(123_456_789, "parts");
    const a = { startingHashKey: 0n, endingHashKey: (1n << 126n) - 7n };
    const b = { startingHashKey: (1n << 126n) - 6n, endingHashKey: HASH_SPACE - 1n };
    expect(keys.inRange(a) + keys.inRange(b)).toBe(123_456_789);
  });
});
