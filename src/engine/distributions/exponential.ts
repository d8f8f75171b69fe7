import type { Random } from "../random-streams.js";

/**
 * Samples an exponential random variable with rate `rate` (mean `1 / rate`).
 *
 * Algorithm: inversion of the CDF, `-ln(1 - U) / rate` (the classic inverse-transform
 * method, e.g. Devroye 1986, "Non-Uniform Random Variate Generation", §II.2). Because `U` is
 * in [0, 1), `1 - U` is in (0, 1] and the logarithm is never taken of 0.
 *
 * @param random uniform source in [0, 1)
 * @param rate events per unit time; must be positive and finite
 */
export function exponential(random: Random, rate: number): number {
  if (!(rate > 0) || !Number.isFinite(rate)) {
    throw new RangeError(`exponential: rate must be a positive finite number, got ${rate}`);
  }
  // 0 − ln(1) is +0, where −ln(1) would be −0.
  return (0 - Math.log(1 - random())) / rate;
}
