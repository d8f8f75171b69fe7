/**
 * ShardSplitter (models/producers/shard-splitter.ts): one tick's records split over shards.
 *
 * Theory. poissonCounts(mean): shard i's count is Poisson(mean·p_i), independent across
 * shards (Poisson splitting). fixedCounts(total): the counts are Multinomial(total, p), so
 * shard i's count is Binomial(total, p_i) and the counts sum to `total` exactly.
 *
 * Tolerances over M ticks, 5 standard errors each (two-sided normal tail 5.7e-7):
 * - sample mean: SE = σ/√M;
 * - sample variance S²: SE = √((μ₄ − σ⁴)/M), with μ₄ = λ + 3λ² for Poisson(λ) and
 *   μ₄ = npq(1 + 3(n − 2)pq) for Binomial(n, p);
 * - sample correlation of two independent counts: SE ≈ 1/√M.
 * Both code paths are exercised: a sparse tick (mean or total < 2·shards) draws records one by
 * one from an alias table, a dense one draws per shard.
 */
import { describe, expect, it } from "vitest";
import { ShardSplitter } from "../../../models/producers/shard-splitter.js";
import { poisson, poissonInversionFrom } from "../../../src/engine/distributions/poisson.js";
import { randomStream } from "../../../src/engine/random-streams.js";

const Z = 5;
const M = 40_000;
const PROBABILITIES = new Float64Array([0.1, 0.2, 0.3, 0.4, 0]);

interface Theory {
  mean: number;
  variance: number;
  mu4: number;
}

/** Draws M ticks and returns, per shard, the sample mean and variance, plus counts 0 and 1. */
function collect(draw: () => Float64Array, shards: number) {
  const sums = new Float64Array(shards);
  const squares = new Float64Array(shards);
  let cross = 0;
  const totals: number[] = [];
  for (let t = 0; t < M; t++) {
    const counts = draw();
    let total = 0;
    for (let i = 0; i < shards; i++) {
      const c = counts[i] as number;
      sums[i] = (sums[i] as number) + c;
      squares[i] = (squares[i] as number) + c * c;
      total += c;
    }
    cross += (counts[2] as number) * (counts[3] as number);
    totals.push(total);
  }
  const means = [...sums].map((s) => s / M);
  const variances = [...squares].map((q, i) => (q - M * (means[i] as number) ** 2) / (M - 1));
  const covariance23 = (cross - M * (means[2] as number) * (means[3] as number)) / (M - 1);
  const correlation23 =
    covariance23 / Math.sqrt((variances[2] as number) * (variances[3] as number));
  return { means, variances, correlation23, totals };
}

function checkMarginal(observedMean: number, observedVariance: number, theory: Theory): void {
  if (theory.variance === 0) {
    // A degenerate count (p = 0 or 1) is constant.
    expect(observedMean).toBe(theory.mean);
    expect(observedVariance).toBe(0);
    return;
  }
  expect(Math.abs(observedMean - theory.mean)).toBeLessThan(Z * Math.sqrt(theory.variance / M));
  expect(Math.abs(observedVariance - theory.variance)).toBeLessThan(
    Z * Math.sqrt((theory.mu4 - theory.variance ** 2) / M),
  );
}

describe("ShardSplitter.poissonCounts: independent Poisson(mean·p_i) per shard", () => {
  // 5 shards: the alias path runs for mean < 10, the per-shard path for mean ≥ 10.
  for (const mean of [0.5, 4, 9.9, 10, 40, 400]) {
    it(`mean ${mean} (${mean < 10 ? "alias" : "per-shard"} path)`, () => {
      const splitter = new ShardSplitter(PROBABILITIES);
      const random = randomStream(Math.round(mean * 10), "poisson-split");
      const { means, variances, correlation23 } = collect(
        () => splitter.poissonCounts(random, mean),
        PROBABILITIES.length,
      );
      PROBABILITIES.forEach((p, i) => {
        const lambda = mean * p;
        checkMarginal(means[i] as number, variances[i] as number, {
          mean: lambda,
          variance: lambda,
          mu4: lambda + 3 * lambda * lambda,
        });
      });
      // Poisson splitting: the counts of two shards are uncorrelated.
      expect(Math.abs(correlation23)).toBeLessThan(Z / Math.sqrt(M));
    });
  }
});

describe("ShardSplitter.poissonCounts keeps Poisson tables for a mean that repeats", () => {
  it("draws by poisson() for a new mean and by inverting each shard's CDF for a repeated one", () => {
    // Repeats (tables kept), a change every tick (none kept), and a return to a mean whose
    // tables were kept before another mean came between (kept again only once it repeats).
    const means = [400, 400, 400, 60, 61, 62, 62, 62, 400, 63, 400, 400, 900, 40, 40];
    const kept = [0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1];
    const splitter = new ShardSplitter(PROBABILITIES);
    const drawn = randomStream(3, "constants");
    const reference = randomStream(3, "constants");
    means.forEach((mean, tick) => {
      const counts = [...splitter.poissonCounts(drawn, mean)];
      const expected = [...PROBABILITIES].map((p) => {
        if (p === 0) return 0;
        const shardMean = mean * p;
        // The sequential search inverts the same CDF as the kept table, from the same uniform.
        return kept[tick] === 1
          ? poissonInversionFrom(reference, shardMean, Math.exp(-shardMean))
          : poisson(reference, shardMean);
      });
      expect(counts, `tick ${tick}, mean ${mean}`).toEqual(expected);
    });
  });

  it("draws the same with equal shares, whose mean (and its exp) all shards share in a tick", () => {
    const equal = new Float64Array(16).fill(1 / 16);
    const splitter = new ShardSplitter(equal);
    const drawn = randomStream(4, "equal shares");
    const reference = randomStream(4, "equal shares");
    // A mean that changes every tick (a daily curve), from below to above PTRS's threshold.
    for (let tick = 0; tick < 40; tick++) {
      const mean = 40 + tick * 7.3;
      const counts = [...splitter.poissonCounts(drawn, mean)];
      expect(counts).toEqual([...equal].map((p) => poisson(reference, mean * p)));
    }
  });
});

describe("ShardSplitter.fixedCounts: Multinomial(total, p)", () => {
  for (const total of [1, 3, 9, 10, 57, 1000]) {
    it(`total ${total} (${total < 10 ? "alias" : "multinomial"} path): sums exactly, binomial marginals`, () => {
      const splitter = new ShardSplitter(PROBABILITIES);
      const random = randomStream(total, "fixed-split");
      const { means, variances, correlation23, totals } = collect(
        () => splitter.fixedCounts(random, total),
        PROBABILITIES.length,
      );
      expect(totals.filter((t) => t !== total)).toEqual([]);
      PROBABILITIES.forEach((p, i) => {
        const q = 1 - p;
        const variance = total * p * q;
        checkMarginal(means[i] as number, variances[i] as number, {
          mean: total * p,
          variance,
          mu4: variance * (1 + 3 * (total - 2) * p * q),
        });
      });
      // Multinomial counts are negatively correlated: ρ = −√(p₂p₃/((1 − p₂)(1 − p₃))).
      const rho = -Math.sqrt((0.3 * 0.4) / (0.7 * 0.6));
      // SE of a sample correlation ≈ (1 − ρ²)/√M.
      expect(Math.abs(correlation23 - rho)).toBeLessThan((Z * (1 - rho * rho)) / Math.sqrt(M));
    });
  }

  it("fills zero counts for a total of 0 and reuses (and clears) its buffer", () => {
    const splitter = new ShardSplitter(PROBABILITIES);
    const random = randomStream(1, "reuse");
    splitter.fixedCounts(random, 1000);
    expect([...splitter.fixedCounts(random, 0)]).toEqual([0, 0, 0, 0, 0]);
    splitter.poissonCounts(random, 1000);
    expect([...splitter.poissonCounts(random, 0)]).toEqual([0, 0, 0, 0, 0]);
  });

  it("puts everything on the only shard with positive probability", () => {
    const splitter = new ShardSplitter(new Float64Array([0, 1, 0]));
    const random = randomStream(1, "single");
    expect([...splitter.fixedCounts(random, 2)]).toEqual([0, 2, 0]);
    expect([...splitter.fixedCounts(random, 500)]).toEqual([0, 500, 0]);
    const counts = splitter.poissonCounts(random, 300);
    expect(counts[0]).toBe(0);
    expect(counts[2]).toBe(0);
  });
});
