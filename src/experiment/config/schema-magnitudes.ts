import * as z from "zod";
import { int } from "../../format/number-format.js";
import { MAX_LOGNORMAL_SIGMA, MAX_OFFERED_RATE, MAX_RATE_FACTOR } from "./magnitude-bounds.js";
import { expect } from "./schema-fields.js";

/** The words of the rate bound, for messages and descriptions. */
export const RATE_BOUND_WORDS = `at most ${int(MAX_OFFERED_RATE)} records/s (the most kinesim counts exactly)`;

/** The words of the bound on a rate multiplier. */
export const FACTOR_BOUND_WORDS = `at most ${int(MAX_RATE_FACTOR)} (the most kinesim counts exactly)`;

/** Whether a rate is within {@link MAX_OFFERED_RATE} (a non-finite one is refused elsewhere). */
export function rateWithinBound(rate: number): boolean {
  return !Number.isFinite(rate) || rate <= MAX_OFFERED_RATE;
}

/** The error for a rate above {@link MAX_OFFERED_RATE}. */
export const rateBoundError = expect(RATE_BOUND_WORDS);

/** A rate multiplier above 0 (bursts' onFactor, a spike's factor), at most MAX_RATE_FACTOR. */
export function positiveFactor(words = "a positive number") {
  const message = expect(words);
  return z.number(message).positive(message).max(MAX_RATE_FACTOR, expect(FACTOR_BOUND_WORDS));
}

/** A rate multiplier ≥ 0 (bursts' offFactor), at most MAX_RATE_FACTOR. */
export function nonNegativeFactor() {
  const message = expect("a number ≥ 0");
  return z.number(message).min(0, message).max(MAX_RATE_FACTOR, expect(FACTOR_BOUND_WORDS));
}

/** Log-normal sigma: above 0, at most MAX_LOGNORMAL_SIGMA (see there why). */
export function lognormalSigma() {
  const message = expect("a positive number");
  return z
    .number(message)
    .positive(message)
    .max(
      MAX_LOGNORMAL_SIGMA,
      expect(
        `at most ${MAX_LOGNORMAL_SIGMA} (one sigma is then a factor of 9 million, the whole span of record sizes; larger ones overflow the size moments)`,
      ),
    );
}
