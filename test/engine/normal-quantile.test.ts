import { describe, expect, it } from "vitest";
import { standardNormalCdf } from "../../models/workload/normal-cdf.js";
import { normalQuantile } from "../../src/engine/distributions/normal-quantile.js";

describe("normalQuantile (Acklam's approximation)", () => {
  it("matches published quantiles of the standard normal law", () => {
    // Reference values: R's qnorm (same as scipy.stats.norm.ppf), to 12 digits.
    const table: [number, number][] = [
      [0.5, 0],
      [0.975, 1.959963984540054],
      [0.9, 1.281551565544601],
      [0.01, -2.326347874040841],
      [1e-4, -3.719016485455709],
      [1e-10, -6.361340902404056],
    ];
    for (const [p, x] of table) expect(Math.abs(normalQuantile(p) - x)).toBeLessThan(1e-8);
  });

  it("inverts Φ (Numerical Recipes' erfc, |error| < 1.2e-7) across (0, 1)", () => {
    for (let i = 1; i < 1000; i++) {
      const p = i / 1000;
      expect(Math.abs(standardNormalCdf(normalQuantile(p)) - p)).toBeLessThan(2e-7);
    }
  });

  it("is antisymmetric about ½ and infinite at the ends", () => {
    for (const p of [1e-9, 0.003, 0.2, 0.4]) {
      expect(normalQuantile(p) + normalQuantile(1 - p)).toBeCloseTo(0, 7);
    }
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
  });
});
