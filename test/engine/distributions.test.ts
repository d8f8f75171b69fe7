/**
 * Statistical tests of the distributions. Every tolerance is derived from the sampling
 * distribution of the statistic it bounds:
 *
 * - Sample mean of N draws: standard error σ/√N; we allow 5 standard errors (a two-sided
 *   normal tail of 5.7e-7 per check).
 * - Unbiased sample variance S²: Var(S²) = (μ₄ − σ⁴·(N − 3)/(N − 1)) / N, where μ₄ is the
 *   central fourth moment, given per distribution below; again 5 standard errors. S² is a
 *   mean of N terms, so for the light-tailed cases here (kurtosis <= ~9) the normal
 *   approximation at 5 SE is sound with N = 200 000.
 * - Frequencies: a count over N draws is Binomial(N, p): standard error √(p(1 − p)/N), 5 SE.
 * - Goodness of fit: Pearson's χ² over bins with expected counts >= 5 (in practice hundreds),
 *   against the upper 1e-4 quantile of χ²(df). Quantiles: scipy.stats.chi2.ppf(1 - 1e-4, df).
 *
 * Seeds are fixed, so a pass is reproducible; each check is a real test: a wrong mean,
 * variance or pmf shape of the size these sample counts resolve makes it fail.
 */
import { describe, expect, it } from "vitest";
import {
  binomial,
  binomialLogPmf,
  createAliasTable,
  createZipfSampler,
  exponential,
  lognormal,
  multinomial,
  normal,
  poisson,
  poissonLogPmf,
  uniform,
  uniformInt,
  zipfNormalization,
  zipfProbability,
} from "../../src/engine/distributions/index.js";
import { type Random, randomStream } from "../../src/engine/random-streams.js";

const SEEDS = [1, 2, 3];
const N = 200_000;
const Z = 5;

/** Upper 1e-4 quantile of χ²(df), df = 1..30 (scipy.stats.chi2.ppf(1 - 1e-4, df)). */
const CHI2_CRITICAL = [
  Number.NaN,
  15.137,
  18.421,
  21.108,
  23.513,
  25.745,
  27.856,
  29.878,
  31.828,
  33.72,
  35.564,
  37.367,
  39.134,
  40.871,
  42.579,
  44.263,
  45.925,
  47.566,
  49.189,
  50.795,
  52.386,
  53.962,
  55.525,
  57.075,
  58.613,
  60.14,
  61.657,
  63.164,
  64.662,
  66.152,
  67.633,
];

interface Theory {
  mean: number;
  variance: number;
  /** Central fourth moment E[(X − μ)⁴]. */
  mu4: number;
}

/** Draws `count` samples and checks the sample mean and variance against theory. */
function checkMoments(label: string, draw: () => number, theory: Theory, count = N): number[] {
  const values = new Float64Array(count);
  // Shifted sums (shift = theoretical mean) keep the variance free of cancellation.
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < count; i++) {
    const x = draw();
    values[i] = x;
    const d = x - theory.mean;
    s1 += d;
    s2 += d * d;
  }
  const mean = theory.mean + s1 / count;
  const variance = (s2 - (s1 * s1) / count) / (count - 1);
  const meanSe = Math.sqrt(theory.variance / count);
  const sigma4 = theory.variance * theory.variance;
  const varianceSe = Math.sqrt((theory.mu4 - (sigma4 * (count - 3)) / (count - 1)) / count);
  expect(Math.abs(mean - theory.mean), `${label}: mean ${mean} vs ${theory.mean}`).toBeLessThan(
    Z * meanSe,
  );
  expect(
    Math.abs(variance - theory.variance),
    `${label}: variance ${variance} vs ${theory.variance}`,
  ).toBeLessThan(Z * varianceSe);
  return Array.from(values);
}

/** Checks that `hits` of `count` draws matches probability p within 5 standard errors. */
function checkFrequency(label: string, hits: number, count: number, p: number): void {
  const se = Math.sqrt((p * (1 - p)) / count);
  expect(Math.abs(hits / count - p), `${label}: ${hits / count} vs ${p}`).toBeLessThanOrEqual(
    Z * se,
  );
}

/** Pearson's χ² test of observed counts against bin probabilities (summing to 1). */
function checkChiSquare(label: string, observed: number[], probabilities: number[]): void {
  const total = observed.reduce((a, b) => a + b, 0);
  let statistic = 0;
  probabilities.forEach((p, i) => {
    const expected = total * p;
    expect(expected, `${label}: bin ${i} expected count`).toBeGreaterThanOrEqual(5);
    statistic += ((observed[i] as number) - expected) ** 2 / expected;
  });
  const df = probabilities.length - 1;
  const critical = CHI2_CRITICAL[df];
  if (critical === undefined) throw new Error(`no χ² quantile for df = ${df}`);
  expect(statistic, `${label}: χ²(${df}) = ${statistic}`).toBeLessThan(critical);
}

/** A pmf over lo..hi: pmf[k − lo] = P(K = k). */
interface PmfTable {
  readonly lo: number;
  readonly hi: number;
  readonly pmf: Float64Array;
}

/**
 * A discrete pmf on [lo, hi], built independently of the library from the ratio
 * P(k + 1) / P(k) and normalised over the range. The ranges below span ±8 standard
 * deviations plus a margin, which hold all but ~1e-15 of the mass.
 */
function pmfFromRatio(
  lo: number,
  hi: number,
  start: number,
  ratio: (k: number) => number,
): PmfTable {
  const weights = new Float64Array(hi - lo + 1);
  weights[start - lo] = 1;
  for (let k = start; k < hi; k++) weights[k + 1 - lo] = (weights[k - lo] as number) * ratio(k);
  for (let k = start; k > lo; k--) weights[k - 1 - lo] = (weights[k - lo] as number) / ratio(k - 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] as number) / sum;
  return { lo, hi, pmf: weights };
}

/**
 * Pmf tables by distribution, built once: the fit test and the log-pmf test of a distribution
 * read the same one (at n = 2^40 the table holds 8 million points).
 */
const pmfTables = new Map<string, PmfTable>();

function memoized(key: string, build: () => PmfTable): PmfTable {
  let table = pmfTables.get(key);
  if (table === undefined) {
    table = build();
    pmfTables.set(key, table);
  }
  return table;
}

function poissonPmf(mean: number): PmfTable {
  return memoized(`poisson ${mean}`, () => {
    const sd = Math.sqrt(mean);
    const lo = Math.max(0, Math.floor(mean - 8 * sd - 10));
    const hi = Math.ceil(mean + 8 * sd + 20);
    return pmfFromRatio(lo, hi, Math.floor(mean), (k) => mean / (k + 1));
  });
}

function binomialPmf(n: number, p: number): PmfTable {
  return memoized(`binomial ${n} ${p}`, () => {
    const sd = Math.sqrt(n * p * (1 - p));
    const lo = Math.max(0, Math.floor(n * p - 8 * sd - 10));
    const hi = Math.min(n, Math.ceil(n * p + 8 * sd + 20));
    const mode = Math.min(hi, Math.floor((n + 1) * p));
    return pmfFromRatio(lo, hi, mode, (k) => ((n - k) / (k + 1)) * (p / (1 - p)));
  });
}

/**
 * Groups consecutive support points into ~`target` bins of roughly equal probability (the
 * first and last bins absorb the tails), tallies `samples` into them and runs the χ² test.
 */
function checkDiscreteFit(label: string, samples: number[], table: PmfTable, target = 12): void {
  const upperEdges: number[] = []; // bin j holds k <= upperEdges[j]
  const binMass: number[] = [];
  let mass = 0;
  for (let k = table.lo; k <= table.hi; k++) {
    mass += table.pmf[k - table.lo] as number;
    if (mass >= 1 / target) {
      upperEdges.push(k);
      binMass.push(mass);
      mass = 0;
    }
  }
  if (mass > 0 || upperEdges.length === 0) {
    if (binMass.length > 0 && mass < 0.5 / target) {
      binMass[binMass.length - 1] = (binMass[binMass.length - 1] as number) + mass;
    } else {
      upperEdges.push(table.hi);
      binMass.push(mass);
    }
  }
  upperEdges[upperEdges.length - 1] = Number.POSITIVE_INFINITY;
  const observed = new Array<number>(binMass.length).fill(0);
  for (const x of samples) {
    let j = 0;
    while (x > (upperEdges[j] as number)) j++;
    observed[j] = (observed[j] as number) + 1;
  }
  expect(binMass.length, `${label}: bins`).toBeGreaterThanOrEqual(2);
  checkChiSquare(label, observed, binMass);
}

const streams = (name: string): Random[] => SEEDS.map((seed) => randomStream(seed, name));

describe("exponential", () => {
  for (const rate of [0.5, 3, 1e-3]) {
    it(`rate ${rate}: mean 1/λ, variance 1/λ², P(X > mean) = 1/e`, () => {
      // Exponential central moments: σ² = 1/λ², μ₄ = 9/λ⁴.
      const theory = { mean: 1 / rate, variance: rate ** -2, mu4: 9 * rate ** -4 };
      for (const random of streams(`exp${rate}`)) {
        const xs = checkMoments(`exp(${rate})`, () => exponential(random, rate), theory);
        expect(xs.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
        checkFrequency(
          "P(X > 1/λ)",
          xs.filter((x) => x > 1 / rate).length,
          xs.length,
          Math.exp(-1),
        );
      }
    });
  }

  it("is finite when the uniform is 0, and rejects bad rates", () => {
    expect(exponential(() => 0, 2)).toBe(0);
    expect(Number.isFinite(exponential(() => 1 - 2 ** -53, 2))).toBe(true);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => exponential(() => 0.5, bad)).toThrow(RangeError);
    }
  });
});

describe("uniform", () => {
  it("uniform(min, max): mean, variance and range", () => {
    const [min, max] = [-2, 5];
    const w = max - min;
    // Continuous uniform: σ² = w²/12, μ₄ = w⁴/80.
    const theory = { mean: (min + max) / 2, variance: w ** 2 / 12, mu4: w ** 4 / 80 };
    for (const random of streams("uniform")) {
      const xs = checkMoments("uniform", () => uniform(random, min, max), theory);
      expect(xs.every((x) => x >= min && x < max)).toBe(true);
    }
    expect(uniform(() => 1 - 2 ** -53, 0, 1)).toBeLessThan(1);
    expect(() => uniform(() => 0.5, 1, 1)).toThrow(RangeError);
  });

  it("uniformInt(n): every value equally likely", () => {
    const n = 10;
    // Discrete uniform on 0..n−1: σ² = (n² − 1)/12, μ₄ = (n² − 1)(3n² − 7)/240.
    const theory = {
      mean: (n - 1) / 2,
      variance: (n * n - 1) / 12,
      mu4: ((n * n - 1) * (3 * n * n - 7)) / 240,
    };
    const counts = new Array<number>(n).fill(0);
    for (const random of streams("uniformInt")) {
      const xs = checkMoments("uniformInt", () => uniformInt(random, n), theory);
      for (const x of xs) {
        if (!(Number.isInteger(x) && x >= 0 && x < n)) throw new Error(`uniformInt gave ${x}`);
        counts[x] = (counts[x] as number) + 1;
      }
    }
    checkChiSquare("uniformInt", counts, new Array<number>(n).fill(1 / n));
    expect(uniformInt(() => 1 - 2 ** -53, 2 ** 53 - 1)).toBeLessThan(2 ** 53 - 1);
    expect(uniformInt(() => 0.99, 1)).toBe(0);
    expect(() => uniformInt(() => 0.5, 0)).toThrow(RangeError);
    expect(() => uniformInt(() => 0.5, 2.5)).toThrow(RangeError);
  });
});

describe("normal and lognormal", () => {
  for (const [mean, sd] of [
    [0, 1],
    [10, 3],
  ] as const) {
    it(`normal(${mean}, ${sd}): moments and the 1σ, 2σ masses`, () => {
      // Normal: μ₄ = 3σ⁴.
      const theory = { mean, variance: sd * sd, mu4: 3 * sd ** 4 };
      for (const random of streams(`normal${mean}`)) {
        const xs = checkMoments("normal", () => normal(random, mean, sd), theory);
        const within = (k: number) => xs.filter((x) => Math.abs(x - mean) < k * sd).length;
        checkFrequency("P(|Z| < 1)", within(1), xs.length, 0.6826894921370859);
        checkFrequency("P(|Z| < 2)", within(2), xs.length, 0.9544997361036416);
      }
    });
  }

  it("normal is finite when the uniform is 0", () => {
    expect(Number.isFinite(normal(() => 0, 0, 1))).toBe(true);
    expect(() => normal(() => 0.5, 0, -1)).toThrow(RangeError);
  });

  it("lognormal(mu, sigma): moments", () => {
    const [mu, sigma] = [1, 0.5];
    const s2 = sigma * sigma;
    const variance = Math.expm1(s2) * Math.exp(2 * mu + s2);
    // Lognormal kurtosis (non-excess): e^{4σ²} + 2e^{3σ²} + 3e^{2σ²} − 3, so μ₄ = that · var².
    const kurtosis = Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 3;
    const theory = { mean: Math.exp(mu + s2 / 2), variance, mu4: kurtosis * variance ** 2 };
    for (const random of streams("lognormal")) {
      const xs = checkMoments("lognormal", () => lognormal(random, mu, sigma), theory);
      // The median is e^mu.
      checkFrequency("P(X < e^mu)", xs.filter((x) => x < Math.exp(mu)).length, xs.length, 0.5);
    }
  });
});

describe("poisson", () => {
  // Below 10: inversion; from 10: PTRS. Poisson: σ² = λ, μ₄ = λ(1 + 3λ).
  for (const mean of [0.5, 3, 9.9, 10, 37.5, 1000, 1e7]) {
    it(`mean ${mean}: moments and χ² fit of the pmf`, () => {
      const theory = { mean, variance: mean, mu4: mean * (1 + 3 * mean) };
      const all: number[] = [];
      for (const random of streams(`poisson${mean}`)) {
        const xs = checkMoments(`poisson(${mean})`, () => poisson(random, mean), theory);
        for (const x of xs) all.push(x);
      }
      expect(all.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
      checkDiscreteFit(`poisson(${mean})`, all, poissonPmf(mean));
    });
  }

  it("mean 0 gives 0; bad means are rejected", () => {
    expect(poisson(() => 0.99, 0)).toBe(0);
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => poisson(() => 0.5, bad)).toThrow(RangeError);
    }
  });

  it("poissonLogPmf matches the pmf built by recurrence", () => {
    for (const mean of [0.5, 9.9, 37.5, 1e7]) {
      const table = poissonPmf(mean);
      for (
        let k = table.lo;
        k <= table.hi;
        k += Math.max(1, Math.floor((table.hi - table.lo) / 50))
      ) {
        const p = table.pmf[k - table.lo] as number;
        if (p < 1e-250) continue;
        expect(Math.abs(Math.exp(poissonLogPmf(k, mean)) / p - 1), `k = ${k}`).toBeLessThan(1e-9);
      }
    }
  });
});

describe("binomial", () => {
  // Binomial: σ² = npq, μ₄ = npq(1 + 3(n − 2)pq).
  const cases: [number, number][] = [
    [7, 0.5], // inversion
    [20, 0.3], // inversion
    [50, 0.95], // symmetry, inversion
    [1e9, 3e-9], // huge n, inversion
    [200, 0.05], // n·p = 10: BTRS
    [1000, 0.3], // BTRS
    [1000, 0.9], // symmetry, BTRS
    [2 ** 40, 0.5], // huge n, BTRS
  ];
  for (const [n, p] of cases) {
    it(`n ${n}, p ${p}: moments and χ² fit of the pmf`, () => {
      const v = n * p * (1 - p);
      const theory = { mean: n * p, variance: v, mu4: v * (1 + 3 * (n - 2) * p * (1 - p)) };
      const all: number[] = [];
      for (const random of streams(`binomial${n}:${p}`)) {
        const xs = checkMoments(`binomial(${n}, ${p})`, () => binomial(random, n, p), theory);
        for (const x of xs) all.push(x);
      }
      expect(all.every((x) => Number.isInteger(x) && x >= 0 && x <= n)).toBe(true);
      checkDiscreteFit(`binomial(${n}, ${p})`, all, binomialPmf(n, p));
    });
  }

  it("handles p = 0, p = 1 and n = 0, and rejects bad arguments", () => {
    const random = randomStream(1, "edges");
    for (let i = 0; i < 100; i++) {
      expect(binomial(random, 50, 0)).toBe(0);
      expect(binomial(random, 50, 1)).toBe(50);
      expect(binomial(random, 0, 0.4)).toBe(0);
      expect([0, 1]).toContain(binomial(random, 1, 0.5));
    }
    expect(() => binomial(random, -1, 0.5)).toThrow(RangeError);
    expect(() => binomial(random, 2.5, 0.5)).toThrow(RangeError);
    expect(() => binomial(random, 10, 1.5)).toThrow(RangeError);
    expect(() => binomial(random, 10, Number.NaN)).toThrow(RangeError);
  });

  it("binomialLogPmf matches the pmf built by recurrence", () => {
    for (const [n, p] of cases) {
      const table = binomialPmf(n, p);
      for (
        let k = table.lo;
        k <= table.hi;
        k += Math.max(1, Math.floor((table.hi - table.lo) / 50))
      ) {
        const q = table.pmf[k - table.lo] as number;
        if (q < 1e-250) continue;
        expect(Math.abs(Math.exp(binomialLogPmf(k, n, p)) / q - 1), `${n} ${p} ${k}`).toBeLessThan(
          1e-9,
        );
      }
    }
  });
});

describe("multinomial", () => {
  for (const weights of [
    [0.5, 0.3, 0, 0.2],
    [5, 3, 0, 2],
  ]) {
    it(`weights ${weights.join(",")}: exact totals, binomial marginals`, () => {
      const n = 1000;
      const total = weights.reduce((a, b) => a + b, 0);
      const probabilities = weights.map((w) => w / total);
      const count = 50_000;
      for (const random of streams(`multinomial${total}`)) {
        const draws: number[][] = [];
        const out = new Int32Array(weights.length);
        for (let i = 0; i < count; i++) {
          multinomial(random, n, weights, out);
          if (out.reduce((a, b) => a + b, 0) !== n)
            throw new Error(`counts ${out} do not sum to n`);
          draws.push(Array.from(out));
        }
        expect(draws.filter((d) => d[2] !== 0)).toEqual([]);
        // Each marginal, and the sum of the first two, is binomial: that pins the covariance.
        const margins: [string, number, (d: number[]) => number][] = [
          ["X0", probabilities[0] as number, (d) => d[0] as number],
          ["X1", probabilities[1] as number, (d) => d[1] as number],
          ["X3", probabilities[3] as number, (d) => d[3] as number],
          [
            "X0+X1",
            (probabilities[0] as number) + (probabilities[1] as number),
            (d) => (d[0] as number) + (d[1] as number),
          ],
        ];
        for (const [label, p, pick] of margins) {
          const v = n * p * (1 - p);
          let i = 0;
          checkMoments(
            label,
            () => pick(draws[i++] as number[]),
            { mean: n * p, variance: v, mu4: v * (1 + 3 * (n - 2) * p * (1 - p)) },
            count,
          );
        }
      }
    });
  }

  it("sums exactly to n despite float drift, for huge n, and fills number[] outputs", () => {
    const random = randomStream(5, "drift");
    const tenths = new Array<number>(10).fill(0.1); // sums to 0.9999999999999999
    const out: number[] = [];
    for (let i = 0; i < 1000; i++) {
      multinomial(random, 1e12, tenths, out);
      expect(out.reduce((a, b) => a + b, 0)).toBe(1e12);
      expect(out.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    }
    expect(multinomial(random, 0, [1, 2], [9, 9])).toEqual([0, 0]);
    expect(multinomial(random, 7, [0, 3, 0], [9, 9, 9])).toEqual([0, 7, 0]);
    expect(() => multinomial(random, 5, [0, 0], [0, 0])).toThrow(RangeError);
    expect(() => multinomial(random, 5, [1, -1], [0, 0])).toThrow(RangeError);
    expect(() => multinomial(random, 5, [1, 1], new Int32Array(1))).toThrow(RangeError);
  });
});

describe("zipf", () => {
  /** Exact probabilities for every rank, by brute force in the test. */
  const exactZipf = (n: number, s: number): number[] => {
    const w = Array.from({ length: n }, (_, k) => (k + 1) ** -s);
    const h = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / h);
  };

  for (const [n, s] of [
    [10, 1],
    [1000, 1.2],
    [1000, 0.6],
    [200, 3],
  ] as const) {
    it(`n ${n}, s ${s}: χ² fit over all ranks`, () => {
      const p = exactZipf(n, s);
      // Bins: each of ranks 0..9, then ranges growing by ~2.5x (merged to >= 1e-3 mass).
      const edges = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 50, 100, 200, 500, 1000].filter(
        (e) => e < n,
      );
      edges.push(n);
      const binP: number[] = [];
      let from = 0;
      for (const to of edges) {
        binP.push(p.slice(from, to).reduce((a, b) => a + b, 0));
        from = to;
      }
      // Fold bins too light for the χ² approximation into their left neighbour.
      const bins: { to: number; p: number }[] = [];
      edges.forEach((to, i) => {
        const last = bins[bins.length - 1];
        if (last !== undefined && (binP[i] as number) < 1e-3) {
          last.to = to;
          last.p += binP[i] as number;
        } else bins.push({ to, p: binP[i] as number });
      });
      const observed = new Array<number>(bins.length).fill(0);
      const sample = createZipfSampler(n, s);
      // Zipf sampling is cheap, so use 4N draws per seed for extra power.
      for (const random of streams(`zipf${n}:${s}`)) {
        for (let i = 0; i < 4 * N; i++) {
          const k = sample(random);
          if (!(Number.isInteger(k) && k >= 0 && k < n)) throw new Error(`rank ${k}`);
          let j = 0;
          while (k >= (bins[j] as { to: number }).to) j++;
          observed[j] = (observed[j] as number) + 1;
        }
      }
      checkChiSquare(
        `zipf(${n}, ${s})`,
        observed,
        bins.map((b) => b.p),
      );
    });
  }

  for (const [n, s] of [
    [1e6, 1],
    [1e6, 0.8],
    [1e15, 1.1],
    [2 ** 53, 2],
  ] as const) {
    it(`n ${n}, s ${s}: first ranks match zipfProbability`, () => {
      const h = zipfNormalization(n, s);
      const sample = createZipfSampler(n, s);
      const ranks = 5;
      const counts = new Array<number>(ranks + 1).fill(0);
      const random = randomStream(11, `zipf-large${n}:${s}`);
      const count = 3 * N;
      for (let i = 0; i < count; i++) {
        const k = sample(random);
        if (!(Number.isInteger(k) && k >= 0 && k < n)) throw new Error(`rank ${k}`);
        const j = Math.min(k, ranks);
        counts[j] = (counts[j] as number) + 1;
      }
      for (let k = 0; k < ranks; k++) {
        checkFrequency(`rank ${k}`, counts[k] as number, count, zipfProbability(k, n, s, h));
      }
    });
  }

  it("n = 1 always gives 0; bad parameters are rejected", () => {
    expect(createZipfSampler(1, 1.5)(() => 0.7)).toBe(0);
    expect(() => createZipfSampler(0, 1)).toThrow(RangeError);
    expect(() => createZipfSampler(10, 0)).toThrow(RangeError);
    expect(() => createZipfSampler(2 ** 53 + 2, 1)).toThrow(RangeError);
    expect(() => createZipfSampler(10.5, 1)).toThrow(RangeError);
    expect(() => zipfNormalization(10, -1)).toThrow(RangeError);
  });

  it("zipfProbability sums to 1 and is 0 outside the ranks", () => {
    const h = zipfNormalization(500, 1.3);
    let sum = 0;
    for (let k = 0; k < 500; k++) sum += zipfProbability(k, 500, 1.3, h);
    expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
    expect(zipfProbability(500, 500, 1.3)).toBe(0);
    expect(zipfProbability(-1, 500, 1.3)).toBe(0);
    expect(zipfProbability(1.5, 500, 1.3)).toBe(0);
    expect(zipfProbability(0, 500, 1.3)).toBeCloseTo(1 / h, 15);
  });

  /** Neumaier-compensated Σ_{k=1..n} k^−s, smallest terms first. */
  const bruteForce = (n: number, s: number): number => {
    let sum = 0;
    let c = 0;
    for (let k = n; k >= 1; k--) {
      const t = k ** -s;
      const next = sum + t;
      c += Math.abs(sum) >= t ? sum - next + t : t - next + sum;
      sum = next;
    }
    return sum + c;
  };
  const relativeError = (a: number, b: number): number => Math.abs(a / b - 1);

  // Both sides are accurate to a few ulps (~4e-16 observed), so 1e-14 leaves a wide margin
  // while still catching a missing Euler–Maclaurin correction (the B₂ term is ~6e-13 here).
  it("zipfNormalization equals brute-force summation (n = 1e6, and n <= 1e5)", () => {
    for (const s of [0.3, 0.5, 1, 1.2, 2, 3.5]) {
      expect(relativeError(zipfNormalization(1e6, s), bruteForce(1e6, s)), `s ${s}`).toBeLessThan(
        1e-14,
      );
      expect(relativeError(zipfNormalization(1e5, s), bruteForce(1e5, s))).toBeLessThan(1e-14);
      expect(relativeError(zipfNormalization(100_001, s), bruteForce(100_001, s))).toBeLessThan(
        1e-14,
      );
    }
    expect(zipfNormalization(1, 2)).toBe(1);
    expect(zipfNormalization(3, 1)).toBeCloseTo(1 + 1 / 2 + 1 / 3, 15);
  });

  // The neglected asymptotic terms are below 1e-20 relative for these n, so the tolerance
  // only has to cover rounding.
  it("zipfNormalization matches known asymptotics", () => {
    const gamma = 0.5772156649015329; // Euler–Mascheroni
    for (const n of [1e7, 1e9, 1e12, 2 ** 53]) {
      // H(n, 1) = ln n + γ + 1/(2n) − 1/(12n²) + O(n⁻⁴).
      const h1 = Math.log(n) + gamma + 1 / (2 * n) - 1 / (12 * n * n);
      expect(relativeError(zipfNormalization(n, 1), h1), `H(${n}, 1)`).toBeLessThan(1e-14);
      // H(n, 2) = π²/6 − 1/n + 1/(2n²) + O(n⁻³).
      const h2 = Math.PI ** 2 / 6 - 1 / n + 1 / (2 * n * n);
      expect(relativeError(zipfNormalization(n, 2), h2), `H(${n}, 2)`).toBeLessThan(1e-14);
      // H(n, ½) = 2√n + ζ(½) + 1/(2√n) + O(n^−1.5), ζ(½) = −1.4603545088095868.
      const hHalf = 2 * Math.sqrt(n) - 1.4603545088095868 + 1 / (2 * Math.sqrt(n));
      expect(relativeError(zipfNormalization(n, 0.5), hHalf), `H(${n}, 1/2)`).toBeLessThan(1e-14);
    }
  });

  // The Euler–Maclaurin tail's s(s+1)(s+2) overflows above s ≈ 5.6e102 while its powers of
  // k underflow to 0: their product was NaN, and a run with `exponent: 1e300` over a million
  // keys ended in "internal error" from the alias table.
  it("zipfNormalization is 1 for an exponent so large that every rank past the first is 0", () => {
    for (const s of [100, 1e103, 1e300, Number.MAX_VALUE]) {
      for (const n of [2, 100_001, 1e6, 2 ** 53]) {
        expect(zipfNormalization(n, s), `s ${s}, n ${n}`).toBe(1);
        expect(zipfProbability(0, n, s)).toBe(1);
      }
    }
  });

  it("zipfNormalization is smooth and decreasing across s = 1", () => {
    const n = 1e9;
    const [below, at, above] = [1 - 1e-9, 1, 1 + 1e-9].map((s) => zipfNormalization(n, s)) as [
      number,
      number,
      number,
    ];
    expect(below).toBeGreaterThan(at);
    expect(at).toBeGreaterThan(above);
    // dH/ds at s = 1 is −Σ ln k / k = −((ln n)²/2 + γ₁) + O(ln n / n), with the Stieltjes
    // constant γ₁ = −0.0728158454836767; each step of 1e-9 moves H by that times 1e-9. The
    // second-order term (~(ln n)³/6 · 1e-18) and rounding of H (~5e-15) are far below 1e-12.
    const step = (Math.log(n) ** 2 / 2 - 0.0728158454836767) * 1e-9;
    expect(Math.abs(below - at - step)).toBeLessThan(1e-12);
    expect(Math.abs(at - above - step)).toBeLessThan(1e-12);
  });
});

describe("alias table", () => {
  for (const weights of [
    [1, 0, 3, 6, 0, 10, 0.5],
    Array.from({ length: 16 }, (_, i) => 2 ** -i / 3),
    new Float64Array([0, 0, 7]),
  ]) {
    it(`weights of length ${weights.length}: frequencies match, zero weights never drawn`, () => {
      const table = createAliasTable(weights);
      expect(table.size).toBe(weights.length);
      const counts = new Array<number>(weights.length).fill(0);
      for (const random of streams(`alias${weights.length}`)) {
        for (let i = 0; i < N; i++) {
          const k = table.sample(random);
          counts[k] = (counts[k] as number) + 1;
        }
      }
      const total = Array.from(weights).reduce((a, b) => a + b, 0);
      const nonzero = Array.from(weights, (w, i) => ({ w, i })).filter(({ w }) => w > 0);
      for (const [i, w] of Array.from(weights).entries()) {
        if (w === 0) expect(counts[i], `category ${i}`).toBe(0);
      }
      if (nonzero.length === 1) {
        expect(counts[nonzero[0]?.i as number]).toBe(SEEDS.length * N);
      } else {
        checkChiSquare(
          "alias",
          nonzero.map(({ i }) => counts[i] as number),
          nonzero.map(({ w }) => w / total),
        );
      }
    });
  }

  it("rejects negative, non-finite and all-zero weights", () => {
    expect(() => createAliasTable([])).toThrow(RangeError);
    expect(() => createAliasTable([0, 0])).toThrow(RangeError);
    expect(() => createAliasTable([1, -1])).toThrow(RangeError);
    expect(() => createAliasTable([1, Number.NaN])).toThrow(RangeError);
    expect(() => createAliasTable([1, Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });
});
