import { max, min } from "d3-array";
import { scaleLinear, scaleLog } from "d3-scale";
import { line } from "d3-shape";
import type { LatencyCdfPoint } from "../stats/latency-cdf.js";
import { bottomAxis, leftAxis } from "./axes.js";
import type { Frame } from "./chart-frame.js";

/** Past this ratio of the longest to the shortest latency, the x axis is logarithmic. */
const LOG_RATIO = 50;

/**
 * The axes of a latency distribution chart over `points` (one run's, or several runs' on one
 * axis): latency across, a log scale for a long tail so the body stays readable, and the share
 * of records delivered within it up; with the line that draws a distribution on them.
 */
export function latencyCdfAxes(points: readonly LatencyCdfPoint[], frame: Frame) {
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
  return { xOf, y, yAxis, xAxis, curve };
}

/** A tick label for a latency given in ms: ms, s, min or h with up to three digits. */
export function shortDuration(value: number): string {
  const digits = (v: number) => String(Number(v.toPrecision(3)));
  if (value < 1000) return `${digits(value)} ms`;
  if (value < 1_000_000) return `${digits(value / 1000)} s`;
  if (value < 3_600_000) return `${digits(value / 60_000)} min`;
  return `${digits(value / 3_600_000)} h`;
}
