import { exponential } from "../../src/engine/distributions/exponential.js";
import type { Random } from "../../src/engine/random-streams.js";
import { US_PER_SECOND } from "../../src/engine/time-units.js";
import type { RateSource } from "../workload/rate-source.js";
import type { TraceCursor } from "./trace-cursor.js";

/**
 * When the next record-mode event is — at `atUs`, or `delayUs` from now (kept apart, so
 * that rounding happens exactly where the simulation rounds) — and whether it is an
 * arrival or (at a zero rate) a look again.
 */
export type NextArrival =
  | { readonly atUs: number; readonly arrives: boolean }
  | { readonly delayUs: number; readonly arrives: boolean };

/**
 * Record mode's arrival times for one producer. Poisson arrivals with a rate that varies are
 * drawn by thinning (Lewis & Shedler, 1979): candidates at the profile's highest rate, each
 * kept with probability rate(t) ÷ highest. Constant arrivals are 1 ÷ rate(t) apart (a
 * running count keeps a fixed rate free of accumulated rounding). A trace gives its own times.
 */
export class RecordArrivals {
  private arrivalCount = 0;

  /**
   * @param constantRate the rate when it never changes (the common case gets the simplest draw).
   * @param resolutionUs how long to wait before looking again when the rate is 0.
   * @param horizonUs the end of the run: nothing arrives after it.
   */
  constructor(
    private readonly rate: RateSource,
    private readonly arrival: "poisson" | "constant",
    private readonly constantRate: number | undefined,
    private readonly random: Random,
    private readonly trace: TraceCursor | undefined,
    private readonly resolutionUs: number,
    private readonly horizonUs: number,
  ) {}

  /** The next event after `nowUs`, or undefined when no record will arrive any more. */
  next(nowUs: number): NextArrival | undefined {
    if (this.trace !== undefined) {
      const atUs = this.trace.peekUs();
      if (atUs === undefined || atUs > this.horizonUs) return undefined;
      return { atUs: Math.max(atUs, nowUs), arrives: true };
    }
    const profile = this.rate;
    if (profile.maxRate <= 0) return undefined;
    const constantRate = this.constantRate;
    if (this.arrival === "poisson" && constantRate !== undefined) {
      return { delayUs: exponential(this.random, constantRate) * US_PER_SECOND, arrives: true };
    }
    if (this.arrival === "poisson") {
      let atUs = nowUs;
      do {
        atUs += exponential(this.random, profile.maxRate) * US_PER_SECOND;
        // Nothing arrives after the run; a rate that stays at 0 would otherwise never end this.
        if (atUs > this.horizonUs) return undefined;
      } while (this.random() * profile.maxRate > profile.rateAt(atUs));
      return { atUs: Math.round(atUs), arrives: true };
    }
    if (constantRate !== undefined) {
      this.arrivalCount++;
      return {
        atUs: Math.round((this.arrivalCount * US_PER_SECOND) / constantRate),
        arrives: true,
      };
    }
    const rate = profile.rateAt(nowUs);
    // At a zero rate, look again one resolution later.
    return rate > 0
      ? { delayUs: US_PER_SECOND / rate, arrives: true }
      : { delayUs: this.resolutionUs, arrives: false };
  }
}
