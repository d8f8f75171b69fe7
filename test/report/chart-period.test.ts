import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CHART_PERIODS_SECONDS,
  chartPeriodSeconds,
  MIN_CHART_POINTS,
  periodName,
} from "../../src/report/chart-period.js";
import { buckets, LINE_POINTS } from "../../src/report/series-view.js";

const HOUR = 3600;
const DAY = 24 * HOUR;

describe("chart periods", () => {
  it("a minute for runs of an hour or more, 5 min past a day, finer only for short runs", () => {
    expect(chartPeriodSeconds(HOUR, 1, LINE_POINTS)).toBe(60);
    expect(chartPeriodSeconds(8 * HOUR, 1, LINE_POINTS)).toBe(60);
    // A day at one minute is 1,440 points, more than a line's 600: 5 min (288).
    expect(chartPeriodSeconds(DAY, 1, LINE_POINTS)).toBe(300);
    expect(chartPeriodSeconds(2 * DAY, 60, LINE_POINTS)).toBe(300);
    expect(chartPeriodSeconds(7 * DAY, 60, LINE_POINTS)).toBe(HOUR);
    // The quickstart's 2 minutes: 1 s (120 points); 10 minutes: 10 s (60 points).
    expect(chartPeriodSeconds(120, 1, LINE_POINTS)).toBe(1);
    expect(chartPeriodSeconds(600, 1, LINE_POINTS)).toBe(10);
    // The heatmap's 180 columns: a day in 15 min.
    expect(chartPeriodSeconds(DAY, 1, 180)).toBe(900);
    // Never finer than the run's metric intervals.
    expect(chartPeriodSeconds(120, 10, LINE_POINTS)).toBe(10);
    expect(chartPeriodSeconds(600, 600, LINE_POINTS)).toBe(600);
  });

  it("for any run: whole metric intervals, at most maxPoints, a ladder period or whole minutes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 * DAY }),
        fc.constantFrom(1, 10, 60, 600, 3600),
        fc.constantFrom(LINE_POINTS, 180),
        (duration, resolution, maxPoints) => {
          const period = chartPeriodSeconds(duration, resolution, maxPoints);
          expect(period % resolution).toBe(0);
          expect(Math.ceil(duration / period)).toBeLessThanOrEqual(maxPoints);
          // A ladder period, or whole minutes (CloudWatch's default stretched to whole
          // intervals of 600 s, say).
          const onLadder = (CHART_PERIODS_SECONDS as readonly number[]).includes(period);
          expect(onLadder || period % 60 === 0).toBe(true);
          // Finer than a minute only when a minute would give too few points.
          if (period < 60) expect(duration / 60).toBeLessThan(MIN_CHART_POINTS);
        },
      ),
    );
  });

  it("buckets are whole periods of intervals, the last cut short by the run's end", () => {
    const view = buckets(150, 1, 150);
    expect(view.periodSeconds).toBe(1);
    const tenMinutes = buckets(630, 1, 630);
    expect(tenMinutes.periodSeconds).toBe(10);
    expect(tenMinutes.ranges[0]).toEqual({ start: 0, end: 10 });
    expect(tenMinutes.ranges.at(-1)).toEqual({ start: 630 - 10, end: 630 });
    const hour = buckets(3630, 1, 3630);
    expect(hour.periodSeconds).toBe(60);
    expect(hour.ranges.at(-1)).toEqual({ start: 3600, end: 3630 });
    expect(periodName(60)).toBe("1 min");
    expect(periodName(5)).toBe("5 s");
    expect(periodName(HOUR)).toBe("1 h");
  });
});
