import { max, min } from "d3-array";
import { scaleLinear, scaleLog } from "d3-scale";
import { line } from "d3-shape";
import type { LatencyCdfPoint } from "../stats/latency-cdf.js";
import { bottomAxis, leftAxis } from "./axes.js";
import type { Frame } from "./chart-frame.js";

/** Past this ratio of the longest to the shortest latency, the x axis is logarithmic. */
const LOG_RATIO = 50;

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * A log axis's ticks: about a decade apart, at durations a reader names (1 min, 10 min, 1 h)
 * rather than powers of ten of milliseconds (1,000,000 ms would read "16.7 min").
 */
const LOG_TICKS: readonly (readonly [number, string])[] = [
  [0.001, "1 µs"],
  [0.01, "10 µs"],
  [0.1, "100 µs"],
  [1, "1 ms"],
  [10, "10 ms"],
  [100, "100 ms"],
  [SECOND_MS, "1 s"],
  [10 * SECOND_MS, "10 s"],
  [MINUTE_MS, "1 min"],
  [10 * MINUTE_MS, "10 min"],
  [HOUR_MS, "1 h"],
  [10 * HOUR_MS, "10 h"],
  [DAY_MS, "1 d"],
  [10 * DAY_MS, "10 d"],
  [100 * DAY_MS, "100 d"],
  [1000 * DAY_MS, "1,000 d"],
];
const LOG_TICKS_MS = LOG_TICKS.map(([ms]) => ms);
const LOG_TICK_LABELS = new Map(LOG_TICKS);

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
  // A log axis spans from the tick at or below the fastest record to the one at or above the
  // slowest (past the ladder, the data's own ends).
  const from = [...LOG_TICKS_MS].reverse().find((tick) => tick <= lowest) ?? lowest;
  const to = LOG_TICKS_MS.find((tick) => tick >= highest) ?? highest;
  const x = logarithmic
    ? scaleLog().domain([from, to]).range([0, frame.innerWidth])
    : scaleLinear().domain([0, highest]).range([0, frame.innerWidth]).nice();
  const xOf = (value: number) => x(Math.max(value, logarithmic ? lowest : 0));
  const y = scaleLinear().domain([0, 100]).range([frame.innerHeight, 0]);
  const yAxis = leftAxis(y, frame.innerWidth, {
    format: (value) => `${value} %`,
    title: "records delivered within",
  });
  const xAxis = bottomAxis(x, frame.innerHeight, {
    ticks: logarithmic ? 6 : 8,
    ...(logarithmic
      ? { tickValues: LOG_TICKS_MS.filter((tick) => tick >= from && tick <= to) }
      : {}),
    format: logarithmic
      ? (value: number) => LOG_TICK_LABELS.get(value) ?? shortDuration(value)
      : shortDuration,
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
