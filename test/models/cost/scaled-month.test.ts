import { describe, expect, it } from "vitest";
import { scaledToMonthUsd } from "../../../models/cost/scaled-month.js";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";

describe("scaledToMonthUsd", () => {
  it("the default month is the Pricing Calculator's: 8,760 h a year ÷ 12 = 730 h", () => {
    expect(DEFAULT_PROFILE.hoursPerMonth).toBe((365 * 24) / 12);
  });

  it("scales an hour's bill by 730 and a 2-minute bill by 730 × 30", () => {
    // One provisioned shard for an hour at $0.015 (kinesis-facts.md §11) → $10.95 a month.
    expect(scaledToMonthUsd(0.015, 3600, 730)).toBeCloseTo(10.95, 12);
    expect(scaledToMonthUsd(0.007, 120, 730)).toBeCloseTo(153.3, 12);
    // A run of a whole month is its own month.
    expect(scaledToMonthUsd(42, 730 * 3600, 730)).toBeCloseTo(42, 12);
  });

  it("follows the month it is given: 720 h (AWS's 30-day examples) gives 720 × an hour's bill", () => {
    expect(scaledToMonthUsd(0.015, 3600, 720)).toBeCloseTo(10.8, 12);
  });

  it("gives 0 for a run of no duration rather than dividing by it", () => {
    expect(scaledToMonthUsd(1, 0, 730)).toBe(0);
  });
});
