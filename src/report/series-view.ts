import { max, mean } from "d3-array";
import { chartPeriodSeconds } from "./chart-period.js";

/**
 * A series' intervals grouped into periods, CloudWatch's way (kinesis-facts.md §10): one point
 * per period of whole metric intervals, at most `maxPoints` of them (a chart 800 units wide
 * gains nothing from more points than it has units, and a day at 1 s would be 86,400).
 */
export interface Buckets {
  ranges: { start: number; end: number }[];
  resolutionSeconds: number;
  durationSeconds: number;
  /** The period of one point (the last may be cut short by the run's end). */
  periodSeconds: number;
}

/** Points per line in the report's line charts, at most. */
export const LINE_POINTS = 600;

export function buckets(
  intervals: number,
  resolutionSeconds: number,
  durationSeconds: number,
  maxPoints = LINE_POINTS,
): Buckets {
  const periodSeconds = chartPeriodSeconds(durationSeconds, resolutionSeconds, maxPoints);
  const perPeriod = Math.max(1, Math.round(periodSeconds / resolutionSeconds));
  const ranges: { start: number; end: number }[] = [];
  for (let start = 0; start < intervals; start += perPeriod) {
    ranges.push({ start, end: Math.min(intervals, start + perPeriod) });
  }
  return { ranges, resolutionSeconds, durationSeconds, periodSeconds };
}

/** Seconds each bucket spans: its period. */
export function bucketSeconds(view: Buckets): number {
  return view.periodSeconds;
}

/** The middle of each bucket, in seconds into the run (where its point is drawn). */
export function bucketMiddles(view: Buckets): number[] {
  return view.ranges.map(({ start, end }) =>
    Math.min(view.durationSeconds, ((start + end) / 2) * view.resolutionSeconds),
  );
}

/** Each bucket's mean rate per second, for a series of per-interval totals. */
export function meanRate(values: ArrayLike<number>, view: Buckets): number[] {
  return view.ranges.map(
    ({ start, end }) =>
      (mean(Array.prototype.slice.call(values, start, end) as number[]) ?? 0) /
      view.resolutionSeconds,
  );
}

/** Each bucket's highest value, for a series of per-interval maxima (MillisBehindLatest). */
export function peakValue(values: ArrayLike<number>, view: Buckets): number[] {
  return view.ranges.map(
    ({ start, end }) => max(Array.prototype.slice.call(values, start, end) as number[]) ?? 0,
  );
}

/** Whether a shard was open during some of each bucket (closed shards draw no line). */
export function openDuring(
  shard: { openedAtSeconds: number; closedAtSeconds: number | null },
  view: Buckets,
): boolean[] {
  return view.ranges.map(({ start, end }) => {
    const from = start * view.resolutionSeconds;
    const to = end * view.resolutionSeconds;
    return (
      shard.openedAtSeconds < to && (shard.closedAtSeconds === null || shard.closedAtSeconds > from)
    );
  });
}
