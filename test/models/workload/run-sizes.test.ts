/**
 * Segment mode's run sizes (models/workload/run-sizes.ts, size-quantiles.ts). Tolerances:
 *
 * - Partial moments are checked against Simpson's rule on the quantile function itself
 *   (∫₀^u Q(v) dv), an independent route, to 1e-6 relative; for discrete laws, against
 *   direct enumeration, exactly.
 * - Counts (oversize, listed) are binomial: 5 standard errors of the mean over M runs.
 * - Whole distributions of a run's total: the two-sample Kolmogorov–Smirnov statistic
 *   against totals of n separately drawn sizes, M samples each, at α = 1e-4:
 *   D < √(−ln(α/2)/2) · √(2/M) (Massey 1951).
 */
import { describe, expect, it } from "vitest";
import { standardNormalCdf } from "../../../models/workload/normal-cdf.js";
import { createRecordSizeModel } from "../../../models/workload/record-size.js";
import { LISTED_RECORDS } from "../../../models/workload/run-sizes.js";
import {
  empiricalQuantiles,
  lognormalQuantiles,
  uniformQuantiles,
} from "../../../models/workload/size-quantiles.js";
import { normalQuantile } from "../../../src/engine/distributions/normal-quantile.js";
import { randomStream } from "../../../src/engine/random-streams.js";

const Z = 5;
const MIB = 1_048_576;

/** Composite Simpson's rule on [a, b] with `intervals` (even) sub-intervals. */
function simpson(f: (x: number) => number, a: number, b: number, intervals: number): number {
  const h = (b - a) / intervals;
  let total = f(a) + f(b);
  for (let i = 1; i < intervals; i++) total += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (total * h) / 3;
}

/** Two-sample Kolmogorov–Smirnov statistic. */
function ksStatistic(a: number[], b: number[]): number {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const value = Math.min(x[i] as number, y[j] as number);
    while (i < x.length && (x[i] as number) <= value) i++;
    while (j < y.length && (y[j] as number) <= value) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

const ksCritical = (m: number) => Math.sqrt(-Math.log(1e-4 / 2) / 2) * Math.sqrt(2 / m);

describe("size quantiles: partial moments agree with the quantile function", () => {
  it("log-normal (uncapped and capped): ∫₀^u Q and ∫₀^u Q² by Simpson in the normal scale", () => {
    for (const [median, sigma, cap] of [
      [200, 2, Number.POSITIVE_INFINITY],
      [4000, 1.5, Number.POSITIVE_INFINITY],
      [1000, 1.5, 3000],
    ] as const) {
      const mu = Math.log(median);
      const q = lognormalQuantiles(mu, sigma, cap);
      for (const level of [0.1, 0.5, 0.9, 0.999]) {
        // ∫₀^u Q(v)^k dv = ∫_{−∞}^{Φ⁻¹(u)} min(cap, e^{μ+σz})^k φ(z) dz (continuous law).
        const upper = normalQuantile(level);
        const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
        const moment = (k: number) =>
          simpson(
            (z) => Math.min(cap, Math.exp(mu + sigma * z)) ** k * phi(z),
            -40,
            upper,
            400_000,
          );
        const [first, second] = q.partialMoments(level);
        expect(first / moment(1)).toBeCloseTo(1, 5);
        expect(second / moment(2)).toBeCloseTo(1, 5);
      }
      // The whole law: the mean e^{μ+σ²/2} when uncapped.
      if (!Number.isFinite(cap)) {
        expect(q.partialMoments(1)[0] / Math.exp(mu + (sigma * sigma) / 2)).toBeCloseTo(1, 6);
      }
      expect(q.cdf(median)).toBeCloseTo(0.5, 6);
    }
  });

  it("uniform and empirical: exact sums over the values below a level", () => {
    const u = uniformQuantiles(10, 19);
    // Level 0.35: values 10, 11, 12 whole (0.1 each) and half of 13.
    const [first, second] = u.partialMoments(0.35);
    expect(first).toBeCloseTo((10 + 11 + 12) / 10 + 0.5 * 13 * 0.1, 12);
    expect(second).toBeCloseTo((100 + 121 + 144) / 10 + 0.5 * 169 * 0.1, 9);
    expect(u.quantile(0.35)).toBe(13);
    expect(u.cdf(12)).toBeCloseTo(0.3, 12);
    const e = empiricalQuantiles([100, 500, 9000], [6, 3, 1]);
    const [f, s] = e.partialMoments(0.75);
    expect(f).toBeCloseTo(0.6 * 100 + 0.15 * 500, 12);
    expect(s).toBeCloseTo(0.6 * 100 ** 2 + 0.15 * 500 ** 2, 6);
    expect(e.quantile(0.95)).toBe(9000);
    expect(e.cdf(499)).toBeCloseTo(0.6, 12);
  });
});

describe("sampleRun: a run's sizes", () => {
  it("a long run's total has the law of n separate draws, heavy tail included (KS)", () => {
    // Log-normal σ 2 (median 200 B): a sum of 100 is far from normal (its skewness is ≈ 41);
    // the run draws its top levels one by one and the rest as a normal total.
    const model = createRecordSizeModel({ distribution: "lognormal", medianBytes: 200, sigma: 2 });
    const m = 20_000;
    const n = 100;
    const runRandom = randomStream(3, "runs");
    const drawRandom = randomStream(4, "draws");
    const runs: number[] = [];
    const sums: number[] = [];
    for (let i = 0; i < m; i++) {
      runs.push(model.sampleRun(runRandom, n).dataBytes);
      let sum = 0;
      for (let j = 0; j < n; j++) sum += model.sample(drawRandom);
      sums.push(sum);
    }
    expect(ksStatistic(runs, sums)).toBeLessThan(ksCritical(m));
    // The test has teeth: a normal law with the exact mean and variance (what segment mode
    // drew before) is rejected by the same statistic.
    let mean = 0;
    for (const sum of sums) mean += sum / m;
    let variance = 0;
    for (const sum of sums) variance += (sum - mean) ** 2 / (m - 1);
    const normalRandom = randomStream(5, "normal");
    const normals = sums.map(
      () => mean + Math.sqrt(variance) * normalQuantile(Math.min(1 - 1e-12, normalRandom())),
    );
    expect(ksStatistic(normals, sums)).toBeGreaterThan(ksCritical(m));
  });

  it("lists every record of a short run, and about the 32 largest of a long one", () => {
    const model = createRecordSizeModel({ distribution: "lognormal", medianBytes: 200, sigma: 2 });
    const random = randomStream(6, "listed");
    const short = model.sampleRun(random, 20);
    expect(short.listed).toHaveLength(20);
    expect(short.listedAt).toBeUndefined();
    expect(short.dataBytes).toBe(short.listed.reduce((a, b) => a + b, 0));
    const m = 2000;
    const n = 500;
    let listedTotal = 0;
    let wrong = 0;
    // Every listed size is at or above the cut (the level 1 − 32/n), every position distinct.
    const cut = lognormalQuantiles(Math.log(200), 2, Number.POSITIVE_INFINITY).quantile(
      1 - LISTED_RECORDS / n,
    );
    for (let i = 0; i < m; i++) {
      const run = model.sampleRun(random, n);
      listedTotal += run.listed.length;
      for (const size of run.listed) if (size < cut) wrong++;
      const at = run.listedAt ?? [];
      if (at.length !== run.listed.length || (at.at(-1) ?? 0) >= n) wrong++;
      for (let j = 1; j < at.length; j++) if ((at[j] as number) <= (at[j - 1] as number)) wrong++;
    }
    expect(wrong).toBe(0);
    // Listed count ~ Binomial(n, 32/n): mean 32.
    const p = LISTED_RECORDS / n;
    const se = Math.sqrt((n * p * (1 - p)) / m);
    expect(Math.abs(listedTotal / m - LISTED_RECORDS)).toBeLessThan(Z * se);
  });

  it("counts records too large for the stream as oversize, binomially, and never lists them", () => {
    // Median 100 KB, σ 2: P(size > 1 MiB − 10 B) = 1 − Φ(ln(limit/100,000)/2) ≈ 0.12.
    const limit = MIB - 10;
    const model = createRecordSizeModel(
      { distribution: "lognormal", medianBytes: 100_000, sigma: 2 },
      () => 0,
      limit,
    );
    const p = 1 - standardNormalCdf(Math.log(limit / 100_000) / 2);
    expect(model.oversizeShare).toBeCloseTo(p, 6);
    const random = randomStream(8, "oversize");
    for (const n of [10, 200]) {
      const m = 5000;
      let oversize = 0;
      let tooLarge = 0;
      for (let i = 0; i < m; i++) {
        const run = model.sampleRun(random, n);
        oversize += run.oversize;
        for (const size of run.listed) if (size > limit) tooLarge++;
      }
      expect(tooLarge).toBe(0);
      const se = Math.sqrt((n * p * (1 - p)) / m);
      expect(Math.abs(oversize / m - n * p)).toBeLessThan(Z * se);
    }
    // The mean size of the records that are sent is the law's mean below the limit.
    const q = lognormalQuantiles(Math.log(100_000), 2, Number.POSITIVE_INFINITY);
    expect(model.meanBytes).toBeCloseTo(q.partialMoments(1 - p)[0] / (1 - p), 3);
  });
});
