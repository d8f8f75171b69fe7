/**
 * Key spaces (models/workload/keys). Every statistical tolerance is derived from the sampling
 * distribution of the statistic it bounds, with N independent draws per seed:
 *
 * - A key's count is Binomial(N, p): we allow 5 standard errors √(N·p·(1 − p)) (two-sided
 *   normal tail 5.7e-7 per check; N·p ≥ 250 in every case, so the normal approximation holds).
 * - Goodness of fit: Pearson's χ² over all keys (expected counts ≥ 250) against the upper 1e-4
 *   quantile of χ²(df), df = keys − 1 (scipy.stats.chi2.ppf(1 − 1e-4, df)).
 * - The sample mean of the key length L over N draws has standard error σ_L/√N, where σ_L is
 *   computed exactly from the key distribution by enumeration; we allow 5 standard errors.
 *
 * Expected probabilities are computed here independently of the code under test (direct sums
 * for the Zipf normalization, TextEncoder for byte lengths).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createKeySpace } from "../../../models/workload/keys/create-key-space.js";
import { fixedKeys } from "../../../models/workload/keys/fixed-keys.js";
import { hotShareKeys } from "../../../models/workload/keys/hot-share-keys.js";
import {
  HEAD_KEY_LIMIT,
  type KeySpace,
  meanDecimalDigits,
  utf8Length,
} from "../../../models/workload/keys/key-space.js";
import { uniformKeys } from "../../../models/workload/keys/uniform-keys.js";
import { zipfKeys } from "../../../models/workload/keys/zipf-keys.js";
import { type Random, randomStream } from "../../../src/engine/random-streams.js";

const Z = 5;
const SEEDS = [1, 2, 3];
const N = 200_000;
/** UTF-8 byte length by Node's own encoder, independent of the code under test. */
const bytesOf = (text: string) => Buffer.byteLength(text, "utf8");

/** χ²(df) upper 1e-4 quantiles, scipy.stats.chi2.ppf(1 - 1e-4, df). */
const CHI2_99_99: Record<number, number> = { 3: 21.1075, 9: 33.7199, 19: 50.7955, 49: 94.5967 };

/** Number of decimal digits of a non-negative integer, by comparison (not String). */
function digitsOf(k: number): number {
  let digits = 1;
  for (let bound = 10; k >= bound; bound *= 10) digits++;
  return digits;
}

/** Exact mean and variance of the key length prefixBytes + digits(K), K ~ probability(k). */
function keyLengthMoments(
  cardinality: number,
  probability: (k: number) => number,
  prefixBytes: number,
): { mean: number; sd: number } {
  let mean = 0;
  let second = 0;
  for (let k = 0; k < cardinality; k++) {
    const p = probability(k);
    const length = prefixBytes + digitsOf(k);
    mean += p * length;
    second += p * length * length;
  }
  return { mean, sd: Math.sqrt(Math.max(0, second - mean * mean)) };
}

/** Σ_{k=1..n} k^−s summed directly (smallest terms first). */
function harmonic(n: number, s: number): number {
  let sum = 0;
  for (let k = n; k >= 1; k--) sum += k ** -s;
  return sum;
}

function sampleKeys(space: KeySpace, random: Random, draws: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < draws; i++) {
    const key = space.sample(random);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function massOf(space: KeySpace): number {
  return space.head.reduce((sum, { probability }) => sum + probability, 0) + space.tailMass;
}

/** Checks per-key binomial bounds and Pearson's χ² for a space whose head is all its keys. */
function checkFrequencies(space: KeySpace, seed: number, label: string): void {
  expect(space.tailMass).toBe(0);
  const counts = sampleKeys(space, randomStream(seed, label), N);
  let chi2 = 0;
  for (const { key, probability } of space.head) {
    const expected = N * probability;
    expect(expected).toBeGreaterThan(250);
    const observed = counts.get(key) ?? 0;
    expect(Math.abs(observed - expected)).toBeLessThan(
      Z * Math.sqrt(N * probability * (1 - probability)),
    );
    chi2 += (observed - expected) ** 2 / expected;
    counts.delete(key);
  }
  // Nothing outside the head was ever drawn.
  expect([...counts.keys()]).toEqual([]);
  const critical = CHI2_99_99[space.head.length - 1];
  if (critical === undefined) throw new Error(`no χ² quantile for df ${space.head.length - 1}`);
  expect(chi2).toBeLessThan(critical);
}

describe("utf8Length and meanDecimalDigits", () => {
  it("counts UTF-8 bytes, not UTF-16 units", () => {
    expect(utf8Length("")).toBe(0);
    expect(utf8Length("key-17")).toBe(6);
    expect(utf8Length("é")).toBe(2);
    expect(utf8Length("\x7f")).toBe(1);
    expect(utf8Length("a\x80")).toBe(3);
    expect(utf8Length("€")).toBe(3);
    expect(utf8Length("😀")).toBe(4);
    expect(utf8Length("clé-😀")).toBe(9);
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (text) => {
        expect(utf8Length(text)).toBe(bytesOf(text));
      }),
      { numRuns: 100 },
    );
  });

  it("averages the digit counts of [from, to) exactly", () => {
    expect(meanDecimalDigits(0, 10)).toBe(1);
    expect(meanDecimalDigits(0, 100)).toBeCloseTo(1.9, 12);
    expect(meanDecimalDigits(5, 15)).toBeCloseTo(1.5, 12);
    expect(meanDecimalDigits(99, 101)).toBeCloseTo(2.5, 12);
    expect(meanDecimalDigits(0, 1_000_000)).toBeCloseTo(5_888_890 / 1_000_000, 12);
    fc.assert(
      fc.property(fc.nat(5000), fc.integer({ min: 1, max: 5000 }), (from, length) => {
        let total = 0;
        for (let k = from; k < from + length; k++) total += String(k).length;
        expect(meanDecimalDigits(from, from + length)).toBeCloseTo(total / length, 10);
      }),
      { numRuns: 200 },
    );
  });
});

describe("head masses and tail mass", () => {
  const spaces: [string, KeySpace][] = [
    ["uniform 10", uniformKeys(10, "k")],
    ["uniform at the limit", uniformKeys(HEAD_KEY_LIMIT, "k")],
    ["uniform above the limit", uniformKeys(HEAD_KEY_LIMIT + 1, "k")],
    ["uniform 1e6", uniformKeys(1_000_000, "k")],
    ["zipf 50 s=1.2", zipfKeys(50, 1.2, "k")],
    ["zipf at the limit s=0.8", zipfKeys(HEAD_KEY_LIMIT, 0.8, "k")],
    ["zipf above the limit s=1", zipfKeys(HEAD_KEY_LIMIT + 1, 1, "k")],
    ["zipf 1e6 s=1.2", zipfKeys(1_000_000, 1.2, "k")],
    ["hotShare all in head", hotShareKeys(0.8, 3, 10, "k")],
    ["hotShare cold tail", hotShareKeys(0.3, 1, 50_000, "k")],
    ["hotShare hot tail", hotShareKeys(0.5, 20_000, 25_000, "k")],
    ["hotShare both tails", hotShareKeys(0.5, 20_000, 40_000, "k")],
    ["hotShare no cold keys", hotShareKeys(0.3, 5, 5, "k")],
    ["fixed", fixedKeys(["a", "b", "c"])],
  ];
  for (const [label, space] of spaces) {
    it(`${label}: head + tail = 1, probabilities in [0, 1], head keys distinct`, () => {
      expect(massOf(space)).toBeCloseTo(1, 12);
      expect(space.tailMass).toBeGreaterThanOrEqual(0);
      const bad = space.head.filter(({ probability }) => !(probability > 0 && probability <= 1));
      expect(bad).toEqual([]);
      expect(new Set(space.head.map(({ key }) => key)).size).toBe(space.head.length);
      expect(space.head.length).toBeLessThanOrEqual(HEAD_KEY_LIMIT);
    });
  }

  it("uniform: exact head up to the limit, empty above it", () => {
    const atLimit = uniformKeys(HEAD_KEY_LIMIT, "u-");
    expect(atLimit.head.length).toBe(HEAD_KEY_LIMIT);
    expect(atLimit.head[123]).toEqual({ key: "u-123", probability: 1 / HEAD_KEY_LIMIT });
    const above = uniformKeys(HEAD_KEY_LIMIT + 1, "u-");
    expect(above.head).toEqual([]);
    expect(above.tailMass).toBe(1);
  });

  it("zipf: exact head probabilities; above the limit the head is the heaviest 10,000 keys", () => {
    const small = zipfKeys(50, 1.2, "z");
    const h50 = harmonic(50, 1.2);
    small.head.forEach(({ key, probability }, k) => {
      expect(key).toBe(`z${k}`);
      expect(probability / ((k + 1) ** -1.2 / h50)).toBeCloseTo(1, 12);
    });

    const justAbove = zipfKeys(HEAD_KEY_LIMIT + 1, 1, "z");
    expect(justAbove.head.length).toBe(HEAD_KEY_LIMIT);
    // The tail is exactly one key, the lightest: 1/(10,001 · H(10,001, 1)).
    const hAbove = harmonic(HEAD_KEY_LIMIT + 1, 1);
    expect(justAbove.tailMass / (1 / ((HEAD_KEY_LIMIT + 1) * hAbove))).toBeCloseTo(1, 6);

    const large = zipfKeys(1_000_000, 1.2, "z");
    const hLarge = harmonic(1_000_000, 1.2);
    expect(large.head.length).toBe(HEAD_KEY_LIMIT);
    for (const k of [0, 1, 9, 999, HEAD_KEY_LIMIT - 1]) {
      const entry = large.head[k];
      expect(entry?.key).toBe(`z${k}`);
      expect((entry?.probability ?? 0) / ((k + 1) ** -1.2 / hLarge)).toBeCloseTo(1, 9);
    }
    let tail = 0;
    for (let k = HEAD_KEY_LIMIT + 1; k <= 1_000_000; k++) tail += k ** -1.2;
    expect(large.tailMass / (tail / hLarge)).toBeCloseTo(1, 6);
  });

  it("hotShare: hot and cold keys in the head when few, in the tail when many", () => {
    const hotHead = hotShareKeys(0.3, 1, 50_000, "key-");
    expect(hotHead.head).toEqual([{ key: "key-0", probability: 0.3 }]);
    expect(hotHead.tailMass).toBeCloseTo(0.7, 15);

    const coldHead = hotShareKeys(0.5, 20_000, 25_000, "key-");
    expect(coldHead.head.length).toBe(5000);
    expect(coldHead.head[0]).toEqual({ key: "key-20000", probability: 0.5 / 5000 });
    expect(coldHead.tailMass).toBeCloseTo(0.5, 15);

    // With no cold keys, every record is hot whatever `share` says.
    const allHot = hotShareKeys(0.3, 4, 4, "key-");
    expect(allHot.head.map(({ probability }) => probability)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it("createKeySpace builds the configured distribution", () => {
    expect(createKeySpace({ distribution: "hot", key: "only" }).head).toEqual([
      { key: "only", probability: 1 },
    ]);
    const zipf = createKeySpace({
      distribution: "zipf",
      cardinality: 20,
      exponent: 1,
      prefix: "p",
    });
    expect(zipf.head.map(({ key }) => key)).toEqual(zipfKeys(20, 1, "p").head.map((e) => e.key));
    expect(zipf.head[0]?.probability).toBeCloseTo(1 / harmonic(20, 1), 12);
    const uniform = createKeySpace({ distribution: "uniform", cardinality: 7, prefix: "u" });
    expect(uniform.head.length).toBe(7);
    const hot = createKeySpace({
      distribution: "hotShare",
      share: 0.9,
      hotKeys: 2,
      cardinality: 4,
      prefix: "h",
    });
    expect(hot.head.map(({ key }) => key)).toEqual(["h0", "h1", "h2", "h3"]);
    const probabilities = hot.head.map(({ probability }) => probability);
    for (const [i, expected] of [0.45, 0.45, 0.05, 0.05].entries()) {
      expect(probabilities[i]).toBeCloseTo(expected, 15);
    }
    expect(createKeySpace({ distribution: "fixed", keys: ["x", "y"] }).head.length).toBe(2);
  });
});

describe("key indices (what record-mode producers draw)", () => {
  const spaces: [string, KeySpace, number][] = [
    ["uniform", uniformKeys(1_000_000, "clé-"), 1_000_000],
    ["zipf", zipfKeys(50_000, 1.1, "z-"), 50_000],
    ["hotShare", hotShareKeys(0.3, 2, 500, "h-"), 500],
    ["fixed", fixedKeys(["a", "bb", "ç", "😀"]), 4],
  ];
  for (const [label, space, cardinality] of spaces) {
    it(`${label}: keyName(sampleIndex) draws like sample; keyBytes is the name's UTF-8 length`, () => {
      expect(space.cardinality).toBe(cardinality);
      const byIndex = randomStream(5, label);
      const byName = randomStream(5, label);
      const mismatches: string[] = [];
      for (let i = 0; i < 2000; i++) {
        const index = space.sampleIndex(byIndex);
        const name = space.keyName(index);
        if (!(Number.isInteger(index) && index >= 0 && index < cardinality)) {
          mismatches.push(`index ${index}`);
        }
        if (name !== space.sample(byName)) mismatches.push(`draw ${i}: ${name}`);
        if (space.keyBytes(index) !== bytesOf(name)) mismatches.push(`bytes of ${name}`);
      }
      expect(mismatches).toEqual([]);
      // Head keys are named by their indices.
      const known = new Set(
        Array.from({ length: Math.min(cardinality, 20_000) }, (_, k) => space.keyName(k)),
      );
      expect(space.head.filter(({ key }) => !known.has(key)).map(({ key }) => key)).toEqual([]);
    });
  }
});

describe("sampled key frequencies match the head probabilities", () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: uniform (20 keys), zipf (50 keys, s = 1.2), hotShare, fixed`, () => {
      checkFrequencies(uniformKeys(20, "u-"), seed, "uniform");
      checkFrequencies(zipfKeys(50, 1.2, "z-"), seed, "zipf");
      checkFrequencies(hotShareKeys(0.8, 3, 10, "h-"), seed, "hotShare");
      checkFrequencies(fixedKeys(["a", "bb", "ç", "😀"]), seed, "fixed");
    });
  }

  for (const seed of SEEDS) {
    it(`seed ${seed}: zipf above the limit draws head keys with the head's total mass`, () => {
      // The head's total mass 1 − tailMass is the probability that a draw is a head key.
      const space = zipfKeys(1_000_000, 1.2, "z-");
      const random = randomStream(seed, "zipf-large");
      const headMass = 1 - space.tailMass;
      const first = space.head[0]?.probability ?? 0;
      let inHead = 0;
      let zero = 0;
      for (let i = 0; i < N; i++) {
        const index = Number(space.sample(random).slice(2));
        if (index < HEAD_KEY_LIMIT) inHead++;
        if (index === 0) zero++;
      }
      expect(Math.abs(inHead - N * headMass)).toBeLessThan(
        Z * Math.sqrt(N * headMass * (1 - headMass)),
      );
      expect(Math.abs(zero - N * first)).toBeLessThan(Z * Math.sqrt(N * first * (1 - first)));
    });
  }
});

describe("hotShare puts `share` of the samples on the hot keys", () => {
  const cases = [
    { share: 0.3, hotKeys: 1, cardinality: 50_000 },
    { share: 0.8, hotKeys: 3, cardinality: 10 },
    { share: 0.5, hotKeys: 20_000, cardinality: 25_000 },
    { share: 0.05, hotKeys: 10, cardinality: 1000 },
  ];
  for (const { share, hotKeys, cardinality } of cases) {
    it(`share ${share} on ${hotKeys} of ${cardinality} keys, ${SEEDS.length} seeds`, () => {
      const space = hotShareKeys(share, hotKeys, cardinality, "key-");
      for (const seed of SEEDS) {
        const random = randomStream(seed, "hot");
        let hot = 0;
        let outside = 0;
        for (let i = 0; i < N; i++) {
          const index = Number(space.sample(random).slice(4));
          if (!(Number.isInteger(index) && index >= 0 && index < cardinality)) outside++;
          if (index < hotKeys) hot++;
        }
        expect(outside).toBe(0);
        // hot ~ Binomial(N, share).
        expect(Math.abs(hot - N * share)).toBeLessThan(Z * Math.sqrt(N * share * (1 - share)));
      }
    });
  }
});

describe("meanKeyBytes is the mean UTF-8 length of drawn keys", () => {
  /** Empirical mean length over N draws against `exact`, within 5 standard errors. */
  function checkEmpirical(space: KeySpace, exact: { mean: number; sd: number }, label: string) {
    for (const seed of SEEDS) {
      const random = randomStream(seed, `length:${label}`);
      let total = 0;
      for (let i = 0; i < N; i++) total += bytesOf(space.sample(random));
      expect(Math.abs(total / N - exact.mean)).toBeLessThan((Z * exact.sd) / Math.sqrt(N) + 1e-12);
    }
  }

  it("uniform, with a multi-byte prefix (exact)", () => {
    const prefix = "clé-"; // 5 bytes, 4 UTF-16 units
    for (const cardinality of [7, 1000, 1_000_000]) {
      const space = uniformKeys(cardinality, prefix);
      const exact = keyLengthMoments(cardinality, () => 1 / cardinality, 5);
      expect(space.meanKeyBytes).toBeCloseTo(exact.mean, 9);
      checkEmpirical(space, exact, `uniform-${cardinality}`);
    }
    expect(uniformKeys(1000, prefix).meanKeyBytes).toBeCloseTo(5 + 2.89, 12);
  });

  it("zipf with every key in the head (exact)", () => {
    const space = zipfKeys(5000, 1.1, "clé-");
    const h = harmonic(5000, 1.1);
    const exact = keyLengthMoments(5000, (k) => (k + 1) ** -1.1 / h, 5);
    expect(space.meanKeyBytes).toBeCloseTo(exact.mean, 9);
    checkEmpirical(space, exact, "zipf-5000");
  });

  it("zipf above the head limit: within the tail approximation's bound", () => {
    // zipfKeys takes the tail keys' digit counts as uniform over the tail (a documented
    // approximation). The tail (keys 10,000 … 999,999) has 5 or 6 digits, so the error is at
    // most tailMass · (6 − 5) bytes. The draws themselves must match the exact mean.
    const cardinality = 1_000_000;
    const space = zipfKeys(cardinality, 1.2, "user-");
    const h = harmonic(cardinality, 1.2);
    const exact = keyLengthMoments(cardinality, (k) => (k + 1) ** -1.2 / h, 5);
    expect(space.tailMass).toBeGreaterThan(0.05);
    expect(Math.abs(space.meanKeyBytes - exact.mean)).toBeLessThanOrEqual(space.tailMass * 1);
    checkEmpirical(space, exact, "zipf-1e6");
  });

  it("hotShare (exact: hot and cold keys are uniform within their groups)", () => {
    for (const [share, hotKeys, cardinality] of [
      [0.3, 1, 50_000],
      [0.5, 20_000, 25_000],
      [0.8, 3, 10],
    ] as const) {
      const space = hotShareKeys(share, hotKeys, cardinality, "key-");
      const exact = keyLengthMoments(
        cardinality,
        (k) => (k < hotKeys ? share / hotKeys : (1 - share) / (cardinality - hotKeys)),
        4,
      );
      expect(space.meanKeyBytes).toBeCloseTo(exact.mean, 9);
      checkEmpirical(space, exact, `hot-${share}-${hotKeys}-${cardinality}`);
    }
  });

  it("fixed keys of mixed widths (exact)", () => {
    const space = fixedKeys(["a", "bb", "ç", "😀"]);
    expect(space.meanKeyBytes).toBe((1 + 2 + 2 + 4) / 4);
    // L takes 1, 2, 2, 4 with probability 1/4 each: mean 2.25, variance 1.1875.
    checkEmpirical(space, { mean: 2.25, sd: Math.sqrt(1.1875) }, "fixed");
  });
});
