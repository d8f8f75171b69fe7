import { describe, expect, it } from "vitest";
import { SCALED_MONTH_HOURS, scaledToMonthUsd } from "../../../models/cost/scaled-month.js";

describe("scaledToMonthUsd", () => {
  it("counts a month as the Pricing Calculator does: 8,760 h a year ÷ 12 = 730 h", () => {
    expect(SCALED_MONTH_HOURS).toBe(730);
  });

  it("scales an hour's bill by 730 and a 2-minute bill by 730 × 30", () => {
    // One provisioned shard for an hour at $0.015 (kinesis-facts.md §11) → $10.95 a month.
    expect(scaledToMonthUsd(0.015, 3600)).toBeCloseTo(10.95, 12);
    expect(scaledToMonthUsd(0.007, 120)).toBeCloseTo(153.3, 12);
    // A run of a whole 730-hour month is its own month.
    expect(scaledToMonthUsd(42, 730 * 3600)).toBeCloseTo(42, 12);
  });

  it("gives 0 for a run of no duration rather than dividing by it", () => {
    expect(scaledToMonthUsd(1, 0)).toBe(0);
  });
});
