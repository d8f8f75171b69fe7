import { max, mean } from "d3-array";
import { bucketRanges } from "../stats/buckets.js";

/**
 * A series' intervals grouped into at most `maxPoints` buckets: a chart 800 units wide gains
 * nothing from more points than it has units, and a day at 1 s would be 86,400 of them.
 */
export interface Buckets {
  ranges: { start: number; end: number }[];
  resolutionSeconds: number;
  durationSeconds: number;
}

/** Points per line in the report's line charts. */
export const LINE_POINTS = 600;

export function buckets(
  intervals: number,
  resolutionSeconds: number,
  durationSeconds: number,
  maxPoints = LINE_POINTS,
): Buckets {
  return { ranges: bucketRanges(intervals, maxPoints), resolutionSeconds, durationSeconds };
}

/** Seconds each bucket spans (the last interval of a run may be cut short by its end). */
export function bucketSeconds(view: Buckets): number {
  const first = view.ranges[0];
  return first === undefined ? 0 : (first.end - first.start) * view.resolutionSeconds;
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
