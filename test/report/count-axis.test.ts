import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countAxis } from "../../src/report/count-axis.js";

/** Any data range a count chart meets: nothing, fractions of a record per second, billions. */
const highest = fc.oneof(
  fc.constant(0),
  fc.double({ min: 1e-9, max: 1, noNaN: true }),
  fc.double({ min: 1, max: 1e6, noNaN: true }),
  fc.double({ min: 1e6, max: 1e15, noNaN: true }),
);

describe("countAxis", () => {
  it("all zero (nothing throttled): the axis 0 to 1, labelled 0 and 1", () => {
    const axis = countAxis(0);
    expect(axis.top).toBe(1);
    expect(axis.ticks.map(axis.format)).toEqual(["0", "1"]);
    expect(countAxis(0, 5, true).ticks.map(countAxis(0).format)).toEqual(["0", "1"]);
  });

  it("the quickstart's case: under one throttle a second, labels in tenths, not 0,0,0,1,1,1", () => {
    const axis = countAxis(0.9);
    expect(axis.ticks.map(axis.format)).toEqual(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
    const whole = countAxis(0.9, 5, true);
    expect(whole.ticks.map(whole.format)).toEqual(["0", "1"]);
  });

  it("large counts in one unit with the decimals the step needs", () => {
    const axis = countAxis(2.16e9);
    expect(axis.ticks.map(axis.format)).toEqual(["0", "0.5 B", "1.0 B", "1.5 B", "2.0 B", "2.5 B"]);
    const thousands = countAxis(1_350_018);
    expect(thousands.ticks.map(thousands.format)).toEqual([
      "0",
      "200,000",
      "400,000",
      "600,000",
      "800,000",
      "1,000,000",
      "1,200,000",
      "1,400,000",
    ]);
  });

  it("for any range: starts at 0, reaches the highest value, labels strictly increasing and distinct", () => {
    fc.assert(
      fc.property(highest, fc.integer({ min: 2, max: 10 }), fc.boolean(), (top, count, whole) => {
        const axis = countAxis(top, count, whole);
        expect(axis.ticks[0]).toBe(0);
        expect(axis.top).toBe(axis.ticks[axis.ticks.length - 1]);
        expect(axis.top).toBeGreaterThanOrEqual(top);
        expect(axis.ticks.length).toBeGreaterThanOrEqual(2);
        const labels = axis.ticks.map(axis.format);
        expect(new Set(labels).size).toBe(labels.length);
        // Strictly increasing as numbers: the label read back (units and separators undone).
        const read = labels.map((text) => {
          const [digits = "", unit] = text.replace(/,/g, "").split(" ");
          const size = { M: 1e6, B: 1e9, T: 1e12 }[unit ?? ""] ?? 1;
          return Number(digits) * size;
        });
        for (let i = 1; i < read.length; i++) {
          expect(read[i]).toBeGreaterThan(read[i - 1] as number);
        }
        for (let i = 1; i < axis.ticks.length; i++) {
          expect(axis.ticks[i]).toBeGreaterThan(axis.ticks[i - 1] as number);
        }
        if (whole) expect(axis.ticks.every(Number.isInteger)).toBe(true);
        // Not a wall of ticks either: d3's step for `count` gives at most about twice as many.
        expect(axis.ticks.length).toBeLessThanOrEqual(2 * count + 2);
      }),
      { numRuns: 500 },
    );
  });
});
