import { createAliasTable } from "../../src/engine/distributions/alias-table.js";
import { lognormal } from "../../src/engine/distributions/lognormal.js";
import { normal } from "../../src/engine/distributions/normal.js";
import { uniformInt } from "../../src/engine/distributions/uniform.js";
import type { Random } from "../../src/engine/random-streams.js";

/** A producer's `recordSize:` setting, normalized: data-blob bytes per record. */
export type RecordSizeConfig =
  | { readonly distribution: "fixed"; readonly bytes: number }
  | { readonly distribution: "uniform"; readonly minBytes: number; readonly maxBytes: number }
  | {
      readonly distribution: "lognormal";
      readonly medianBytes: number;
      readonly sigma: number;
      readonly maxBytes: number;
    }
  | {
      /** The sizes of a trace file, each as often as it occurs there. */
      readonly distribution: "empirical";
      /** Distinct sizes, ascending. */
      readonly bytes: readonly number[];
      readonly counts: readonly number[];
    }
  | {
      /** A size per period (a CloudWatch export's IncomingBytes ÷ IncomingRecords). */
      readonly distribution: "perPeriod";
      readonly periodUs: number;
      /** Per period, data-blob bytes per record; the last one holds after the end. */
      readonly bytes: readonly number[];
    };

/** Draws data-blob sizes, one at a time or as the total of a run of records. */
export interface RecordSizeModel {
  readonly meanBytes: number;
  sample(random: Random): number;
  /** Total bytes of `count` independent records. */
  sampleTotal(random: Random, count: number): number;
}

/**
 * Below this many records a run's total is the sum of individual draws; above it, a normal
 * draw with the exact mean and variance of the sum (central limit theorem), clamped to the
 * possible range. The relative error of a run's total is then well under 1 %.
 */
const EXACT_SUM_LIMIT = 32;

/**
 * @param clock the simulated time, for sizes that change over time (`perPeriod`).
 */
export function createRecordSizeModel(
  config: RecordSizeConfig,
  clock: () => number = () => 0,
): RecordSizeModel {
  switch (config.distribution) {
    case "fixed": {
      const bytes = config.bytes;
      return {
        meanBytes: bytes,
        sample: () => bytes,
        sampleTotal: (_random, count) => count * bytes,
      };
    }
    case "uniform": {
      const { minBytes, maxBytes } = config;
      const span = maxBytes - minBytes + 1;
      const sample = (random: Random) => minBytes + uniformInt(random, span);
      const variance = (span * span - 1) / 12;
      return withSum((minBytes + maxBytes) / 2, variance, minBytes, maxBytes, sample);
    }
    case "lognormal": {
      const { medianBytes, sigma, maxBytes } = config;
      const mu = Math.log(medianBytes);
      const sample = (random: Random) =>
        Math.max(1, Math.min(maxBytes, Math.round(lognormal(random, mu, sigma))));
      const [mean, variance] = clippedLognormalMoments(mu, sigma, maxBytes);
      return withSum(mean, variance, 1, maxBytes, sample);
    }
    case "empirical":
      return empiricalSizes(config.bytes, config.counts);
    case "perPeriod":
      return periodSizes(config.periodUs, config.bytes, clock);
  }
}

/** Sizes drawn with their observed frequencies (an alias table over the distinct sizes). */
function empiricalSizes(bytes: readonly number[], counts: readonly number[]): RecordSizeModel {
  const table = createAliasTable(counts);
  let total = 0;
  let sum = 0;
  let sumOfSquares = 0;
  bytes.forEach((size, i) => {
    const count = counts[i] as number;
    total += count;
    sum += size * count;
    sumOfSquares += size * size * count;
  });
  const mean = sum / total;
  const variance = Math.max(0, sumOfSquares / total - mean * mean);
  const sample = (random: Random) => bytes[table.sample(random)] as number;
  return withSum(mean, variance, bytes[0] as number, bytes[bytes.length - 1] as number, sample);
}

/**
 * A fixed size per period, read at the current simulated time; `meanBytes` (used for sizing
 * figures) is the mean over periods weighted equally.
 */
function periodSizes(
  periodUs: number,
  bytes: readonly number[],
  clock: () => number,
): RecordSizeModel {
  const at = () => bytes[Math.min(bytes.length - 1, Math.floor(clock() / periodUs))] as number;
  let sum = 0;
  for (const size of bytes) sum += size;
  return {
    meanBytes: sum / bytes.length,
    sample: () => at(),
    sampleTotal: (_random, count) => count * at(),
  };
}

function withSum(
  meanBytes: number,
  variance: number,
  minBytes: number,
  maxBytes: number,
  sample: (random: Random) => number,
): RecordSizeModel {
  return {
    meanBytes,
    sample,
    sampleTotal(random, count) {
      if (count <= EXACT_SUM_LIMIT) {
        let total = 0;
        for (let i = 0; i < count; i++) total += sample(random);
        return total;
      }
      const total = Math.round(normal(random, count * meanBytes, Math.sqrt(count * variance)));
      return Math.max(count * minBytes, Math.min(count * maxBytes, total));
    },
  };
}

/** Mean and variance of min(X, cap) for X ~ lognormal(mu, sigma). */
export function clippedLognormalMoments(mu: number, sigma: number, cap: number): [number, number] {
  const c = Math.log(cap);
  const aboveCap = 1 - standardNormalCdf((c - mu) / sigma);
  const first =
    Math.exp(mu + (sigma * sigma) / 2) * standardNormalCdf((c - mu - sigma * sigma) / sigma) +
    cap * aboveCap;
  const second =
    Math.exp(2 * mu + 2 * sigma * sigma) * standardNormalCdf((c - mu - 2 * sigma * sigma) / sigma) +
    cap * cap * aboveCap;
  return [first, Math.max(0, second - first * first)];
}

/** Φ(x) via the complementary error function (Numerical Recipes' erfc, |error| < 1.2e-7). */
export function standardNormalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}
