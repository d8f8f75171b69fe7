import type { Random } from "../random-streams.js";

/** Terms summed exactly by {@link zipfNormalization} before switching to Euler–Maclaurin. */
const EXACT_TERMS = 100_000;

/** The largest supported number of ranks, 2^53 (so every index is a safe integer). */
const MAX_RANKS = 2 ** 53;

/**
 * Returns a sampler of the Zipf distribution on {0, 1, …, n − 1}: `P(k) ∝ 1 / (k + 1)^exponent`,
 * so index 0 is the most frequent. O(1) setup and O(1) expected time per sample for any n up
 * to 2^53 (about 1.1 uniforms per sample), with no tables.
 *
 * Algorithm: rejection-inversion (Hörmann & Derflinger 1996, "Rejection-inversion to generate
 * variates from monotone discrete distributions", ACM TOMACS 6), in the form used by Apache
 * Commons RNG's `RejectionInversionZipfSampler`. With the hat `h(x) = x^−s` and its integral
 * `H(x) = (x^(1−s) − 1) / (1 − s)` (`ln x` when s = 1), rank k >= 2 owns the slice
 * `[H(k + ½) − h(k), H(k + ½)]` of H-space, which has length h(k) and lies inside
 * `[H(k − ½), H(k + ½)]` because h is convex; rank 1 owns `[H(1.5) − 1, H(1.5)]`. A uniform u
 * on `[H(1.5) − 1, H(n + ½)]` is mapped to `x = H⁻¹(u)`, rounded to k, and accepted when it
 * falls in k's slice, so P(k) ∝ h(k) exactly. The formulas are evaluated through
 * `expm1(t)/t` and `log1p(t)/t`, which makes s = 1 (and s near 1) a smooth special case.
 *
 * Resolution is bounded by that of `random`: ranks whose probability is far below the
 * generator's step (2^−32 for Alea) are not resolved individually.
 *
 * @param n number of ranks; an integer in [1, 2^53]
 * @param exponent s > 0 (finite)
 */
export function createZipfSampler(n: number, exponent: number): (random: Random) => number {
  checkParameters("createZipfSampler", n, exponent);
  if (n === 1) return () => 0;
  const oneMinusS = 1 - exponent;
  const hIntegral = (x: number): number => {
    const logX = Math.log(x);
    return expm1Ratio(oneMinusS * logX) * logX;
  };
  const hIntegralInverse = (y: number): number => Math.exp(log1pRatio(oneMinusS * y) * y);
  const h = (x: number): number => Math.exp(-exponent * Math.log(x));

  const hIntegralLow = hIntegral(1.5) - 1;
  const hIntegralHigh = hIntegral(n + 0.5);
  // k − H⁻¹(H(k + ½) − h(k)) increases with k, so its value at k = 2 is a lower bound: any x
  // with k − x at most this is inside k's slice and accepted without evaluating H.
  const squeeze = 2 - hIntegralInverse(hIntegral(2.5) - h(2));

  return (random: Random): number => {
    for (;;) {
      const u = hIntegralHigh + random() * (hIntegralLow - hIntegralHigh);
      const x = hIntegralInverse(u);
      let k = Math.floor(x + 0.5);
      if (!(k >= 1)) k = 1;
      else if (k > n) k = n;
      if (k - x <= squeeze || u >= hIntegral(k + 0.5) - h(k)) return k - 1;
    }
  };
}

/**
 * The generalized harmonic number `H(n, s) = Σ_{k=1..n} k^−s`, the normalising constant of
 * the Zipf distribution, to ~1e-13 relative accuracy for any n up to 2^53.
 *
 * Method: the first min(n, 100 000) terms are summed exactly (smallest first, with Neumaier's
 * compensated summation, 1974); the remainder `Σ_{k=a..n} f(k)` with `f(x) = x^−s` uses the
 * Euler–Maclaurin formula (Euler 1732, Maclaurin 1742): `∫_a^n f + (f(a) + f(n)) / 2 +
 * B₂/2!·(f′(n) − f′(a)) + B₄/4!·(f‴(n) − f‴(a))`. With a > 10^5 the neglected B₆ term is
 * below `s(s+1)…(s+4)·a^(−s−5) / 30240`, far under double precision.
 *
 * @param n number of ranks; an integer in [1, 2^53]
 * @param exponent s > 0 (finite)
 */
export function zipfNormalization(n: number, exponent: number): number {
  checkParameters("zipfNormalization", n, exponent);
  const s = exponent;
  const exact = Math.min(n, EXACT_TERMS);
  let sum = 0;
  let compensation = 0;
  for (let k = exact; k >= 1; k--) {
    const term = k ** -s;
    const next = sum + term;
    compensation += Math.abs(sum) >= term ? sum - next + term : term - next + sum;
    sum = next;
  }
  // Past the exact terms every term is at most (exact + 1)^−s: when that is 0 in a double,
  // so is the tail, whose derivative terms would be s(s+1)(s+2) (Infinity) times 0.
  if (n > exact && (exact + 1) ** -s > 0) {
    const a = exact + 1;
    const b = n;
    const logRatio = Math.log(b / a);
    const integral = a ** (1 - s) * expm1Ratio((1 - s) * logRatio) * logRatio;
    const ends = 0.5 * (a ** -s + b ** -s);
    // f′(x) = −s·x^(−s−1); f‴(x) = −s(s+1)(s+2)·x^(−s−3).
    const d1 = -s * (b ** (-s - 1) - a ** (-s - 1));
    const d3 = -s * (s + 1) * (s + 2) * (b ** (-s - 3) - a ** (-s - 3));
    const tail = integral + ends + d1 / 12 - d3 / 720;
    const next = sum + tail;
    compensation += Math.abs(sum) >= tail ? sum - next + tail : tail - next + sum;
    sum = next;
  }
  return sum + compensation;
}

/**
 * The probability of index k under {@link createZipfSampler}: `(k + 1)^−s / H(n, s)`, or 0
 * for an index outside {0, …, n − 1}. Pass `normalization` (from {@link zipfNormalization})
 * to avoid recomputing it in a loop.
 */
export function zipfProbability(
  k: number,
  n: number,
  exponent: number,
  normalization?: number,
): number {
  checkParameters("zipfProbability", n, exponent);
  if (!Number.isInteger(k) || k < 0 || k >= n) return 0;
  return (k + 1) ** -exponent / (normalization ?? zipfNormalization(n, exponent));
}

function checkParameters(name: string, n: number, exponent: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_RANKS) {
    throw new RangeError(`${name}: n must be an integer in [1, 2^53], got ${n}`);
  }
  if (!(exponent > 0) || !Number.isFinite(exponent)) {
    throw new RangeError(`${name}: exponent must be a positive finite number, got ${exponent}`);
  }
}

/** `log1p(t) / t`, continuous at t = 0 (value 1). */
function log1pRatio(t: number): number {
  if (Math.abs(t) > 1e-8) return Math.log1p(t) / t;
  return 1 - t * (1 / 2 - t * (1 / 3 - t / 4));
}

/** `expm1(t) / t`, continuous at t = 0 (value 1). */
function expm1Ratio(t: number): number {
  if (Math.abs(t) > 1e-8) return Math.expm1(t) / t;
  return 1 + t * (1 / 2 + t * (1 / 6 + t / 24));
}
