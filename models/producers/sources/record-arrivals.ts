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
 *
 * Gaps add up on an exact clock and only the arrival's time is rounded to the microsecond.
 * Rounding each gap instead biases the rate wherever gaps are near a microsecond: at
 * 3,000,000 records/s the mean rounded exponential gap is e^-1.5 ÷ (1 − e^-3) = 0.235 µs,
 * not 0.333 µs, and 42 % more records arrived than asked for.
 */
export class RecordArrivals {
  private arrivalCount = 0;
  /** The exact time of the last arrival, before rounding (NaN until one has been drawn). */
  private exactUs = Number.NaN;
  /**
   * What the last `next` returned (fields, not a returned object: this runs once per
   * record): a delay from now rather than a time, and an arrival rather than a look again.
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
      return this.arriveAt(
        this.exactFrom(nowUs) + exponential(this.random, this.poissonRate) * US_PER_SECOND,
      );
    }
    const profile = this.rate;
    if (profile.maxRate <= 0) return -1;
    const constantRate = this.constantRate;
    // Poisson arrivals at a fixed rate were drawn above; these have a rate that varies.
    if (this.arrival === "poisson") {
      let atUs = this.exactFrom(nowUs);
      do {
        atUs += exponential(this.random, profile.maxRate) * US_PER_SECOND;
        // Nothing arrives after the run; a rate that stays at 0 would otherwise never end this.
        if (atUs > this.horizonUs) return -1;
      } while (this.random() * profile.maxRate > profile.rateAt(atUs));
      return this.arriveAt(atUs);
    }
    if (constantRate !== undefined) {
      this.arrivalCount++;
      return this.at(Math.round((this.arrivalCount * US_PER_SECOND) / constantRate));
    }
    const rate = profile.rateAt(nowUs);
    // At a zero rate, look again one resolution later.
    return rate > 0
      ? this.arriveAt(this.exactFrom(nowUs) + US_PER_SECOND / rate)
      : this.lookAgainAfter(nowUs, this.resolutionUs);
  }

  /**
   * Where the next gap starts: the last arrival's exact time while arrivals follow one
   * another, `nowUs` at the first draw and after a look again.
   */
  private exactFrom(nowUs: number): number {
    return Number.isNaN(this.exactUs) ? nowUs : this.exactUs;
  }

  /** An arrival at an exact time, remembered unrounded for the next gap. */
  private arriveAt(exactUs: number): number {
    this.exactUs = exactUs;
    return this.at(Math.round(exactUs));
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

  private lookAgainAfter(nowUs: number, delayUs: number): number {
    if (nowUs + delayUs > this.horizonUs + 1) return -1;
    this.exactUs = Number.NaN;
    this.relative = true;
    this.arrives = false;
    return delayUs;
  }
}
