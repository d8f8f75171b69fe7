/**
 * Retry backoff (models/producers/retry-backoff.ts): retry k waits round(U(0, c_k)) µs, at
 * least 1, with c_k = min(maxBackoff, backoff·2^(k−1)) ("full jitter").
 *
 * Tolerances, derived for M draws of U(0, c): the sample mean has standard error c/√(12M); we
 * allow 5 (two-sided normal tail 5.7e-7) plus 1 µs for the rounding and the 1 µs floor, which
 * move a draw by at most 1. Uniformity: Pearson's χ² over 10 equal bins against
 * scipy.stats.chi2.ppf(1 − 1e-4, 9) = 33.72 (expected counts M/10 = 2,000; the rounding moves
 * a bin edge by ≤ 1 µs, i.e. ≤ 1e-5 of a bin for c ≥ 100 ms: negligible). The largest of M
 * draws stays below 0.999·c with probability 0.999^M = e^(−20) for M = 20,000.
 */
import { describe, expect, it } from "vitest";
import { type RetrySettings, retryDelayUs } from "../../../models/producers/retry-backoff.js";
import { randomStream } from "../../../src/engine/random-streams.js";

const M = 20_000;
const Z = 5;
const settings: RetrySettings = { max: 10, backoffUs: 100_000, maxBackoffUs: 5_000_000 };

describe("retryDelayUs: exponential backoff with full jitter", () => {
  const ceilings = [100_000, 200_000, 400_000, 800_000, 1_600_000, 3_200_000, 5_000_000];
  for (let retry = 1; retry <= 9; retry++) {
    const ceiling = ceilings[Math.min(retry, ceilings.length) - 1] as number;
    it(`retry ${retry}: integer delays in [1, ${ceiling}] µs, uniform, mean ≈ ${ceiling / 2}`, () => {
      const random = randomStream(retry, "retry");
      const bins = new Array<number>(10).fill(0);
      let sum = 0;
      let max = 0;
      let bad = 0;
      for (let i = 0; i < M; i++) {
        const delay = retryDelayUs(settings, retry, random);
        if (!Number.isInteger(delay) || delay < 1 || delay > ceiling) bad++;
        sum += delay;
        max = Math.max(max, delay);
        const bin = Math.min(9, Math.floor((delay / ceiling) * 10));
        bins[bin] = (bins[bin] as number) + 1;
      }
      expect(bad).toBe(0);
      expect(Math.abs(sum / M - ceiling / 2)).toBeLessThan(Z * (ceiling / Math.sqrt(12 * M)) + 1);
      // The cap is the cap, not something lower: the largest draw comes close to it.
      expect(max).toBeGreaterThan(0.999 * ceiling);
      const chi2 = bins.reduce((total, count) => total + (count - M / 10) ** 2 / (M / 10), 0);
      expect(chi2).toBeLessThan(33.72);
    });
  }

  it("never exceeds maxBackoff however many retries, and never overflows", () => {
    const random = randomStream(1, "late");
    for (const retry of [20, 60, 1024, 5000]) {
      for (let i = 0; i < 1000; i++) {
        const delay = retryDelayUs(settings, retry, random);
        if (!(delay >= 1 && delay <= settings.maxBackoffUs)) {
          throw new Error(`retry ${retry}: delay ${delay} outside [1, ${settings.maxBackoffUs}]`);
        }
      }
    }
  });

  it("waits at least 1 µs even when the ceiling is 1 µs", () => {
    const random = randomStream(1, "tiny");
    const tiny: RetrySettings = { max: 3, backoffUs: 1, maxBackoffUs: 1 };
    for (let i = 0; i < 1000; i++) expect(retryDelayUs(tiny, 1, random)).toBe(1);
  });

  it("is deterministic for a given random stream", () => {
    const a = randomStream(9, "same");
    const b = randomStream(9, "same");
    for (let retry = 1; retry < 8; retry++) {
      expect(retryDelayUs(settings, retry, a)).toBe(retryDelayUs(settings, retry, b));
    }
  });

  // BUG (models/producers/retry-backoff.ts:18-19): the schema accepts `backoff: 0` and
  // `maxBackoff: 0` (duration(false) allows 0), but then the ceiling is 0 and
  // uniform(random, 0, 0) throws "RangeError: uniform: need finite min < max", so a run with
  // throttling dies with "kinesim: internal error". The doc promises "at least 1 µs".
  it("waits 1 µs when the backoff (or its cap) is 0, instead of throwing", () => {
    const random = randomStream(1, "zero");
    expect(retryDelayUs({ max: 3, backoffUs: 0, maxBackoffUs: 5_000_000 }, 1, random)).toBe(1);
    expect(retryDelayUs({ max: 3, backoffUs: 100_000, maxBackoffUs: 0 }, 1, random)).toBe(1);
  });
});
