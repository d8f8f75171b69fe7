import { scaleLinear } from "d3-scale";
import { type AxisMarkup, type AxisOptions, bottomAxis } from "./axes.js";
import { clockTicks } from "./clock-ticks.js";

/** The unit a time axis counts in: seconds for short runs, minutes, then hours. */
export function timeUnit(durationSeconds: number): { seconds: number; name: string } {
  if (durationSeconds <= 300) return { seconds: 1, name: "s" };
  if (durationSeconds <= 5 * 3600) return { seconds: 60, name: "min" };
  return { seconds: 3600, name: "h" };
}

export interface TimeScale {
  /** Seconds into the run → x. */
  x(seconds: number): number;
  /** The bottom axis, `height` below the plot's top. */
  axis(height: number, options?: AxisOptions): AxisMarkup;
}

/**
 * A time axis over [0, duration] in the run's unit, so d3's round ticks are round minutes or
 * hours rather than multiples of 1,000 seconds. With the experiment's `startTime`, the axis
 * reads UTC clock times at round times of day instead.
 */
export function timeScale(durationSeconds: number, width: number, startTime?: string): TimeScale {
  if (startTime !== undefined) return clockScale(durationSeconds, width, startTime);
  const unit = timeUnit(durationSeconds);
  const scale = scaleLinear()
    .domain([0, Math.max(durationSeconds, 1e-9) / unit.seconds])
    .range([0, width]);
  return {
    x: (seconds) => scale(seconds / unit.seconds),
    axis: (height, options = {}) =>
      bottomAxis(scale, height, { title: `time into the run (${unit.name})`, ...options }),
  };
}

/** The time axis on a UTC clock: same positions, ticks at round times of day. */
function clockScale(durationSeconds: number, width: number, startTime: string): TimeScale {
  const scale = scaleLinear()
    .domain([0, Math.max(durationSeconds, 1e-9)])
    .range([0, width]);
  const ticks = clockTicks(startTime, durationSeconds);
  const labels = new Map(ticks.seconds.map((at, i) => [at, ticks.labels[i] ?? ""]));
  return {
    x: (seconds) => scale(seconds),
    axis: (height, options = {}) =>
      bottomAxis(scale, height, {
        title: ticks.title,
        ...options,
        tickValues: ticks.seconds,
        format: (at) => labels.get(at) ?? "",
      }),
  };
}
