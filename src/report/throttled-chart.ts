import type { RunSeries } from "../experiment/run/result-types.js";
import { int } from "../format/number-format.js";
import { chartFrame, chartSvg } from "./chart-frame.js";
import type { EventMark } from "./event-marks.js";
import { LIMIT } from "./palette.js";
import { bucketMiddles, buckets, meanRate } from "./series-view.js";
import { group } from "./svg.js";
import { timeLinesPanel } from "./time-lines-panel.js";

export interface ThrottledInput {
  durationSeconds: number;
  series: RunSeries;
  marks?: readonly EventMark[];
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
    durationSeconds: input.durationSeconds,
    lines: [
      { color: LIMIT, times: bucketMiddles(view), values: meanRate(total, view), filled: true },
    ],
    yTitle: "WriteProvisionedThroughputExceeded per second",
    yFormat: (value) => int(value),
    ...(input.marks === undefined ? {} : { marks: input.marks }),
  });
  return chartSvg(
    "throttled",
    frame,
    "Throttled put attempts per second over time, all shards together",
    group(frame.left, frame.top, panel),
  );
}
