/** Offered records per second over time, as a producer draws its arrivals from it. */
export interface RateSource {
  /** Records per second at `timeUs`. */
  rateAt(timeUs: number): number;
  /** Expected records in [fromUs, toUs): the integral of the rate. */
  expectedCount(fromUs: number, toUs: number): number;
  /** An upper bound of the rate over the run (for thinning). */
  readonly maxRate: number;
}
