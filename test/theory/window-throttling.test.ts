import { describe, expect, it } from "vitest";
import { simulateWithSeries } from "../../src/experiment/run/simulate.js";
import { experiment, producer } from "../helpers/experiment.js";
import { poissonOverflowMoments } from "../helpers/poisson-math.js";

const S = 1_000_000;

/**
 * Theory (design.md §15): Poisson arrivals of rate λ into one shard
 * with fixed one-second windows of capacity C and no retries. The records arriving in a
 * window are N ~ Poisson(λ), the window throttles X = (N − C)+ of them, and windows are
 * independent. Over W windows the mean throttled per window has standard error
 * sqrt(Var X / W); each run must land within 4 standard errors of E[X] (probability of a
 * false alarm under 1e-4 per check by Chebyshev-free normal approximation, W ≥ 300), and the
 * pooled mean over all seeds within 4 pooled standard errors.
 */
describe("Poisson into one shard with fixed windows throttles E[(N − C)+] per window", () => {
  const cases = [
    { granularity: "segment" as const, rate: 1000, seconds: 600, seeds: [1, 2, 3, 4, 5] },
    { granularity: "segment" as const, rate: 1100, seconds: 600, seeds: [6, 7, 8] },
    { granularity: "record" as const, rate: 1000, seconds: 300, seeds: [1, 2, 3] },
  ];
  for (const { granularity, rate, seconds, seeds } of cases) {
    it(`${granularity} mode, λ = ${rate}/s, C = 1000/s, ${seeds.length} seeds × ${seconds} s`, () => {
      const { mean, variance } = poissonOverflowMoments(rate, 1000);
      const perWindow: number[] = [];
      for (const seed of seeds) {
        const { result } = simulateWithSeries(
          experiment({
            seed,
            granularity,
            durationUs: seconds * S,
            stream: { shards: 1, limiter: "window" },
            producers: [producer({ rate, recordSize: { distribution: "fixed", bytes: 100 } })],
          }),
        );
        // No retries: every throttled attempt is a distinct record, and nothing is pending.
        expect(result.records.dropped).toBe(result.records.throttledAttempts);
        const observed = result.records.throttledAttempts / seconds;
        perWindow.push(observed);
        expect(Math.abs(observed - mean)).toBeLessThan(4 * Math.sqrt(variance / seconds));
      }
      const pooled = perWindow.reduce((a, b) => a + b, 0) / perWindow.length;
      expect(Math.abs(pooled - mean)).toBeLessThan(
        4 * Math.sqrt(variance / (seconds * seeds.length)),
      );
    });
  }
});
