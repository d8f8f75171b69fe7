import { describe, expect, it } from "vitest";
import {
  defaultPeriodUs,
  LONG_RUN_US,
  periodProblem,
} from "../../../src/experiment/cloudwatch/cloudwatch-period.js";

const S = 1_000_000;

describe("the CloudWatch period", () => {
  it("is a minute by default, 5 minutes for runs longer than a day (1,440 minutes)", () => {
    expect(LONG_RUN_US).toBe(1440 * 60 * S);
    expect(defaultPeriodUs(120 * S, S)).toBe(60 * S);
    expect(defaultPeriodUs(LONG_RUN_US, 60 * S)).toBe(60 * S);
    expect(defaultPeriodUs(LONG_RUN_US + S, 60 * S)).toBe(300 * S);
  });

  it("is stretched to whole metrics intervals", () => {
    // A week's default resolution is 600 s: periods of 600 s (the least common multiple).
    expect(defaultPeriodUs(7 * 86_400 * S, 600 * S)).toBe(600 * S);
    // 7 s intervals: 60 and 7 share no factor, so 420 s.
    expect(defaultPeriodUs(600 * S, 7 * S)).toBe(420 * S);
    expect(defaultPeriodUs(600 * S, 100_000)).toBe(60 * S);
  });

  it("must be whole minutes and whole intervals", () => {
    expect(periodProblem(300 * S, S)).toBeUndefined();
    expect(periodProblem(90 * S, S)).toMatch(/^90s is not a whole number of minutes/);
    expect(periodProblem(0, S)).toMatch(/not a whole number of minutes/);
    expect(periodProblem(60 * S, 600 * S)).toBe(
      "1m is not a whole number of the run's 10m metrics intervals; use 10m, or set metricsResolution to divide it",
    );
  });
});
