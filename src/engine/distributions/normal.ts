import type { Random } from "../random-streams.js";

/**
 * Samples a normal (Gaussian) random variable with mean `mean` and standard deviation `sd`.
 *
 * Algorithm: the Box–Muller transform (Box & Muller 1958, "A Note on the Generation of Random
 * Normal Deviates"): `sqrt(-2 ln U1) · cos(2π U2)`. Only one of the pair is used, so the
 * function stays stateless (two uniforms per sample). `U1` is taken as `1 - random()`, which
 * lies in (0, 1], so the logarithm is never taken of 0.
 *
 * @param sd standard deviation; must be non-negative and finite
 */
export function normal(random: Random, mean: number, sd: number): number {
  if (!Number.isFinite(mean) || !(sd >= 0) || !Number.isFinite(sd)) {
    throw new RangeError(`normal: need finite mean and sd >= 0, got mean ${mean}, sd ${sd}`);
  }
  const u1 = 1 - random();
  const u2 = random();
  return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
