import { exponential } from "../../src/engine/distributions/exponential.js";
import { lognormal } from "../../src/engine/distributions/lognormal.js";
import { normal } from "../../src/engine/distributions/normal.js";
import { uniform } from "../../src/engine/distributions/uniform.js";
import type { Random } from "../../src/engine/random-streams.js";

/** A processing time: fixed, or drawn from a distribution (all in microseconds). */
export type DurationDistribution =
  | { readonly distribution: "fixed"; readonly us: number }
  | { readonly distribution: "uniform"; readonly minUs: number; readonly maxUs: number }
  | { readonly distribution: "lognormal"; readonly medianUs: number; readonly sigma: number }
  | { readonly distribution: "exponential"; readonly meanUs: number };

/** Below this many records a batch's total is a sum of draws; above, a normal draw. */
const EXACT_SUM_LIMIT = 32;

/**
 * The time an application spends on a batch of `count` records: `perBatch` once plus
 * `perRecord` for each record, each drawn independently. Large batches use a normal draw
 * with the exact mean and variance of the sum (central limit theorem), never below zero.
 */
export function batchProcessingUs(
  random: Random,
  count: number,
  perRecord: DurationDistribution,
  perBatch: DurationDistribution,
): number {
  if (count <= 0) return 0;
  let total = draw(random, perBatch);
  if (perRecord.distribution === "fixed") return total + count * perRecord.us;
  if (count <= EXACT_SUM_LIMIT) {
    for (let i = 0; i < count; i++) total += draw(random, perRecord);
    return total;
  }
  const [mean, variance] = moments(perRecord);
  return total + Math.max(0, normal(random, count * mean, Math.sqrt(count * variance)));
}

function draw(random: Random, d: DurationDistribution): number {
  switch (d.distribution) {
    case "fixed":
      return d.us;
    case "uniform":
      return d.maxUs > d.minUs ? uniform(random, d.minUs, d.maxUs) : d.minUs;
    case "lognormal":
      return lognormal(random, Math.log(d.medianUs), d.sigma);
    case "exponential":
      return exponential(random, 1 / d.meanUs);
  }
}

/** Mean and variance of one draw. */
function moments(d: DurationDistribution): [number, number] {
  switch (d.distribution) {
    case "fixed":
      return [d.us, 0];
    case "uniform":
      return [(d.minUs + d.maxUs) / 2, (d.maxUs - d.minUs) ** 2 / 12];
    case "lognormal": {
      const s2 = d.sigma * d.sigma;
      const mean = d.medianUs * Math.exp(s2 / 2);
      return [mean, mean * mean * (Math.exp(s2) - 1)];
    }
    case "exponential":
      return [d.meanUs, d.meanUs * d.meanUs];
  }
}
