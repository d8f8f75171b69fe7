import { max } from "d3-array";
import type { RunSeries } from "../experiment/run/result-types.js";
import { chartFrame, chartSvg } from "./chart-frame.js";
import { durationUnit } from "./duration-unit.js";
import { LEGEND_ROW_HEIGHT, legend, legendRows } from "./legend.js";
import { type OverTime, overTime } from "./over-time.js";
import { categoryColor } from "./palette.js";
import { bucketMiddles, buckets, peakValue } from "./series-view.js";
import { group } from "./svg.js";
import { timeLinesPanel } from "./time-lines-panel.js";

export interface LagInput extends OverTime {
  series: RunSeries;
}

type ConsumerSeries = RunSeries["consumers"][number];

/**
 * What a lag chart plots for an application: its oldest unread record's age where the
 * series has it (a run's, or a timeseries.csv with the age column; it grows while nobody
 * reads), else MillisBehindLatest as the calls reported it (an older timeseries.csv).
 */
export function lagValues(consumer: ConsumerSeries): Float64Array {
  return consumer.oldestUnreadAgeMs ?? consumer.millisBehindLatest;
}

/** Whether every application's lag is the oldest unread age (else the axis says MillisBehindLatest). */
export function hasAges(consumers: readonly ConsumerSeries[]): boolean {
  return consumers.every((consumer) => consumer.oldestUnreadAgeMs !== undefined);
}

/**
 * Each consumer application's MillisBehindLatest over time (its highest value in each
 * bucket: the series holds per-interval maxima, and a mean would hide the peaks).
 */
export function lagChart(input: LagInput): string {
  const { series } = input;
  const intervals = series.consumers[0]?.millisBehindLatest.length ?? 0;
  const view = buckets(intervals, series.resolutionSeconds, input.durationSeconds);
  const times = bucketMiddles(view);
  const ages = hasAges(series.consumers);
  const peaks = series.consumers.map((consumer) => peakValue(lagValues(consumer), view));
  const unit = durationUnit(max(peaks.flat()) ?? 0);
  const items = series.consumers.map((consumer, i) => ({
    label: consumer.name,
    color: categoryColor(i),
  }));
  const width = chartFrame(0, { top: 0, right: 24, bottom: 0, left: 70 }).innerWidth;
  const top = legendRows(items, width) * LEGEND_ROW_HEIGHT + 34;
  const frame = chartFrame(top + 200 + 40, { top, right: 24, bottom: 40, left: 70 });
  const panel = timeLinesPanel({
    width: frame.innerWidth,
    height: frame.innerHeight,
    ...overTime(input),
    lines: peaks.map((values, i) => ({
      color: categoryColor(i),
      times,
      values: values.map((value) => value / unit.ms),
    })),
    yTitle: `${ages ? "oldest unread age" : "MillisBehindLatest"} (${unit.name})`,
  });
  return chartSvg(
    "millis-behind-latest",
    frame,
    ages
      ? "Each consumer application's oldest unread record's age over time (IteratorAge)"
      : "Each consumer application's MillisBehindLatest over time",
    legend(items, frame.left, 8, frame.innerWidth) + group(frame.left, frame.top, panel),
  );
}
