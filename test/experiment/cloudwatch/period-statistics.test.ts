import { describe, expect, it } from "vitest";
import {
  countSets,
  periodStatistics,
} from "../../../src/experiment/cloudwatch/period-statistics.js";

describe("periodStatistics", () => {
  it("adds counts per period; the last period takes the intervals left over", () => {
    // Intervals 1..5, two per period: 1+2, 3+4, and 5 alone.
    const periods = periodStatistics(countSets([1, 2, 3, 4, 5]), 2);
    expect(periods.map((p) => p.sum)).toEqual([3, 7, 5]);
    // Each interval is one sample of a count: SampleCount counts intervals, not API calls.
    expect(periods.map((p) => p.sampleCount)).toEqual([2, 2, 1]);
  });

  it("combines statistic sets as CloudWatch does: counts and sums add, maximum of sampled intervals", () => {
    const periods = periodStatistics(
      {
        sampleCount: [2, 0, 1, 3, 0, 0],
        sum: [15, 0, 4, 12, 0, 0],
        // 99 sits in an interval without samples: it must not become the maximum.
        maximum: [10, 99, 4, 7, 50, 50],
      },
      2,
    );
    expect(periods[0]).toEqual({ sampleCount: 2, sum: 15, average: 7.5, maximum: 10 });
    // (4 + 12) ÷ (1 + 3) = 4; max(4, 7) = 7.
    expect(periods[1]).toEqual({ sampleCount: 4, sum: 16, average: 4, maximum: 7 });
    // No samples: no average and no maximum, as CloudWatch has no data point.
    expect(periods[2]).toEqual({ sampleCount: 0, sum: 0 });
  });

  it("reports only what the sets carry: a maximum without sums has no average", () => {
    const periods = periodStatistics({ sampleCount: [1, 4, 2], maximum: [250, 1200, 30] }, 3);
    expect(periods).toEqual([{ sampleCount: 7, maximum: 1200 }]);
  });

  it("one interval per period leaves the values as they are", () => {
    const values = [0, 7, 3.5];
    expect(periodStatistics(countSets(values), 1).map((p) => p.sum)).toEqual(values);
  });

  it("refuses a period that is not a whole number of intervals", () => {
    expect(() => periodStatistics(countSets([1]), 0)).toThrow(/whole number/);
    expect(() => periodStatistics(countSets([1]), 1.5)).toThrow(/whole number/);
  });
});
