import { describe, expect, it } from "vitest";
import { poisson, poissonInversionFrom } from "../../src/engine/distributions/poisson.js";
import { PoissonMeans } from "../../src/engine/distributions/poisson-means.js";
import { randomStream } from "../../src/engine/random-streams.js";

/** The sequential search (what poisson() runs below a mean of 10), at any mean. */
const inversion = (random: () => number, mean: number) =>
  mean === 0 ? 0 : poissonInversionFrom(random, mean, Math.exp(-mean));

/** P(N = k) and P(N <= k) for a Poisson of `mean`, exactly, by the pmf's recurrence. */
function poissonUpTo(mean: number, k: number): { pmf: number; cdf: number } {
  let pmf = Math.exp(-mean);
  let cdf = pmf;
  for (let j = 1; j <= k; j++) {
    pmf *= mean / j;
    cdf += pmf;
  }
  return { pmf, cdf };
}

describe("PoissonMeans", () => {
  // Means with a kept CDF: below 10 (where poisson() inverts too), from 10 (where it runs
  // PTRS) and near the tables' reach (a width of 512, a mean of about 350).
  const tabled = [0, 0.3, 4, 9.999, 10, 10.4, 37.5, 250, 349];
  // Beyond the tables: PTRS, as poisson() runs it.
  const large = [360, 1000, 1e6, 1e7];

  /**
   * `draws` draws of each of `means` from a PoissonMeans and from `reference`, each from a
   * stream of its own with the same seed: the same numbers, from the same uniforms.
   */
  const expectDrawsOf = (
    means: readonly number[],
    reference: (random: () => number, mean: number) => number,
    draws: number,
  ) => {
    const table = new PoissonMeans(means);
    for (let i = 0; i < means.length; i++) {
      const mean = means[i] as number;
      const a = randomStream(11, `means${mean}`);
      const b = randomStream(11, `means${mean}`);
      for (let n = 0; n < draws; n++) expect(table.draw(b, i)).toBe(reference(a, mean));
      // Both consumed the same uniforms.
      expect(b()).toBe(a());
    }
  };

  it("inverts the CDF: from the same uniform, the sequential search's draw", () => {
    expectDrawsOf(tabled, inversion, 5000);
  });

  it("draws larger means as poisson does (PTRS), from the same uniforms", () => {
    expectDrawsOf(large, poisson, 2000);
  });

  it("gives the same draws when the means are interleaved, as a splitter draws them", () => {
    const means = [...tabled, ...large];
    const table = new PoissonMeans(means);
    const a = randomStream(5, "interleaved");
    const b = randomStream(5, "interleaved");
    for (let n = 0; n < 2000; n++) {
      for (let i = 0; i < means.length; i++) {
        const mean = means[i] as number;
        const expected = i < tabled.length ? inversion(a, mean) : poisson(a, mean);
        expect(table.draw(b, i)).toBe(expected);
      }
    }
  });

  it("searches on past its table for a uniform beyond the table's mass", () => {
    // A mean of 4 keeps P(N <= k) for k <= 27 (its table's width is 4 + 8·2 + 8). A uniform
    // halfway into P(N = 28), past P(N <= 27), is inverted to 28, by the search past it.
    const mean = 4;
    const { cdf, pmf } = poissonUpTo(mean, 27);
    const u = cdf + (pmf * mean) / 28 / 2;
    expect(u).toBeLessThan(1);
    const table = new PoissonMeans([mean]);
    expect(table.draw(() => u, 0)).toBe(28);
    expect(inversion(() => u, mean)).toBe(28);
  });

  it("has a Poisson's mean, variance and CDF at a mean PTRS used to draw (three seeds)", () => {
    const mean = 37.5;
    const n = 20_000;
    const below31 = poissonUpTo(mean, 30).cdf;
    for (const seed of [1, 2, 3]) {
      const table = new PoissonMeans([mean]);
      const random = randomStream(seed, "moments");
      let sum = 0;
      let squares = 0;
      let atMost30 = 0;
      for (let d = 0; d < n; d++) {
        const x = table.draw(random, 0);
        sum += x;
        squares += x * x;
        if (x <= 30) atMost30++;
      }
      const sampleMean = sum / n;
      const sampleVariance = (squares - n * sampleMean * sampleMean) / (n - 1);
      // Four standard errors: sqrt(λ/n) for the mean; for the variance sqrt((μ4 − σ⁴)/n), with
      // μ4 = λ(1 + 3λ) and σ² = λ; sqrt(p(1 − p)/n) for a proportion.
      expect(Math.abs(sampleMean - mean)).toBeLessThan(4 * Math.sqrt(mean / n));
      expect(Math.abs(sampleVariance - mean)).toBeLessThan(
        4 * Math.sqrt((mean + 2 * mean * mean) / n),
      );
      expect(Math.abs(atMost30 / n - below31)).toBeLessThan(
        4 * Math.sqrt((below31 * (1 - below31)) / n),
      );
    }
  });

  it("rejects a mean poisson would reject", () => {
    expect(() => new PoissonMeans([1, -1])).toThrow(RangeError);
    expect(() => new PoissonMeans([Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => new PoissonMeans([Number.NaN])).toThrow(RangeError);
  });
});
