import { max, min } from "d3-array";
import { scaleLinear, scaleLog } from "d3-scale";
import { line } from "d3-shape";
import type { LatencyCdfPoint } from "../stats/latency-cdf.js";
import { bottomAxis, leftAxis } from "./axes.js";
import { chartFrame, chartSvg } from "./chart-frame.js";
import { shortDuration } from "./latency-cdf-chart.js";
import { LEGEND_ROW_HEIGHT, legend } from "./legend.js";
import { categoryColor } from "./palette.js";
import { group, tag } from "./svg.js";

/** One run's latency distribution: its label and the result's percentile points. */
export interface ComparedCdf {
  label: string;
  cdf: readonly LatencyCdfPoint[];
}

/** Past this ratio of the longest to the shortest latency, the x axis is logarithmic. */
const LOG_RATIO = 50;

/**
 * Both runs' latency distributions on one axis, A solid and B dashed, as the run's report
 * draws one (a log axis for a long tail); the percentiles themselves are in the tables.
 * A run that delivered nothing has an empty CDF and no curve.
 */
export function comparisonCdfChart(a: ComparedCdf, b: ComparedCdf): string {
  const top = LEGEND_ROW_HEIGHT + 34;
  const frame = chartFrame(top + 240 + 44, { top, right: 40, bottom: 44, left: 70 });
  const points = [...a.cdf, ...b.cdf];
  const highest = max(points, (point) => point.ms) ?? 1;
  const lowest =
    min(
      points.filter((point) => point.ms > 0),
      (point) => point.ms,
    ) ?? highest;
  const logarithmic = highest / lowest > LOG_RATIO;
  const x = logarithmic
    ? scaleLog().domain([lowest, highest]).range([0, frame.innerWidth]).nice()
    : scaleLinear().domain([0, highest]).range([0, frame.innerWidth]).nice();
  const xOf = (value: number) => x(Math.max(value, logarithmic ? lowest : 0));
  const y = scaleLinear().domain([0, 100]).range([frame.innerHeight, 0]);
  const yAxis = leftAxis(y, frame.innerWidth, {
    format: (value) => `${value} %`,
    title: "records delivered within",
  });
  const xAxis = bottomAxis(x, frame.innerHeight, {
    ticks: logarithmic ? 6 : 8,
    format: shortDuration,
    title: `latency${logarithmic ? " (log scale)" : ""}`,
  });
  const curve = line<LatencyCdfPoint>()
    .x((point) => xOf(point.ms))
    .y((point) => y(point.percentile))
    .digits(1);
  let plot = yAxis.grid + xAxis.grid;
  [a, b].forEach((run, i) => {
    if (run.cdf.length === 0) return;
    plot += tag("path", {
      d: curve([...run.cdf]) ?? "",
      fill: "none",
      stroke: categoryColor(i),
      "stroke-width": 1.5,
      "stroke-dasharray": i === 1 ? "6 3" : undefined,
    });
  });
  plot += yAxis.axis + xAxis.axis;
  const items = [
    { label: a.label, color: categoryColor(0), line: true },
    { label: b.label, color: categoryColor(1), dashed: true },
  ];
  return chartSvg(
    "compare-latency-cdf",
    frame,
    `Cumulative distribution of end-to-end latency: ${a.label}, ${b.label}`,
    legend(items, frame.left, 8, frame.innerWidth) + group(frame.left, frame.top, plot),
  );
}
