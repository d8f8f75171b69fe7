import { max } from "d3-array";
import type { RunSeries } from "../experiment/run/result-types.js";
import { chartFrame, chartSvg } from "./chart-frame.js";
import { durationUnit } from "./duration-unit.js";
import { hasAges, lagValues } from "./lag-chart.js";
import { LEGEND_ROW_HEIGHT, type LegendItem, legend, legendRows } from "./legend.js";
import { categoryColor } from "./palette.js";
import type { ReportFigure } from "./report-figure.js";
import { bucketMiddles, buckets, meanRate, peakValue } from "./series-view.js";
import { group } from "./svg.js";
import { type TimeLine, timeLinesPanel } from "./time-lines-panel.js";

/** One side of a comparison: its label ("A: quickstart, seed 42"), duration and series. */
export interface ComparedSeries {
  label: string;
  durationSeconds: number;
  series: RunSeries;
}

/**
 * The charts over time of two runs overlaid on one time axis (the longer run's): A drawn
 * solid, B dashed, in the same colour for the same thing. Stream totals rather than one line
 * per shard, because two runs' shards rarely match; one line per consumer application and run.
 */
export function comparisonCharts(a: ComparedSeries, b: ComparedSeries): ReportFigure[] {
  const runs = [a, b] as const;
  const durationSeconds = Math.max(a.durationSeconds, b.durationSeconds);
  // A whole-stream rate of each run: A solid, B dashed.
  const streamLines = (field: "incomingRecords" | "throttledRecords") =>
    runs.map((run, i) => ({
      label: run.label,
      dashed: i === 1,
      colorIndex: i,
      ...streamRate(run, field),
    }));
  const figures: ReportFigure[] = [
    overlay({
      name: "compare-incoming",
      title: "Incoming records per second, whole stream",
      caption:
        "Records accepted per second by all shards together (each point one period's Sum per second, the periods of the run's own report); A solid, B dashed.",
      yTitle: "accepted records/s",
      durationSeconds,
      yCounts: "rate",
      lines: streamLines("incomingRecords"),
    }),
    overlay({
      name: "compare-throttled",
      title: "Throttled writes per second, whole stream",
      caption:
        "Put attempts refused per second by all shards together, retries included (each point one period's Sum per second, the periods of the run's own report); A solid, B dashed.",
      yTitle: "throttled records/s",
      durationSeconds,
      yCounts: "rate",
      lines: streamLines("throttledRecords"),
    }),
  ];
  const names = [...new Set(runs.flatMap((run) => run.series.consumers.map((c) => c.name)))];
  if (names.length > 0) {
    // The run's lag chart's series: the oldest unread age, unless a side's series lacks it.
    const ages = runs.every((run) => hasAges(run.series.consumers));
    const lines = runs.flatMap((run, i) =>
      run.series.consumers.map((consumer) => {
        const values = ages ? lagValues(consumer) : consumer.millisBehindLatest;
        const view = buckets(values.length, run.series.resolutionSeconds, run.durationSeconds);
        return {
          label: `${consumer.name} (${run.label})`,
          dashed: i === 1,
          colorIndex: names.indexOf(consumer.name),
          times: bucketMiddles(view),
          values: peakValue(values, view),
        };
      }),
    );
    const unit = durationUnit(max(lines.flatMap((line) => line.values)) ?? 0);
    figures.push(
      overlay({
        name: "compare-millis-behind-latest",
        title: ages
          ? "Consumer lag (oldest unread record's age, GetRecords.IteratorAgeMilliseconds)"
          : "Consumer lag (MillisBehindLatest)",
        caption: ages
          ? "How old the oldest record each application had not yet received was, its highest in each bucket, one colour per application; A solid, B dashed."
          : "Each consumer application's highest MillisBehindLatest in each bucket (a saved series without the oldest unread age), one colour per application; A solid, B dashed.",
        yTitle: `${ages ? "oldest unread age" : "MillisBehindLatest"} (${unit.name})`,
        durationSeconds,
        lines: lines.map((line) => ({ ...line, values: line.values.map((v) => v / unit.ms) })),
      }),
    );
  }
  return figures;
}

interface OverlayLine {
  label: string;
  /** B's lines are dashed. */
  dashed: boolean;
  colorIndex: number;
  times: number[];
  values: number[];
}

/** A run's stream-wide rate of one per-shard series: the shards' intervals summed. */
function streamRate(
  run: ComparedSeries,
  field: "incomingRecords" | "throttledRecords",
): { times: number[]; values: number[] } {
  const intervals = run.series.shards[0]?.[field].length ?? 0;
  const total = new Float64Array(intervals);
  for (const shard of run.series.shards) {
    shard[field].forEach((value, i) => {
      total[i] = (total[i] ?? 0) + value;
    });
  }
  const view = buckets(intervals, run.series.resolutionSeconds, run.durationSeconds);
  return { times: bucketMiddles(view), values: meanRate(total, view) };
}

/** One chart of lines from both runs, with a legend naming each line and its run. */
function overlay(chart: {
  name: string;
  title: string;
  caption: string;
  yTitle: string;
  yCounts?: "whole" | "rate";
  durationSeconds: number;
  lines: readonly OverlayLine[];
}): ReportFigure {
  const items: LegendItem[] = chart.lines.map((line) => ({
    label: line.label,
    color: categoryColor(line.colorIndex),
    ...(line.dashed ? { dashed: true } : { line: true }),
  }));
  const width = chartFrame(0, { top: 0, right: 24, bottom: 0, left: 70 }).innerWidth;
  const top = legendRows(items, width) * LEGEND_ROW_HEIGHT + 34;
  const frame = chartFrame(top + 200 + 40, { top, right: 24, bottom: 40, left: 70 });
  const lines: TimeLine[] = chart.lines.map((line) => ({
    color: categoryColor(line.colorIndex),
    times: line.times,
    values: line.values,
    dashed: line.dashed,
  }));
  const panel = timeLinesPanel({
    width: frame.innerWidth,
    height: frame.innerHeight,
    durationSeconds: chart.durationSeconds,
    lines,
    yTitle: chart.yTitle,
    ...(chart.yCounts === undefined ? {} : { yCounts: chart.yCounts }),
  });
  return {
    name: chart.name,
    title: chart.title,
    caption: chart.caption,
    svg: chartSvg(
      chart.name,
      frame,
      `${chart.title}: ${chart.lines.map((line) => line.label).join(", ")}`,
      legend(items, frame.left, 8, frame.innerWidth) + group(frame.left, frame.top, panel),
    ),
  };
}
