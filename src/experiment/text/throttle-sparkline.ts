import { sum } from "d3-array";
import { bucketRanges } from "../../stats/buckets.js";
import type { RunSeries } from "../run/result-types.js";

/** Eight heights; the lowest also stands for zero, any throttling shows at least ▂. */
const MARKS = "▁▂▃▄▅▆▇█";

/** The widest sparkline the summary prints (it then fits 80 columns behind its label). */
export const SPARKLINE_MAX_CHARS = 60;

export interface ThrottleSparkline {
  /** One mark per time bucket, at most {@link SPARKLINE_MAX_CHARS}. */
  marks: string;
  /** Seconds of the run each mark stands for. */
  secondsPerMark: number;
  /** The highest bucket's throttled records per second (all shards), the height of █. */
  peakPerSecond: number;
}

/**
 * Throttled put attempts per second over the run, all shards together, as a sparkline:
 * the run is cut into at most `width` buckets and each bucket's rate is scaled against the
 * highest one (█). Empty marks when the series has no intervals.
 *
 * @example throttleSparkline(series).marks // "▁▁▁▂▇████▇▃▁▁"
 */
export function throttleSparkline(
  series: RunSeries,
  width = SPARKLINE_MAX_CHARS,
): ThrottleSparkline {
  const intervals = series.shards[0]?.throttledRecords.length ?? 0;
  const ranges = bucketRanges(intervals, Math.min(width, SPARKLINE_MAX_CHARS));
  const rates = ranges.map(({ start, end }) => {
    let throttled = 0;
    for (const shard of series.shards)
      throttled += sum(shard.throttledRecords.subarray(start, end));
    return throttled / ((end - start) * series.resolutionSeconds);
  });
  const peakPerSecond = Math.max(0, ...rates);
  const marks = rates
    .map((rate) => {
      if (rate <= 0 || peakPerSecond === 0) return MARKS[0];
      return MARKS[Math.max(1, Math.ceil((rate / peakPerSecond) * (MARKS.length - 1)))];
    })
    .join("");
  const secondsPerMark =
    ranges.length === 0 ? 0 : (intervals * series.resolutionSeconds) / ranges.length;
  return { marks, secondsPerMark, peakPerSecond };
}
