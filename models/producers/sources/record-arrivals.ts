import { exponential } from "../../../src/engine/distributions/exponential.js";
import type { Random } from "../../../src/engine/random-streams.js";
import { US_PER_SECOND } from "../../../src/engine/time-units.js";
import type { RateSource } from "../../workload/rate-source.js";

/**
 * Record mode's arrival times for one producer. Poisson arrivals with a rate that varies are
 * drawn by thinning (Lewis & Shedler, 1979): candidates at the profile's highest rate, each
 * kept with probability rate(t) ÷ highest. Constant arrivals are 1 ÷ rate(t) apart (a
 * running count keeps a fixed rate free of accumulated rounding). A trace's times are its own
 * (trace-source.ts).
 */
export class RecordArrivals {
  private arrivalCount = 0;
  /**
   * What the last `next` returned (fields, not a returned object: this runs once per
   * record): a delay from now rather than a time (kept apart so that rounding happens
   * exactly where the simulation rounds), and an arrival rather than a look again.
   */
  relative = false;
  arrives = true;
  /** Poisson arrivals at a rate that never changes: that rate, else 0. */
  private readonly poissonRate: number;

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
    private readonly resolutionUs: number,
    private readonly horizonUs: number,
  ) {
    this.poissonRate =
      arrival === "poisson" && constantRate !== undefined && constantRate > 0 ? constantRate : 0;
  }

  /**
   * The next event after `nowUs`: a time, or a delay when `relative`; -1 when no record will
   * arrive any more.
   */
  next(nowUs: number): number {
    // The common case first: Poisson arrivals at a fixed rate.
    if (this.poissonRate > 0) {
      return this.after(nowUs, exponential(this.random, this.poissonRate) * US_PER_SECOND, true);
    }
    const profile = this.rate;
    if (profile.maxRate <= 0) return -1;
    const constantRate = this.constantRate;
    // Poisson arrivals at a fixed rate were drawn above; these have a rate that varies.
    if (this.arrival === "poisson") {
      let atUs = nowUs;
      do {
        atUs += exponential(this.random, profile.maxRate) * US_PER_SECOND;
        // Nothing arrives after the run; a rate that stays at 0 would otherwise never end this.
        if (atUs > this.horizonUs) return -1;
      } while (this.random() * profile.maxRate > profile.rateAt(atUs));
      return this.at(Math.round(atUs));
    }
    if (constantRate !== undefined) {
      this.arrivalCount++;
      return this.at(Math.round((this.arrivalCount * US_PER_SECOND) / constantRate));
    }
    const rate = profile.rateAt(nowUs);
    // At a zero rate, look again one resolution later.
    return rate > 0
      ? this.after(nowUs, US_PER_SECOND / rate, true)
      : this.after(nowUs, this.resolutionUs, false);
  }

  // A rate as small as 1e-300/s puts the next record past any run (and past the largest
  // safe microsecond): a record due after the horizon never arrives, so none is scheduled.
  // The margin of 1 µs keeps anything the simulation could still round onto the horizon.
  private at(timeUs: number): number {
    if (timeUs > this.horizonUs + 1) return -1;
    this.relative = false;
    this.arrives = true;
    return timeUs;
  }

  private after(nowUs: number, delayUs: number, arrives: boolean): number {
    if (nowUs + delayUs > this.horizonUs + 1) return -1;
    this.relative = true;
    this.arrives = arrives;
    return delayUs;
  }
}
