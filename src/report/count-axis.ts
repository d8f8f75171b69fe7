import { tickStep } from "d3-array";
import { COMPACT_COUNT_FROM, countUnit, grouped } from "../format/number-format.js";

/** The ticks of a y axis of counts (or rates of counts) from 0, and how to label them. */
export interface CountAxis {
  /** The top of the axis: the highest value rounded up to a whole step. */
  top: number;
  /** 0, step, 2 × step, … top: strictly increasing. */
  ticks: number[];
  /** A tick's label: one label per tick, no two alike. */
  format: (value: number) => string;
}

/**
 * Ticks at round steps (1, 2 or 5 × a power of ten) from 0 to above `highest`, about `count`
 * of them. Labels carry exactly the decimals the step needs, so no two round to the same text
 * (an axis of 0 … 1 in steps of 0.2 labelled as whole numbers read "0, 0, 0, 1, 1, 1").
 * `whole`: the values are whole counts (a Sum), so the step is at least 1. Nothing above zero
 * (nothing throttled) gives the axis 0 to 1, labelled 0 and 1.
 */
export function countAxis(highest: number, count = 5, whole = false): CountAxis {
  if (!(highest > 0) || !Number.isFinite(highest)) {
    return { top: 1, ticks: [0, 1], format: (value) => grouped(value, 0) };
  }
  let step = tickStep(0, highest, count);
  if (whole) step = Math.max(1, step);
  // A step below 1 is m / 10^k with m of 1, 2 or 5: tick i is exactly (i × m) / 10^k.
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  const power = 10 ** decimals;
  const mantissa = Math.round(step * power);
  const tick = (i: number) => (i * mantissa) / power;
  let steps = Math.max(1, Math.round(highest / step));
  if (tick(steps) < highest) steps += 1;
  const ticks = Array.from({ length: steps + 1 }, (_, i) => tick(i));
  const top = ticks[ticks.length - 1] ?? 1;
  if (top < COMPACT_COUNT_FROM) {
    return { top, ticks, format: (value) => grouped(value, decimals) };
  }
  // Large counts in the one unit of the top tick, with the decimals the step needs in it.
  const unit = countUnit(top);
  const unitDecimals = Math.max(0, Math.ceil(-Math.log10(step / unit.size) - 1e-9));
  return {
    top,
    ticks,
    format: (value) =>
      value === 0 ? "0" : `${grouped(value / unit.size, unitDecimals)} ${unit.suffix}`,
  };
}
