import { max, min } from "d3-array";
import { scaleLinear, scaleLog } from "d3-scale";
import { line } from "d3-shape";
import { ms } from "../format/number-format.js";
import type { LatencyCdfPoint } from "../stats/latency-cdf.js";
import type { LatencySummaryMs } from "../stats/latency-histogram.js";
import { bottomAxis, leftAxis } from "./axes.js";
import { chartFrame, chartSvg } from "./chart-frame.js";
import { categoryColor, INK, LIMIT } from "./palette.js";
import { group, label, tag } from "./svg.js";

export interface LatencyCdfInput {
  cdf: readonly LatencyCdfPoint[];
  summary: LatencySummaryMs;
}

/** Past this ratio of the longest to the shortest latency, the x axis is logarithmic. */
const LOG_RATIO = 50;

/**
 * The share of records delivered within each latency (creation → receipt by a consumer
 * application), with p50, p90 and p99 marked. A long tail gets a log axis so the body of
 * the distribution stays readable.
 */
export function latencyCdfChart(input: LatencyCdfInput): string {
  const frame = chartFrame(300, { top: 30, right: 40, bottom: 44, left: 70 });
  const highest = max(input.cdf, (point) => point.ms) ?? 1;
  const lowest =
    min(
      input.cdf.filter((point) => point.ms > 0),
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
  let plot = yAxis.grid + xAxis.grid;
  const curve = line<LatencyCdfPoint>()
    .x((point) => xOf(point.ms))
    .y((point) => y(point.percentile))
    .digits(1);
  plot += tag("path", {
    d: curve([...input.cdf]) ?? "",
    fill: "none",
    stroke: categoryColor(0),
    "stroke-width": 2,
  });
  plot += yAxis.axis + xAxis.axis;
  const marks: [string, number, number][] = [
    ["p50", 50, input.summary.p50],
    ["p90", 90, input.summary.p90],
    ["p99", 99, input.summary.p99],
  ];
  for (const [name, percentile, value] of marks) {
    const px = xOf(value);
    const py = y(percentile);
    plot += tag("line", {
      x1: px,
      x2: px,
      y1: frame.innerHeight,
      y2: py,
      stroke: LIMIT,
      "stroke-dasharray": "3 3",
    });
    plot += tag("circle", { cx: px, cy: py, r: 3.5, fill: LIMIT });
    const onLeft = px > frame.innerWidth * 0.7;
    // Below and beside the point: right of a CDF point and under the curve nothing is drawn.
    plot += label(onLeft ? px - 8 : px + 8, py + 14, `${name} ${ms(value)}`, {
      "text-anchor": onLeft ? "end" : "start",
      fill: INK,
      "font-weight": "bold",
    });
  }
  return chartSvg(
    "latency-cdf",
    frame,
    "Cumulative distribution of end-to-end latency with p50, p90 and p99 marked",
    group(frame.left, frame.top, plot),
  );
}

/** A tick label for a latency given in ms: ms, s, min or h with up to three digits. */
export function shortDuration(value: number): string {
  const digits = (v: number) => String(Number(v.toPrecision(3)));
  if (value < 1000) return `${digits(value)} ms`;
  if (value < 1_000_000) return `${digits(value / 1000)} s`;
  if (value < 3_600_000) return `${digits(value / 60_000)} min`;
  return `${digits(value / 3_600_000)} h`;
}
