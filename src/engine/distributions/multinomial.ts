import type { Random } from "../random-streams.js";
import { binomial } from "./binomial.js";

/**
 * Samples a multinomial vector: how `n` independent draws from the categorical distribution
 * `probabilities` fall into each category. Writes the counts into `out[0..k)` (k =
 * `probabilities.length`) and returns `out`. The counts always sum to exactly `n`.
 *
 * Algorithm: sequential conditional binomials (the conditional distribution method, e.g.
 * Devroye 1986, "Non-Uniform Random Variate Generation", §XI.1; Davis 1993, "The computer
 * generation of multinomial random variates"): `X_i ~ Binomial(n − Σ_{j<i} X_j,
 * p_i / Σ_{j>=i} p_j)`. The probabilities need not be normalised. Floating-point drift in the
 * remaining mass is absorbed by clamping each conditional probability to 1 and by giving the
 * last category with positive weight whatever remains. O(k) binomial draws, each O(1).
 *
 * @param n number of draws; a non-negative safe integer
 * @param probabilities non-negative finite weights, at least one positive when n > 0
 * @param out receives the counts (a typed array must have length >= `probabilities.length`)
 */
export function multinomial<T extends Int32Array | Float64Array | number[]>(
  random: Random,
  n: number,
  probabilities: ArrayLike<number>,
  out: T,
): T {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`multinomial: n must be a non-negative safe integer, got ${n}`);
  }
  const k = probabilities.length;
  if (!Array.isArray(out) && out.length < k) {
    throw new RangeError(`multinomial: out has length ${out.length}, need ${k}`);
  }
  let total = 0;
  let last = -1;
  for (let i = 0; i < k; i++) {
    const p = probabilities[i] as number;
    if (!(p >= 0) || !Number.isFinite(p)) {
      throw new RangeError(`multinomial: probabilities[${i}] must be >= 0 and finite, got ${p}`);
    }
    if (p > 0) last = i;
    total += p;
  }
  if (last < 0 && n > 0) {
    throw new RangeError("multinomial: probabilities must have a positive entry");
  }
  if (out instanceof Int32Array && n > 0x7fffffff) {
    throw new RangeError(`multinomial: n = ${n} does not fit an Int32Array`);
  }
  let remaining = n;
  let mass = total;
  for (let i = 0; i < k; i++) {
    const p = probabilities[i] as number;
    let count = 0;
    if (remaining > 0 && p > 0) {
      if (i === last) {
        count = remaining;
      } else {
        const conditional = p >= mass ? 1 : p / mass;
        count = binomial(random, remaining, conditional);
      }
    }
    out[i] = count;
    remaining -= count;
    mass -= p;
  }
  return out;
}
