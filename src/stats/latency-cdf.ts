import type { LatencyHistogram } from "./latency-histogram.js";

/** One point of a latency CDF: `percentile` % of the records took at most `ms`. */
export interface LatencyCdfPoint {
  percentile: number;
  ms: number;
}

/**
 * The percentiles a result keeps: every 2 % for the body of the distribution, then the tail
 * that a reader of latency looks at (99, 99.5, 99.9, 99.99) and the maximum. 55 points keep
 * the result small (about 2 KB of JSON) and draw a smooth curve.
 */
export const CDF_PERCENTILES: readonly number[] = [
  ...Array.from({ length: 50 }, (_, i) => i * 2),
  99,
  99.5,
  99.9,
  99.99,
  100,
];

/**
 * The histogram's distribution as CDF points, in milliseconds rounded to microseconds (the
 * same definition and rounding as {@link LatencyHistogram.summaryMs}); empty when the
 * histogram holds nothing.
 */
export function latencyCdfMs(histogram: LatencyHistogram): LatencyCdfPoint[] {
  if (histogram.count === 0) return [];
  return CDF_PERCENTILES.map((percentile) => ({
    percentile,
    ms: Math.round(histogram.valueAtPercentileUs(percentile)) / 1000,
  }));
}
