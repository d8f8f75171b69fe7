import type { Random } from "../random-streams.js";

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** stirlingError(n) for n = 0..15, filled from exact log-factorials at load. */
const STIRLING_ERROR_TABLE: number[] = (() => {
  const table = [0];
  let logFactorial = 0;
  for (let n = 1; n <= 15; n++) {
    logFactorial += Math.log(n);
    table.push(logFactorial - (n + 0.5) * Math.log(n) + n - HALF_LOG_TWO_PI);
  }
  return table;
})();

/**
 * The error of Stirling's formula, `ln n! − [(n + ½)·ln n − n + ½·ln 2π]`, for an integer
 * n >= 1 (accurate to ~1e-15 absolute). A table for n <= 15, the asymptotic series beyond.
 * Used with {@link devianceTerm} to evaluate log-pmfs without catastrophic cancellation
 * (Loader 2000, "Fast and Accurate Computation of Binomial Probabilities").
 */
export function stirlingError(n: number): number {
  if (n <= 15) return STIRLING_ERROR_TABLE[n] ?? Number.NaN;
  const nn = n * n;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / (1188 * nn)) / nn) / nn) / nn) / n;
}

/**
 * The deviance term `x·ln(x / mean) + mean − x` (>= 0), computed stably when x is close to
 * mean by the series of Loader 2000 ("Fast and Accurate Computation of Binomial
 * Probabilities"). Requires x >= 0 and mean > 0.
 */
export function devianceTerm(x: number, mean: number): number {
  if (x === 0) return mean;
  const diff = x - mean;
  if (Math.abs(diff) < 0.1 * (x + mean)) {
    const v = diff / (x + mean);
    const v2 = v * v;
    let sum = diff * v;
    let term = 2 * x * v;
    for (let j = 1; j < 1000; j++) {
      term *= v2;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / mean) + mean - x;
}

/**
 * The natural logarithm of the Poisson probability mass `P(N = k)` for `N ~ Poisson(mean)`,
 * accurate even for very large means (Loader 2000 saddle-point form).
 */
export function poissonLogPmf(k: number, mean: number): number {
  if (!Number.isInteger(k) || k < 0) return Number.NEGATIVE_INFINITY;
  if (mean === 0) return k === 0 ? 0 : Number.NEGATIVE_INFINITY;
  if (k === 0) return -mean;
  return -stirlingError(k) - devianceTerm(k, mean) - 0.5 * Math.log(2 * Math.PI * k);
}

/** Means from here up draw by PTRS; below, by inverting the CDF. */
export const PTRS_FROM_MEAN = 10;

/**
 * Samples a Poisson random variable with the given mean: a non-negative integer count.
 *
 * Exact for every mean (up to floating point):
 * - mean < 10: sequential search inversion of the CDF (Devroye 1986, "Non-Uniform Random
 *   Variate Generation", §X.3; the method of Knuth, TAOCP vol. 2), one uniform per sample.
 * - mean >= 10: PTRS, transformed rejection with squeeze (Hörmann 1993, "The transformed
 *   rejection method for generating Poisson random variables", Insurance: Mathematics and
 *   Economics 12), about 2.3 uniforms per sample whatever the mean.
 *
 * @param mean expected count; non-negative and finite (at most ~2^52 for integer results)
 */
export function poisson(random: Random, mean: number): number {
  if (!(mean >= 0) || !Number.isFinite(mean)) {
    throw new RangeError(`poisson: mean must be a non-negative finite number, got ${mean}`);
  }
  if (mean === 0) return 0;
  return mean < PTRS_FROM_MEAN ? poissonInversion(random, mean) : poissonPtrs(random, mean);
}

function poissonInversion(random: Random, mean: number): number {
  return poissonInversionFrom(random, mean, Math.exp(-mean));
}

/**
 * {@link poissonInversion} with `p0 = exp(−mean)` given (a caller that draws with the same mean
 * tick after tick keeps it): the same values from the same uniforms.
 */
export function poissonInversionFrom(random: Random, mean: number, p0: number): number {
  for (;;) {
    const k = poissonSearchFrom(random(), 0, p0, mean);
    if (k >= 0) return k;
  }
}

/**
 * The sequential search's walk along the CDF from term k (of probability `p`) on: subtracts
 * P(k), P(k + 1), … from `u` until it falls inside a term, and returns that term's k; −1 when
 * the terms underflow first (rounding left u above the total mass), and the caller draws
 * again. PoissonMeans goes on with it past its tables.
 */
export function poissonSearchFrom(u: number, k: number, p: number, mean: number): number {
  let rest = u;
  let at = k;
  let term = p;
  while (rest > term) {
    rest -= term;
    at++;
    term *= mean / at;
    if (term === 0) return -1;
  }
  return at;
}

/** PTRS's constants for one mean (Hörmann 1993): worked out once for a mean drawn with often. */
export interface PtrsConstants {
  readonly mean: number;
  readonly a: number;
  readonly b: number;
  readonly logInvAlpha: number;
  readonly vr: number;
}

export function ptrsConstants(mean: number): PtrsConstants {
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  return {
    mean,
    a: -0.059 + 0.02483 * b,
    b,
    logInvAlpha: Math.log(1.1239 + 1.1328 / (b - 3.4)),
    vr: 0.9277 - 3.6224 / (b - 2),
  };
}

function poissonPtrs(
  random: Random,
  mean: number,
  { a, b, logInvAlpha, vr }: PtrsConstants = ptrsConstants(mean),
): number {
  return poissonPtrsFrom(random, mean, a, b, logInvAlpha, vr);
}

/**
 * PTRS with its constants passed one by one (see {@link ptrsConstants}), for callers that keep
 * them in flat arrays: the same values from the same uniforms as `poisson(random, mean)`.
 */
export function poissonPtrsFrom(
  random: Random,
  mean: number,
  a: number,
  b: number,
  logInvAlpha: number,
  vr: number,
): number {
  for (;;) {
    const u = random() - 0.5;
    const v = random();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    // Squeeze: the hat is certainly below the pmf here.
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= poissonLogPmf(k, mean)) {
      return k;
    }
  }
}
