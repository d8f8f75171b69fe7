import { int } from "../../format/number-format.js";
import { formatDurationUs } from "./units.js";

/**
 * How many time-series points a run may keep: one per metrics interval for every shard and
 * every consumer application (the rows of `timeseries.csv`). The automatic resolution has
 * kept all shards' series within 1,000,000 points; an explicit `metricsResolution` gets the
 * same budget. A point costs at most five float64 values (40 bytes) in memory and about 70
 * bytes of CSV, so the budget keeps a run's series within tens of megabytes and the CSV
 * well below V8's largest string (about 512 million characters).
 */
export const SERIES_POINTS_LIMIT = 1_000_000;

/** The series a run records per interval: one per shard and one per consumer application. */
export interface SeriesRows {
  readonly shards: number;
  readonly consumers: number;
}

/** Intervals of `resolutionUs` covering `durationUs` (as TimeSeries allocates them). */
export function seriesIntervals(durationUs: number, resolutionUs: number): number {
  return Math.max(1, Math.ceil(durationUs / resolutionUs));
}

/**
 * The finest resolution whose series fit `SERIES_POINTS_LIMIT` with `rows` series: with at
 * most ⌊limit ÷ rows⌋ intervals each, ⌈duration ÷ that⌉ microseconds (integers throughout,
 * so the answer is exact and itself accepted).
 */
export function finestMetricsResolutionUs(durationUs: number, rows: number): number {
  const intervals = Math.max(1, Math.floor(SERIES_POINTS_LIMIT / Math.max(1, rows)));
  return Math.max(1, Math.ceil(durationUs / intervals));
}

/**
 * Why an explicit `metricsResolution` is refused, or undefined when its series fit the
 * budget. The message states the bound and the finest resolution this run would accept.
 */
export function metricsResolutionProblem(
  durationUs: number,
  resolutionUs: number,
  rows: SeriesRows,
): string | undefined {
  const series = rows.shards + rows.consumers;
  const intervals = seriesIntervals(durationUs, resolutionUs);
  if (intervals * series <= SERIES_POINTS_LIMIT) return undefined;
  const who =
    rows.consumers === 0
      ? plural(rows.shards, "shard")
      : `(${plural(rows.shards, "shard")} + ${plural(rows.consumers, "consumer")})`;
  const finest = formatDurationUs(finestMetricsResolutionUs(durationUs, series));
  return (
    `${formatDurationUs(resolutionUs)} over ${formatDurationUs(durationUs)} is ${int(intervals)} intervals × ${who}` +
    ` = ${int(intervals * series)} time-series points, above the limit of ${int(SERIES_POINTS_LIMIT)}; use ${finest} or coarser`
  );
}

function plural(count: number, noun: string): string {
  return `${int(count)} ${noun}${count === 1 ? "" : "s"}`;
}
