import { US_PER_SECOND } from "../engine/time-units.js";
import { defaultPeriodUs } from "../experiment/cloudwatch/cloudwatch-period.js";

/**
 * The periods a chart over time may use, in seconds: CloudWatch's own (one data point a
 * minute for Kinesis, and the 5 min, 15 min and 1 h a console offers), the high-resolution
 * periods below a minute for runs too short to show minutes, and 6 h and a day for months
 * (kinesis-facts.md §10).
 */
export const CHART_PERIODS_SECONDS = [1, 5, 10, 30, 60, 300, 900, 3600, 21_600, 86_400] as const;

/** Below this many points a chart goes to a finer period: two points do not show a shape. */
export const MIN_CHART_POINTS = 60;

/** Seconds in one minute, Kinesis's own period in CloudWatch (kinesis-facts.md §10). */
export const KINESIS_PERIOD_SECONDS = 60;

/**
 * The period of a chart's points: the one `--format cloudwatch` writes by default (a minute,
 * 5 minutes past a day), then, if that gives fewer than {@link MIN_CHART_POINTS} points, the
 * finest period that gives at least that many, or more than `maxPoints`, the finest that fits.
 * Always a whole number of the run's metric intervals, so a point is whole intervals.
 */
export function chartPeriodSeconds(
  durationSeconds: number,
  resolutionSeconds: number,
  maxPoints: number,
): number {
  const fits = (period: number) => isWholeMultiple(period, resolutionSeconds);
  const points = (period: number) => Math.ceil(durationSeconds / period);
  const usable = CHART_PERIODS_SECONDS.filter(fits);
  const standard =
    defaultPeriodUs(
      Math.round(durationSeconds * US_PER_SECOND),
      Math.round(resolutionSeconds * US_PER_SECOND),
    ) / US_PER_SECOND;
  if (points(standard) > maxPoints) {
    return (
      usable.find((period) => points(period) <= maxPoints) ??
      coarsest(durationSeconds, resolutionSeconds, maxPoints)
    );
  }
  if (points(standard) >= MIN_CHART_POINTS) return standard;
  // Too few points: the coarsest finer period that still gives enough, else the finest there is.
  const finer = usable.filter((period) => period < standard && points(period) <= maxPoints);
  return (
    [...finer].reverse().find((period) => points(period) >= MIN_CHART_POINTS) ??
    finer[0] ??
    standard
  );
}

/** Past a day's periods (a run of years): whole days, as few as fit. */
function coarsest(durationSeconds: number, resolutionSeconds: number, maxPoints: number): number {
  const day = 86_400;
  const unit = isWholeMultiple(day, resolutionSeconds) ? day : resolutionSeconds;
  return Math.ceil(durationSeconds / maxPoints / unit) * unit;
}

function isWholeMultiple(period: number, resolution: number): boolean {
  const ratio = period / resolution;
  return ratio >= 1 && Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

/** "1 min", "5 s", "1 h": a period as a caption names it. */
export function periodName(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${seconds / 60} min`;
  if (seconds < 86_400) return `${seconds / 3600} h`;
  return `${seconds / 86_400} d`;
}
