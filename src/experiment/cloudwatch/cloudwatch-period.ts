import { US_PER_SECOND } from "../../engine/time-units.js";
import { formatDurationUs } from "../config/units.js";

/** Kinesis sends its metrics to CloudWatch once a minute (kinesis-facts.md §10). */
export const MINUTE_US = 60 * US_PER_SECOND;

/**
 * Runs longer than this get 5-minute periods by default: one GetMetricStatistics call returns
 * at most 1,440 data points, a day of one-minute periods, and CloudWatch users looking at
 * longer ranges read 5-minute data points (kept 63 days against 15 for one-minute ones;
 * kinesis-facts.md §10).
 */
export const LONG_RUN_US = 24 * 60 * MINUTE_US;

const FIVE_MINUTES_US = 5 * MINUTE_US;

/**
 * The default period: a minute, or 5 minutes for runs longer than a day, stretched to the
 * least common multiple with the run's metrics resolution so that each period is made of
 * whole intervals (a run of 600 s intervals gets 600 s periods).
 */
export function defaultPeriodUs(durationUs: number, metricsResolutionUs: number): number {
  const base = durationUs > LONG_RUN_US ? FIVE_MINUTES_US : MINUTE_US;
  return leastCommonMultiple(base, metricsResolutionUs);
}

/**
 * Why `periodUs` cannot be a period of this run, or undefined: it must be whole minutes
 * (CloudWatch's Kinesis metrics have no finer data points) and whole metrics intervals.
 */
export function periodProblem(periodUs: number, metricsResolutionUs: number): string | undefined {
  if (periodUs <= 0 || periodUs % MINUTE_US !== 0) {
    return `${formatDurationUs(periodUs)} is not a whole number of minutes (Kinesis sends CloudWatch one data point a minute)`;
  }
  if (periodUs % metricsResolutionUs !== 0) {
    const fitting = leastCommonMultiple(periodUs, metricsResolutionUs);
    return `${formatDurationUs(periodUs)} is not a whole number of the run's ${formatDurationUs(metricsResolutionUs)} metrics intervals; use ${formatDurationUs(fitting)}, or set metricsResolution to divide it`;
  }
  return undefined;
}

function leastCommonMultiple(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return (a / x) * b;
}
