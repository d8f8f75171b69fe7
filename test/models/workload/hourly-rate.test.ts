import { describe, expect, it } from "vitest";
import { HourlyRate } from "../../../models/workload/hourly-rate.js";

const S = 1_000_000;
const H = 3600 * S;
const DAY = 24 * H;

/** Four busy hours at 3,000/s, twenty quiet ones at 600/s: mean (12,000 + 12,000) ÷ 24 = 1,000. */
const THREE_TIMES_PEAK = [
  ...Array.from({ length: 9 }, () => 600),
  3000,
  3000,
  3000,
  3000,
  ...Array.from({ length: 11 }, () => 600),
];

describe("HourlyRate", () => {
  it("a day's mean is the mean of the 24 rates and its peak the largest: 3× here", () => {
    const rate = new HourlyRate(THREE_TIMES_PEAK);
    const mean = rate.expectedCount(0, DAY) / 86_400;
    expect(mean).toBeCloseTo(1000, 9);
    expect(rate.maxRate).toBe(3000);
    expect(rate.maxRate / mean).toBeCloseTo(3, 9);
  });

  it("holds each rate for its hour (steps), the first from 0:00", () => {
    const rate = new HourlyRate(THREE_TIMES_PEAK);
    expect(rate.rateAt(0)).toBe(600);
    expect(rate.rateAt(9 * H - 1)).toBe(600);
    expect(rate.rateAt(9 * H)).toBe(3000);
    expect(rate.rateAt(13 * H - 1)).toBe(3000);
    expect(rate.rateAt(13 * H)).toBe(600);
  });

  it("repeats every day, and integrates exactly across hours and days", () => {
    const rates = Array.from({ length: 24 }, (_, hour) => hour * 10);
    const rate = new HourlyRate(rates);
    expect(rate.rateAt(DAY + 5 * H)).toBe(50);
    // 1:30 → 3:15: half an hour at 10/s, an hour at 20/s, a quarter hour at 30/s.
    expect(rate.expectedCount(1.5 * H, 3.25 * H)).toBeCloseTo(1800 * 10 + 3600 * 20 + 900 * 30, 6);
    // Three whole days are three times one; the same span a day later counts the same.
    expect(rate.expectedCount(0, 3 * DAY)).toBeCloseTo(3 * rate.expectedCount(0, DAY), 6);
    expect(rate.expectedCount(DAY + 1.5 * H, DAY + 3.25 * H)).toBeCloseTo(
      rate.expectedCount(1.5 * H, 3.25 * H),
      6,
    );
  });

  it("refuses any count but 24", () => {
    expect(() => new HourlyRate([1, 2, 3])).toThrow(RangeError);
  });
});
