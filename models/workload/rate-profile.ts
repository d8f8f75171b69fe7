import { US_PER_SECOND } from "../../src/engine/time-units.js";
import type { DailyRateConfig } from "./daily-rate.js";
import type { RateSource } from "./rate-source.js";

/** One point of a rate profile: from `atUs` on, `rate` records per second. */
export interface RatePoint {
  readonly atUs: number;
  /** Records per second. */
  readonly rate: number;
  /** Reach `rate` by a straight ramp from the previous point instead of a step at `atUs`. */
  readonly ramp?: boolean;
}

/**
 * A producer's `rate:` — records per second: constant, a profile over time, a daily curve, or
 * a day given hour by hour (24 rates, repeated every day).
 */
export type RateConfig =
  | number
  | readonly RatePoint[]
  | { readonly daily: DailyRateConfig }
  | { readonly hourly: readonly number[] };

/**
 * Offered records per second over time: steps and linear ramps between points, constant
 * after the last point. Poisson arrivals with this rate are a non-homogeneous Poisson
 * process; its expected count over an interval is the integral of the rate.
 */
export class RateProfile implements RateSource {
  private readonly points: readonly RatePoint[];
  readonly maxRate: number;

  constructor(config: number | readonly RatePoint[]) {
    this.points = typeof config === "number" ? [{ atUs: 0, rate: config }] : config;
    if (this.points.length === 0 || (this.points[0] as RatePoint).atUs !== 0) {
      throw new RangeError("a rate profile starts with a point at 0s");
    }
    // A loop, not Math.max(...rates): a replayed trace can make more points than a call
    // takes arguments.
    let maxRate = Number.NEGATIVE_INFINITY;
    for (const point of this.points) maxRate = Math.max(maxRate, point.rate);
    this.maxRate = maxRate;
  }

  /** Records per second at `timeUs`. */
  rateAt(timeUs: number): number {
    const points = this.points;
    const i = this.pointIndexAt(timeUs);
    const point = points[i] as RatePoint;
    const next = points[i + 1];
    if (next?.ramp === true) {
      const fraction = (timeUs - point.atUs) / (next.atUs - point.atUs);
      return point.rate + (next.rate - point.rate) * fraction;
    }
    return point.rate;
  }

  /** Expected records in [fromUs, toUs): the integral of the rate (exact: the rate is piecewise linear). */
  expectedCount(fromUs: number, toUs: number): number {
    if (this.points.length === 1)
      return ((this.points[0] as RatePoint).rate * (toUs - fromUs)) / US_PER_SECOND;
    // Integrate piece by piece between the profile's breakpoints (trapezoids are exact).
    let total = 0;
    let start = fromUs;
    const points = this.points;
    for (let i = this.pointIndexAt(fromUs) + 1; i < points.length; i++) {
      const point = points[i] as RatePoint;
      if (point.atUs <= start) continue;
      if (point.atUs >= toUs) break;
      total += ((this.rateAt(start) + this.rateBefore(point.atUs)) / 2) * (point.atUs - start);
      start = point.atUs;
    }
    total += ((this.rateAt(start) + this.rateBefore(toUs)) / 2) * (toUs - start);
    return total / US_PER_SECOND;
  }

  /**
   * The last point at or before `timeUs` (0 before the first): a binary search, since a
   * replayed CloudWatch export or trace makes profiles of thousands of points.
   */
  private pointIndexAt(timeUs: number): number {
    const points = this.points;
    let low = 0;
    let high = points.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((points[middle] as RatePoint).atUs <= timeUs) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** The left limit of the rate at `timeUs` (before a step there takes effect). */
  private rateBefore(timeUs: number): number {
    return this.rateAt(timeUs - 1e-6);
  }
}
