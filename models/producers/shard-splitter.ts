import { createAliasTable } from "../../src/engine/distributions/alias-table.js";
import { multinomial } from "../../src/engine/distributions/multinomial.js";
import {
  PTRS_FROM_MEAN,
  poisson,
  poissonInversionFrom,
} from "../../src/engine/distributions/poisson.js";
import { PoissonMeans } from "../../src/engine/distributions/poisson-means.js";
import type { Random } from "../../src/engine/random-streams.js";

/**
 * Hands each open shard its share of a producer's records for one tick (design.md
 * §5). For Poisson arrivals with independently drawn keys, shard i's count is an
 * independent Poisson(rate·tick·p_i) draw — exact, not an approximation. For a fixed
 * number of records the counts are multinomial. When the expected count is small compared
 * with the number of shards, the records are drawn one by one from an alias table instead
 * (the same distributions), so a sparse tick costs its records, not its shards.
 */
export class ShardSplitter {
  private readonly alias;
  /**
   * Whole counts held as doubles, exact up to 2^53: a tick's records for one shard can pass
   * the 2^31 of an Int32Array (a fast producer with a long tick), which would wrap negative.
   */
  readonly counts: Float64Array;

  /** The tick mean the per-shard Poisson constants were worked out for. */
  private constantsMean = Number.NaN;
  private constants: PoissonMeans | undefined;
  /** The previous tick's mean: constants are kept only for a mean that repeats. */
  private previousMean = Number.NaN;

  /** The largest share of records any one shard gets. */
  readonly busiestShare: number;

  constructor(readonly probabilities: Float64Array) {
    this.alias = createAliasTable(probabilities);
    this.counts = new Float64Array(probabilities.length);
    let busiest = 0;
    for (const p of probabilities) if (p > busiest) busiest = p;
    this.busiestShare = busiest;
  }

  /** Fills `counts` with independent Poisson counts of total mean `mean`. */
  poissonCounts(random: Random, mean: number): Float64Array {
    const counts = this.counts;
    counts.fill(0);
    if (mean < 2 * counts.length) {
      const total = poisson(random, mean);
      for (let i = 0; i < total; i++) {
        const index = this.alias.sample(random);
        counts[index] = (counts[index] as number) + 1;
      }
    } else {
      const probabilities = this.probabilities;
      const constants = this.constantsFor(mean);
      if (constants !== undefined) {
        for (let i = 0; i < counts.length; i++) counts[i] = constants.draw(random, i);
      } else {
        // Shards with equal shares draw with one mean: exp(−mean), which inversion starts
        // from, is worked out once for a run of them (poisson() would for each; same value).
        let sameMean = Number.NaN;
        let sameP0 = 0;
        for (let i = 0; i < counts.length; i++) {
          const p = probabilities[i] as number;
          if (p <= 0) {
            counts[i] = 0;
            continue;
          }
          const shardMean = mean * p;
          if (shardMean > 0 && shardMean < PTRS_FROM_MEAN) {
            if (shardMean !== sameMean) {
              sameMean = shardMean;
              sameP0 = Math.exp(-shardMean);
            }
            counts[i] = poissonInversionFrom(random, shardMean, sameP0);
          } else {
            counts[i] = poisson(random, shardMean);
          }
        }
      }
    }
    return counts;
  }

  /**
   * Each shard's Poisson tables for a tick of total mean `mean`, kept while the mean repeats
   * (a constant rate: every tick); undefined for a mean unlike the last tick's (a rate that
   * changes every tick would build them for one use, and poisson() draws from the same
   * distribution without them: the same counts below a mean of 10, where both invert the CDF,
   * and other counts from the same law above, where poisson() runs PTRS).
   */
  private constantsFor(mean: number): PoissonMeans | undefined {
    if (mean === this.constantsMean) return this.constants;
    const repeated = mean === this.previousMean;
    this.previousMean = mean;
    if (!repeated) return undefined;
    this.constantsMean = mean;
    // A shard without a share draws nothing (mean 0), as the loop without constants does.
    this.constants = new PoissonMeans(
      Array.from(this.probabilities, (p) => (p > 0 ? mean * p : 0)),
    );
    return this.constants;
  }

  /** Fills `counts` with a multinomial split of exactly `total` records. */
  fixedCounts(random: Random, total: number): Float64Array {
    const counts = this.counts;
    counts.fill(0);
    if (total < 2 * counts.length) {
      for (let i = 0; i < total; i++) {
        const index = this.alias.sample(random);
        counts[index] = (counts[index] as number) + 1;
      }
    } else {
      multinomial(random, total, this.probabilities, counts);
    }
    return counts;
  }
}
