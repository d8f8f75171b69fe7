import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraries, type ExperimentDocument } from "../../src/arbitraries/index.js";
import { type ExperimentConfig, parseExperimentText, simulate } from "../../src/index.js";
import { nodeMd5HashKey } from "../helpers/md5-split.js";

/**
 * "Each shard's observed share converges to its expected share."
 *
 * Expected share, computed here independently of kinesim's model code: each key's weight
 * from the key distribution's definition, its hash key from node's MD5, its shard from the
 * even split (shard i of N covers [i·⌊2^128/N⌋, (i+1)·⌊2^128/N⌋ − 1], the last one to the end).
 * For producer j, p_ij is the weight of the keys landing on shard i.
 *
 * Tolerance. Nothing is throttled (rates are scaled so that every shard is offered at most
 * 600 records/s of at most 1,012 bytes: far below 1,000 records/s and 1 MiB/s, even for a
 * Poisson second 16 standard deviations high), so each record of producer j lands on shard i
 * independently with probability p_ij whatever the arrival process: Poisson splitting gives
 * independent Poisson counts per shard, which are multinomial given the total; constant
 * arrivals are split multinomially; record-level runs draw each key. Given the N_j records
 * producer j got accepted, shard i's count X_i is a sum of independent Bernoulli(p_ij), with
 * mean E_i = Σ N_j p_ij and variance σ² = Σ N_j p_ij (1 − p_ij): the binomial variance (for
 * one producer, the observed share X_i/N has sd √(p(1−p)/N)). We accept |X_i − E_i| ≤ t with
 * t from Bernstein's inequality, P(|X − E| ≥ t) ≤ 2·exp(−t² / (2(σ² + t/3))) = δ = 10⁻⁶:
 * t = L/3 + √(L²/9 + 2Lσ²), L = ln(2/δ). For large counts t ≈ 5.4σ (the "5 sd" rule), and it
 * stays valid for shards with a handful of expected records, where a normal approximation
 * is not (a shard with p = 0 must get exactly 0). With ≤ 8 shards and 40 runs, a false alarm
 * has probability below 3·10⁻⁴.
 */

const TWO_128 = 2n ** 128n;
const DELTA = 1e-6;
const L = Math.log(2 / DELTA);
const MAX_SHARD_RATE = 600;

function shardOf(key: string, shards: number): number {
  const hash = nodeMd5HashKey(key);
  const width = TWO_128 / BigInt(shards);
  return Math.min(shards - 1, Number(hash / width));
}

/** The (key, probability) pairs of a keys setting, from the distributions' definitions. */
function weightedKeys(keys: ExperimentConfig["producers"][number]["keys"]): [string, number][] {
  switch (keys.distribution) {
    case "uniform":
      return Array.from({ length: keys.cardinality }, (_, i) => [
        `${keys.prefix}${i}`,
        1 / keys.cardinality,
      ]);
    case "zipf": {
      const raw = Array.from({ length: keys.cardinality }, (_, i) => (i + 1) ** -keys.exponent);
      const total = raw.reduce((sum, w) => sum + w, 0);
      return raw.map((w, i) => [`${keys.prefix}${i}`, w / total]);
    }
    case "hot":
      return [[keys.key, 1]];
    case "hotShare": {
      // `share` on keys 0 … hotKeys − 1, the rest uniform over the other keys (all hot if none).
      const cold = keys.cardinality - keys.hotKeys;
      const share = cold === 0 ? 1 : keys.share;
      return Array.from({ length: keys.cardinality }, (_, i) => [
        `${keys.prefix}${i}`,
        i < keys.hotKeys ? share / keys.hotKeys : (1 - share) / cold,
      ]);
    }
    case "fixed":
      return keys.keys.map((key) => [key, 1 / keys.keys.length]);
    default:
      throw new Error(`no expected share for ${(keys as { distribution: string }).distribution}`);
  }
}

function shardProbabilities(config: ExperimentConfig): number[][] {
  const shards = config.stream.shards;
  return config.producers.map((producer) => {
    const p = new Array<number>(shards).fill(0);
    for (const [key, weight] of weightedKeys(producer.keys)) {
      const i = shardOf(key, shards);
      p[i] = (p[i] ?? 0) + weight;
    }
    return p;
  });
}

type Rate = ExperimentDocument["producers"][number]["rate"];

/** A generated rate's points: the arbitraries write rates as numbers or lists of points. */
function ratePoints(rate: Rate) {
  if (typeof rate === "number" || !Array.isArray(rate))
    throw new Error(`not a generated rate profile: ${JSON.stringify(rate)}`);
  return rate.map((point) => ({ ...point, rate: Number(point.rate) }));
}

const peakRate = (rate: Rate) =>
  typeof rate === "number" ? rate : Math.max(...ratePoints(rate).map((point) => point.rate));

/** Scales every producer's rate by one factor so that no shard is offered more than 600/s. */
function belowLimits(document: ExperimentDocument, p: number[][]): ExperimentDocument {
  const shards = p[0]?.length ?? 1;
  let busiest = 0;
  for (let i = 0; i < shards; i++) {
    const demand = document.producers.reduce(
      (sum, producer, j) => sum + peakRate(producer.rate) * (p[j]?.[i] ?? 0),
      0,
    );
    busiest = Math.max(busiest, demand);
  }
  const factor = Math.min(1, MAX_SHARD_RATE / busiest);
  return {
    ...document,
    producers: document.producers.map((producer) => ({
      ...producer,
      rate:
        typeof producer.rate === "number"
          ? producer.rate * factor
          : ratePoints(producer.rate).map((point) => ({ ...point, rate: point.rate * factor })),
    })),
  };
}

describe("each shard's observed share converges to its expected share", () => {
  const experiments = arbitraries.experiment({
    minSeconds: 10,
    maxSeconds: 60,
    maxConsumers: 0,
    events: false,
    stream: { onDemand: false },
    workload: {
      minRate: 100,
      maxRate: 3000,
      maxRecordBytes: 1000,
      keys: { maxCardinality: 14_000 },
    },
  });

  it("within Bernstein's bound at δ = 10⁻⁶ per shard, every arrival process and key distribution", () => {
    let compared = 0;
    fc.assert(
      fc.property(experiments, (generated) => {
        const p = shardProbabilities(parseExperimentText(JSON.stringify(generated)));
        const document = belowLimits(generated, p);
        const result = simulate(parseExperimentText(JSON.stringify(document)));
        expect(result.records.throttledAttempts).toBe(0);
        const total = result.records.accepted;
        result.shards.forEach((shard, i) => {
          let mean = 0;
          let variance = 0;
          result.producers.forEach((producer, j) => {
            const pij = p[j]?.[i] ?? 0;
            mean += producer.accepted * pij;
            variance += producer.accepted * pij * (1 - pij);
          });
          const tolerance = L / 3 + Math.sqrt((L * L) / 9 + 2 * L * variance) + 1e-9 * total;
          const message = `${shard.shardId}: observed share ${shard.accepted / total}, expected ${mean / total} ± ${tolerance / total} (N = ${total})`;
          expect(Math.abs(shard.accepted - mean), message).toBeLessThanOrEqual(tolerance);
          compared++;
        });
      }),
      { numRuns: 40 },
    );
    expect(compared).toBeGreaterThan(30);
  });
});
