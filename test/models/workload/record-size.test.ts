/**
 * Record sizes (models/workload/record-size.ts). Tolerances, derived:
 *
 * - Sample mean of M draws of variance σ²: standard error σ/√M; we allow 5 (two-sided normal
 *   tail 5.7e-7 per check).
 * - Unbiased sample variance S² of M draws: Var(S²) ≈ (μ₄ − σ⁴)/M with μ₄ the central fourth
 *   moment; we allow 5 standard errors. For a sum of n iid draws, μ₄(sum) = n·μ₄ + 3n(n−1)σ⁴;
 *   for the normal approximation used above 32 records, μ₄ = 3(nσ²)²; we use the larger.
 * - Rounding: a lognormal draw is round(min(X, cap)) clamped to ≥ 1, which differs from
 *   min(X, cap) by at most 1 byte. A total of n draws then differs from the continuous sum by
 *   at most n, which moves its mean by ≤ n and (Minkowski) its standard deviation by ≤ n, so
 *   its variance by ≤ 2·sd·n + n². These deterministic bounds are added to the 5 SE.
 * - Frequencies: Binomial(M, p), 5 standard errors √(M·p(1−p)).
 *
 * The reference moments of the clipped lognormal come from numerical integration (Simpson's
 * rule) written here, not from the code under test.
 */
import { describe, expect, it } from "vitest";
import {
  clippedLognormalMoments,
  createRecordSizeModel,
  type RecordSizeConfig,
  type RecordSizeModel,
  standardNormalCdf,
} from "../../../models/workload/record-size.js";
import { type Random, randomStream } from "../../../src/engine/random-streams.js";

const Z = 5;
const SEEDS = [1, 2, 3];

/** Composite Simpson's rule on [a, b] with `intervals` (even) sub-intervals. */
function simpson(f: (x: number) => number, a: number, b: number, intervals: number): number {
  if (b <= a) return 0;
  const h = (b - a) / intervals;
  let total = f(a) + f(b);
  for (let i = 1; i < intervals; i++) total += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (total * h) / 3;
}

const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

/**
 * The upper tail 1 − Φ(t) for t ≥ 0, as ∫ₜ^(t+14) φ by Simpson with step 5e-4 (no
 * cancellation, so it is accurate relative to the tail itself): the truncation misses less
 * than φ(t + 14) < 1e-43, the rule's error is below (14·h⁴/180)·max|φ⁗| < 1e-14 relative to
 * the tail, and summing 28,000 positive terms adds at most 28,000·2⁻⁵³ ≈ 3.2e-12 relative.
 */
function referenceTail(t: number): number {
  return simpson(phi, t, t + 14, 28_000);
}

/** Φ(x) from {@link referenceTail}. */
function referenceCdf(x: number): number {
  return x < 0 ? referenceTail(-x) : 1 - referenceTail(x);
}

/**
 * Raw moments E[Yᵏ], k = 1..4, of Y = min(e^(μ+σZ), cap), Z ~ N(0, 1): the integral of
 * e^(k(μ+σz))·φ(z) up to z_c = (ln cap − μ)/σ plus capᵏ·P(Z > z_c), each by Simpson with
 * 200,000 steps over [−L, L], L = 12 + 4σ (the integrand peaks at z = kσ ≤ 4σ and is below
 * e^(−72) of its peak beyond 12 from it). Relative error far below 1e-10.
 */
function clippedMomentsByIntegration(mu: number, sigma: number, cap: number): number[] {
  const limit = 12 + 4 * sigma;
  const zc = Math.min(limit, Math.max(-limit, (Math.log(cap) - mu) / sigma));
  const above = simpson(phi, zc, limit, 200_000);
  return [1, 2, 3, 4].map(
    (k) =>
      simpson((z) => Math.exp(k * (mu + sigma * z)) * phi(z), -limit, zc, 200_000) +
      cap ** k * above,
  );
}

function centralMoments(raw: number[]): { mean: number; variance: number; mu4: number } {
  const [m1, m2, m3, m4] = raw as [number, number, number, number];
  return {
    mean: m1,
    variance: m2 - m1 * m1,
    mu4: m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 ** 4,
  };
}

interface Moments {
  mean: number;
  variance: number;
  mu4: number;
}

function sampleStats(draw: () => number, m: number) {
  let sum = 0;
  let sumSquares = 0;
  const values = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const value = draw();
    values[i] = value;
    sum += value;
  }
  const mean = sum / m;
  for (const value of values) sumSquares += (value - mean) ** 2;
  return { mean, variance: sumSquares / (m - 1), values };
}

/** Checks the sample mean and variance of M draws against `theory`, with bias bounds. */
function checkMoments(
  draw: () => number,
  m: number,
  theory: Moments,
  meanBias = 0,
  varianceBias = 0,
): Float64Array {
  const { mean, variance, values } = sampleStats(draw, m);
  expect(Math.abs(mean - theory.mean)).toBeLessThan(Z * Math.sqrt(theory.variance / m) + meanBias);
  const varianceSe = Math.sqrt(Math.max(0, theory.mu4 - theory.variance ** 2) / m);
  expect(Math.abs(variance - theory.variance)).toBeLessThan(Z * varianceSe + varianceBias);
  return values;
}

/** Exact moments of the discrete uniform distribution on {min, …, max}. */
function discreteUniformMoments(min: number, max: number): Moments {
  const span = max - min + 1;
  return {
    mean: (min + max) / 2,
    variance: (span * span - 1) / 12,
    mu4: ((span * span - 1) * (3 * span * span - 7)) / 240,
  };
}

describe("standardNormalCdf", () => {
  it("matches known values to within 2e-7", () => {
    // Reference values: scipy.stats.norm.cdf.
    const known: [number, number][] = [
      [0, 0.5],
      [1.96, 0.9750021048517795],
      [-3, 0.0013498980316300933],
      [0.5, 0.6914624612740131],
      [-1, 0.15865525393145707],
      [2.5, 0.9937903346742238],
      [-5, 2.866515718791933e-7],
    ];
    for (const [x, expected] of known) {
      expect(Math.abs(standardNormalCdf(x) - expected)).toBeLessThan(2e-7);
    }
  });

  it("keeps the erfc approximation's relative error (< 1.2e-7) on the smaller tail", () => {
    // Φ is computed as erfc/2 or 1 − erfc/2, so its error is at most 1.2e-7 · min(Φ, 1 − Φ)
    // plus the reference's 3.2e-12 relative error and one rounding of 1 − erfc/2 (2⁻⁵³).
    for (let x = -8; x <= 8; x += 0.125) {
      const tail = referenceTail(Math.abs(x));
      const reference = x < 0 ? tail : 1 - tail;
      expect(Math.abs(standardNormalCdf(x) - reference)).toBeLessThanOrEqual(
        (1.2e-7 + 3.2e-12) * tail + 2 ** -53,
      );
    }
  });

  it("is symmetric and non-decreasing", () => {
    let previous = 0;
    for (let x = -10; x <= 10; x += 0.01) {
      const value = standardNormalCdf(x);
      expect(value).toBeGreaterThanOrEqual(previous);
      expect(value + standardNormalCdf(-x)).toBeCloseTo(1, 15);
      previous = value;
    }
  });
});

describe("clippedLognormalMoments", () => {
  const cases: [string, number, number, number][] = [
    ["median 1 KB, σ 1, cap 1 MiB (barely clipped)", Math.log(1000), 1, 1_048_576],
    ["median 1 KB, σ 1.5, cap 3 KB (23 % clipped)", Math.log(1000), 1.5, 3000],
    ["median 1 KB, σ 0.5, cap 500 B (cap below the median)", Math.log(1000), 0.5, 500],
    ["median 5 B, σ 2, cap 100 B", Math.log(5), 2, 100],
    ["median 200 B, σ 0.05, cap 1 MiB (nearly constant)", Math.log(200), 0.05, 1_048_576],
  ];
  for (const [label, mu, sigma, cap] of cases) {
    it(`${label}: mean and variance match numerical integration`, () => {
      const [m1, m2] = clippedMomentsByIntegration(mu, sigma, cap) as [number, number];
      const [mean, variance] = clippedLognormalMoments(mu, sigma, cap);
      // Error propagation: each Φ(x) the formula uses is off by at most
      // δ·min(Φ, 1 − Φ) + u (δ = 1.2e-7, u = 2.3e-16), scaled by its coefficient.
      const delta = 1.2e-7;
      const u = 2.3e-16;
      const phiError = (x: number) => delta * referenceTail(Math.abs(x)) + u;
      const c = Math.log(cap);
      const capError = phiError((c - mu) / sigma);
      const meanError =
        Math.exp(mu + (sigma * sigma) / 2) * phiError((c - mu - sigma * sigma) / sigma) +
        cap * capError;
      const secondError =
        Math.exp(2 * mu + 2 * sigma * sigma) * phiError((c - mu - 2 * sigma * sigma) / sigma) +
        cap * cap * capError;
      const integration = 1e-10;
      expect(Math.abs(mean - m1)).toBeLessThanOrEqual(meanError + integration * m1);
      const exactVariance = m2 - m1 * m1;
      const varianceError =
        secondError + (2 * m1 + meanError) * meanError + 8 * u * m2 + integration * m2;
      expect(Math.abs(variance - exactVariance)).toBeLessThanOrEqual(varianceError);
      expect(variance).toBeGreaterThan(0);
    });
  }

  it("reduces to the unclipped lognormal moments when the cap is far away", () => {
    const [mean, variance] = clippedLognormalMoments(0, 0.5, 1e12);
    expect(mean).toBeCloseTo(Math.exp(0.125), 6);
    expect(variance).toBeCloseTo((Math.exp(0.25) - 1) * Math.exp(0.25), 6);
  });
});

describe("sample: one record's size", () => {
  it("fixed: always the configured size", () => {
    const model = createRecordSizeModel({ distribution: "fixed", bytes: 1234 });
    const random = randomStream(1, "fixed");
    expect(model.meanBytes).toBe(1234);
    for (let i = 0; i < 100; i++) expect(model.sample(random)).toBe(1234);
    for (const n of [0, 7, 10_000]) {
      expect(model.sampleRun(random, n)).toEqual({ oversize: 0, dataBytes: n * 1234, listed: [] });
    }
  });

  for (const seed of SEEDS) {
    it(`seed ${seed}: uniform [100, 2000]: integers in range, mean and variance`, () => {
      const model = createRecordSizeModel({
        distribution: "uniform",
        minBytes: 100,
        maxBytes: 2000,
      });
      const theory = discreteUniformMoments(100, 2000);
      expect(model.meanBytes).toBe(theory.mean);
      const random = randomStream(seed, "uniform");
      const values = checkMoments(() => model.sample(random), 200_000, theory);
      let outside = 0;
      let atMin = 0;
      let atMax = 0;
      for (const value of values) {
        if (!Number.isInteger(value) || value < 100 || value > 2000) outside++;
        if (value === 100) atMin++;
        if (value === 2000) atMax++;
      }
      expect(outside).toBe(0);
      // Both ends are reachable: each has probability 1/1901 (expected ≈ 105 draws).
      const p = 1 / 1901;
      const bound = Z * Math.sqrt(200_000 * p * (1 - p));
      expect(Math.abs(atMin - 200_000 * p)).toBeLessThan(bound);
      expect(Math.abs(atMax - 200_000 * p)).toBeLessThan(bound);
    });
  }

  it("uniform [1, 4]: every size has probability 1/4 (χ², df = 3)", () => {
    const model = createRecordSizeModel({ distribution: "uniform", minBytes: 1, maxBytes: 4 });
    for (const seed of SEEDS) {
      const random = randomStream(seed, "uniform-small");
      const counts = [0, 0, 0, 0];
      const m = 100_000;
      for (let i = 0; i < m; i++) {
        const value = model.sample(random);
        counts[value - 1] = (counts[value - 1] ?? Number.NaN) + 1;
      }
      const chi2 = counts.reduce((sum, count) => sum + (count - m / 4) ** 2 / (m / 4), 0);
      // scipy.stats.chi2.ppf(1 - 1e-4, 3) = 21.11.
      expect(chi2).toBeLessThan(21.11);
    }
  });

  for (const seed of SEEDS) {
    it(`seed ${seed}: lognormal: moments of the clipped, rounded draw`, () => {
      const m = 200_000;
      for (const [median, sigma, max] of [
        [1000, 1, 1_048_576],
        [1000, 1.5, 3000],
      ] as const) {
        const model = createRecordSizeModel({
          distribution: "lognormal",
          medianBytes: median,
          sigma,
          maxBytes: max,
        });
        const theory = centralMoments(clippedMomentsByIntegration(Math.log(median), sigma, max));
        expect(model.meanBytes / theory.mean).toBeCloseTo(1, 6);
        const random = randomStream(seed, `lognormal-${sigma}`);
        const sd = Math.sqrt(theory.variance);
        const values = checkMoments(() => model.sample(random), m, theory, 1, 2 * sd + 1);
        // The median: P(draw ≤ median) = P(X < median + ½) = 0.5 + O(½/(median·σ)) < 0.5003.
        let belowMedian = 0;
        let atCap = 0;
        let outside = 0;
        for (const value of values) {
          if (value <= median) belowMedian++;
          if (value === max) atCap++;
          if (!Number.isInteger(value) || value < 1 || value > max) outside++;
        }
        expect(outside).toBe(0);
        expect(Math.abs(belowMedian / m - 0.5)).toBeLessThan(Z * Math.sqrt(0.25 / m) + 3e-4);
        // A draw equals the cap when X ≥ cap − ½: probability 1 − Φ(ln(cap − ½) − μ)/σ).
        const pCap = 1 - referenceCdf((Math.log(max - 0.5) - Math.log(median)) / sigma);
        expect(Math.abs(atCap - m * pCap)).toBeLessThan(Z * Math.sqrt(m * pCap * (1 - pCap)) + 1);
      }
    });
  }
});

describe("sampleRun: the total of n records has mean n·mean and variance n·variance", () => {
  const configs: [string, RecordSizeConfig, Moments, number][] = [
    [
      "uniform [100, 2000]",
      { distribution: "uniform", minBytes: 100, maxBytes: 2000 },
      discreteUniformMoments(100, 2000),
      0,
    ],
    [
      "lognormal median 1 KB, σ 1.5, cap 3 KB",
      { distribution: "lognormal", medianBytes: 1000, sigma: 1.5, maxBytes: 3000 },
      centralMoments(clippedMomentsByIntegration(Math.log(1000), 1.5, 3000)),
      1,
    ],
    [
      "lognormal median 500 B, σ 0.8, cap 1 MiB",
      { distribution: "lognormal", medianBytes: 500, sigma: 0.8, maxBytes: 1_048_576 },
      centralMoments(clippedMomentsByIntegration(Math.log(500), 0.8, 1_048_576)),
      1,
    ],
  ];
  const M = 20_000;
  for (const [label, config, single, perRecordBias] of configs) {
    for (const n of [1, 10, 32, 33, 100, 1000]) {
      it(`${label}, n = ${n} (${n <= 32 ? "sum of draws" : "top draws and a normal rest"})`, () => {
        const model: RecordSizeModel = createRecordSizeModel(config);
        const random: Random = randomStream(7, `${label}/${n}`);
        const variance = n * single.variance;
        const theory: Moments = {
          mean: n * single.mean,
          variance,
          mu4: Math.max(n * single.mu4 + 3 * n * (n - 1) * single.variance ** 2, 3 * variance ** 2),
        };
        // Sums inherit each draw's rounding (≤ perRecordBias per record); above 32 records the
        // rest's total has the continuous law's moments, each record within perRecordBias of
        // its rounded draw, and is rounded once (≤ ½).
        const bias = n * perRecordBias + (n <= 32 ? 0 : 0.5);
        const values = checkMoments(
          () => model.sampleRun(random, n).dataBytes,
          M,
          theory,
          bias,
          2 * Math.sqrt(variance) * bias + bias * bias,
        );
        const [min, max] =
          config.distribution === "uniform"
            ? [config.minBytes, config.maxBytes]
            : [1, config.distribution === "lognormal" ? (config.maxBytes ?? 0) : 0];
        let bad = 0;
        for (const value of values) {
          if (!Number.isInteger(value) || value < n * min || value > n * max) bad++;
        }
        expect(bad).toBe(0);
      });
    }
  }
});
