import type { Random } from "../random-streams.js";
import { normal } from "./normal.js";

/**
 * Samples a log-normal random variable: `exp(X)` with `X ~ Normal(mu, sigma)`.
 *
 * Its mean is `exp(mu + sigma² / 2)` and its median `exp(mu)`. Algorithm: exponentiate a
 * Box–Muller normal variate (Box & Muller 1958; see {@link normal}).
 *
 * @param mu mean of the underlying normal (log scale)
 * @param sigma standard deviation of the underlying normal; non-negative
 */
export function lognormal(random: Random, mu: number, sigma: number): number {
  return Math.exp(normal(random, mu, sigma));
}
