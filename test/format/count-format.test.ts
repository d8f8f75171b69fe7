import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { metricValue } from "../../src/experiment/compare/metric-text.js";
import { COMPACT_COUNT_FROM, count, int } from "../../src/format/number-format.js";

describe("count: the one format of a count", () => {
  it("every digit below 10 million, three figures in M, B, T from there", () => {
    expect(count(0)).toBe("0");
    expect(count(1_350_018)).toBe("1,350,018");
    expect(count(9_999_999)).toBe("9,999,999");
    expect(count(10_000_000)).toBe("10.0 M");
    expect(count(43_712_345)).toBe("43.7 M");
    expect(count(216_049_999)).toBe("216 M");
    // The "2160.1 M": billions are billions.
    expect(count(2_160_100_000)).toBe("2.16 B");
    // Rounding up across a unit changes the unit: never "1000 M".
    expect(count(999_600_000)).toBe("1.00 B");
    expect(count(3.2e13)).toBe("32.0 T");
  });

  it("below the threshold it is the exact integer; above, within half a unit in the third figure", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: COMPACT_COUNT_FROM - 1 }), (n) => {
        expect(count(n)).toBe(int(n));
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: COMPACT_COUNT_FROM, max: 1e15, noNaN: true }), (n) => {
        const match = /^([\d,]+(?:\.\d+)?) ([MBT])$/.exec(count(n));
        expect(match).not.toBeNull();
        const [, text = "", unit = ""] = match ?? [];
        const digits = text.replace(/,/g, "");
        const size = { M: 1e6, B: 1e9, T: 1e12 }[unit] ?? Number.NaN;
        // Three significant figures: the figures, ignoring the point, number exactly three
        // (or more for thousands of trillions), and the value is within half the last one.
        expect(digits.replace(".", "").replace(/^0+/, "").length).toBeGreaterThanOrEqual(3);
        const shown = Number(digits) * size;
        const lastFigure = 10 ** (Math.floor(Math.log10(n)) - 2);
        expect(Math.abs(shown - n)).toBeLessThanOrEqual(lastFigure / 2 + n * 1e-12);
        if (unit !== "T") expect(Number(digits)).toBeLessThan(1000);
      }),
    );
  });

  it("the comparison's count rows use it", () => {
    expect(metricValue("count", 43_712_345)).toBe("43.7 M");
    expect(metricValue("count", 1_350_018)).toBe("1,350,018");
  });
});
