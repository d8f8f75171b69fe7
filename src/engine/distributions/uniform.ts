import type { Random } from "../random-streams.js";

/**
 * Samples a real number uniformly from [min, max).
 *
 * Algorithm: affine transform of one uniform variate, `min + (max - min) · U` (inverse
 * transform, e.g. Devroye 1986, "Non-Uniform Random Variate Generation", §II.2). If floating
 * point rounding would produce `max` itself (only possible when U is within one ulp of 1),
 * `min` is returned instead so the result stays in the half-open interval.
 */
export function uniform(random: Random, min: number, max: number): number {
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(max > min)) {
    throw new RangeError(`uniform: need finite min < max, got [${min}, ${max})`);
  }
  const x = min + (max - min) * random();
  return x < max ? x : min;
}

/**
 * Samples an integer uniformly from {0, 1, …, n − 1}.
 *
 * Algorithm: `floor(n · U)` (inverse transform, Devroye 1986, §III.2). The resolution is that
 * of the underlying generator: with a 32-bit source, n should stay well below 2^32 for the
 * result to be close to uniform.
 *
 * @param n number of outcomes; a positive safe integer
 */
export function uniformInt(random: Random, n: number): number {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`uniformInt: n must be a positive safe integer, got ${n}`);
  }
  const k = Math.floor(n * random());
  // n · U can round up to n when n is close to 2^53.
  return k < n ? k : n - 1;
}
