import type { RunSeries } from "../experiment/run/result-types.js";
import { chartFrame, chartSvg } from "./chart-frame.js";
import { type OverTime, overTime } from "./over-time.js";
import { INK, LIMIT } from "./palette.js";
import { bucketMiddles, buckets, meanRate } from "./series-view.js";
import { group, label } from "./svg.js";
import { timeLinesPanel } from "./time-lines-panel.js";

export interface ThrottledInput extends OverTime {
  series: RunSeries;
}

/** Throttled put attempts per second over time, all shards together (retries included). */
export function throttledChart(input: ThrottledInput): string {
  const { series } = input;
  const intervals = series.shards[0]?.throttledRecords.length ?? 0;
  const view = buckets(intervals, series.resolutionSeconds, input.durationSeconds);
  const total = new Float64Array(intervals);
  for (const shard of series.shards) {
    shard.throttledRecords.forEach((value, i) => {
      total[i] = (total[i] ?? 0) + value;
    });
  }
  const frame = chartFrame(250, { top: 30, right: 24, bottom: 40, left: 70 });
  const panel = timeLinesPanel({
    width: frame.innerWidth,
    height: frame.innerHeight,
    ...overTime(input),
    lines: [
      { color: LIMIT, times: bucketMiddles(view), values: meanRate(total, view), filled: true },
    ],
    yTitle: "WriteProvisionedThroughputExceeded per second",
    yCounts: "rate",
  });
  // Nothing throttled is the common answer: say so in the plot, not only by a flat line at 0.
  const none = total.every((value) => value === 0)
    ? label(frame.innerWidth / 2, frame.innerHeight / 2, "none throttled", {
        "text-anchor": "middle",
        fill: INK,
        "font-size": 14,
        "data-none-throttled": "",
      })
    : "";
  return chartSvg(
    "throttled",
    frame,
    none === ""
      ? "Throttled put attempts per second over time, all shards together"
      : "Throttled put attempts per second over time: none throttled",
    group(frame.left, frame.top, panel + none),
  );
}
