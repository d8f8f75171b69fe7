import type { Random } from "../random-streams.js";
import { devianceTerm, stirlingError } from "./poisson.js";

/**
 * The natural logarithm of the binomial probability mass `P(X = k)` for `X ~ Binomial(n, p)`,
 * accurate for very large n (Loader 2000, "Fast and Accurate Computation of Binomial
 * Probabilities": Stirling errors plus deviance terms, no large cancelling logarithms).
 */
export function binomialLogPmf(k: number, n: number, p: number): number {
  if (!Number.isInteger(k) || k < 0 || k > n) return Number.NEGATIVE_INFINITY;
  if (p === 0) return k === 0 ? 0 : Number.NEGATIVE_INFINITY;
  if (p === 1) return k === n ? 0 : Number.NEGATIVE_INFINITY;
  if (k === 0) return n * Math.log1p(-p);
  if (k === n) return n * Math.log(p);
  const q = 1 - p;
  return (
    stirlingError(n) -
    stirlingError(k) -
    stirlingError(n - k) -
    devianceTerm(k, n * p) -
    devianceTerm(n - k, n * q) +
    0.5 * Math.log(n / (2 * Math.PI * k * (n - k)))
  );
}

/**
 * Samples a binomial random variable: the number of successes in `n` independent trials
 * that each succeed with probability `p`. Returns an integer in [0, n].
 *
 * Exact (up to floating point) for every n and p. With `p' = min(p, 1 − p)` (symmetry:
 * `Binomial(n, p) = n − Binomial(n, 1 − p)`):
 * - n·p' < 10: sequential search inversion of the CDF (algorithm BINV, Kachitvichyanukul &
 *   Schmeiser 1988, "Binomial random variate generation"), one uniform per sample.
 * - otherwise: BTRS, transformed rejection with squeeze (Hörmann 1993, "The generation of
 *   binomial random variates", J. Statist. Comput. Simul. 46), O(1) expected time.
 *
 * @param n number of trials; a non-negative safe integer
 * @param p success probability in [0, 1]
 */
export function binomial(random: Random, n: number, p: number): number {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`binomial: n must be a non-negative safe integer, got ${n}`);
  }
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`binomial: p must be in [0, 1], got ${p}`);
  }
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  if (p > 0.5) return n - binomialSmallP(random, n, 1 - p);
  return binomialSmallP(random, n, p);
}

/** Requires 0 < p <= 0.5 and n >= 1. */
function binomialSmallP(random: Random, n: number, p: number): number {
  return n * p < 10 ? binomialInversion(random, n, p) : binomialBtrs(random, n, p);
}

function binomialInversion(random: Random, n: number, p: number): number {
  const q = 1 - p;
  const ratio = p / q;
  const a = (n + 1) * ratio;
  const p0 = Math.exp(n * Math.log1p(-p));
  for (;;) {
    let u = random();
    let k = 0;
    let r = p0;
    // P(k) = P(k − 1) · ((n + 1 − k) / k) · (p / q) = P(k − 1) · (a / k − ratio).
    while (u > r) {
      u -= r;
      k++;
      if (k > n) break;
      r *= a / k - ratio;
      if (r === 0) break;
    }
    // Otherwise rounding left u above the total mass: draw again.
    if (k <= n && r !== 0) return k;
  }
}

function binomialBtrs(random: Random, n: number, p: number): number {
  const spq = Math.sqrt(n * p * (1 - p));
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  // The mode's log-pmf is needed only past the squeeze (most draws stop there): worked out
  // then, once per call. The same draws and results as computing it first.
  let logPmfMode = Number.NaN;
  for (;;) {
    const u = random() - 0.5;
    const v = random();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    // Squeeze: the hat is certainly below the pmf here.
    if (us >= 0.07 && v <= vr) return k;
    const logV = Math.log((v * alpha) / (a / (us * us) + b));
    if (Number.isNaN(logPmfMode)) logPmfMode = binomialLogPmf(Math.floor((n + 1) * p), n, p);
    if (logV <= binomialLogPmf(k, n, p) - logPmfMode) return k;
  }
}
