import { GRID, INK } from "./palette.js";
import { label, tag } from "./svg.js";

/** What an axis needs of a d3 continuous scale (linear or log). */
export interface AxisScale {
  (value: number): number;
  ticks(count?: number): number[];
  tickFormat(count?: number, specifier?: string): (value: number) => string;
  range(): number[];
}

export interface AxisOptions {
  /** Roughly how many ticks (d3 picks round values near it). */
  ticks?: number;
  /** Tick labels; d3's own format by default. */
  format?: (value: number) => string;
  /** Axis title, drawn beside the axis. */
  title?: string;
  /** The ticks to draw, instead of the scale's own (a count axis chooses its own). */
  tickValues?: readonly number[];
}

/**
 * An axis in two layers: grid lines, drawn under the data, and the axis line with its ticks
 * and labels, drawn over it (so no grid line or data covers the axis).
 */
export interface AxisMarkup {
  grid: string;
  axis: string;
}

/**
 * The ticks to draw and label. A log scale's tickFormat answers "" for ticks it would not
 * label (between powers of ten when there are many), so those are left out.
 */
function ticksOf(scale: AxisScale, count: number, options: AxisOptions): readonly number[] {
  if (options.tickValues !== undefined) return options.tickValues;
  const keep = scale.tickFormat(count);
  return scale.ticks(count).filter((value) => keep(value) !== "");
}

/** A bottom axis along the plot's lower edge, `height` below its top, with vertical grid lines. */
export function bottomAxis(
  scale: AxisScale,
  height: number,
  options: AxisOptions = {},
): AxisMarkup {
  const count = options.ticks ?? 8;
  const format = options.format ?? scale.tickFormat(count);
  const [x0 = 0, x1 = 0] = scale.range();
  let grid = "";
  let axis = tag("line", { x1: x0, x2: x1, y1: height, y2: height, stroke: INK });
  for (const value of ticksOf(scale, count, options)) {
    const x = scale(value);
    grid += tag("line", { x1: x, x2: x, y1: 0, y2: height, stroke: GRID });
    axis += tag("line", { x1: x, x2: x, y1: height, y2: height + 4, stroke: INK });
    axis += label(x, height + 15, format(value), { "text-anchor": "middle", fill: INK });
  }
  if (options.title !== undefined) {
    axis += label(x1, height + 30, options.title, { "text-anchor": "end", fill: INK });
  }
  return { grid, axis };
}

/** A left axis along the plot's left edge, `width` wide, with horizontal grid lines. */
export function leftAxis(scale: AxisScale, width: number, options: AxisOptions = {}): AxisMarkup {
  const count = options.ticks ?? 5;
  const format = options.format ?? scale.tickFormat(count);
  const [y0 = 0, y1 = 0] = scale.range();
  let grid = "";
  let axis = tag("line", { x1: 0, x2: 0, y1: y0, y2: y1, stroke: INK });
  for (const value of ticksOf(scale, count, options)) {
    const y = scale(value);
    grid += tag("line", { x1: 0, x2: width, y1: y, y2: y, stroke: GRID });
    axis += tag("line", { x1: -4, x2: 0, y1: y, y2: y, stroke: INK });
    axis += label(-7, y + 4, format(value), { "text-anchor": "end", fill: INK });
  }
  if (options.title !== undefined) {
    axis += label(0, Math.min(y0, y1) - 10, options.title, { "text-anchor": "start", fill: INK });
  }
  return { grid, axis };
}
