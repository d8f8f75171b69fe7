import { describe, expect, it } from "vitest";
import { simulateWithSeries } from "../../src/experiment/run/simulate.js";
import { studentTQuantile } from "../../src/stats/student-t.js";
import { experiment, producer } from "../helpers/experiment.js";
import { md1kBlocking, tickBucketThrottling } from "../helpers/token-bucket-theory.js";

const S = 1_000_000;

/**
 * Theory for the default `bucket` limiter (design.md §15): one shard, Poisson PutRecord
 * traffic at exactly its 1,000 records/s, a bucket 50 records deep
 * (`ingressBucketDepthSeconds: 0.05`, so that it mixes within seconds, where a one-second
 * bucket takes about 1,000 s at this load), records of 100 bytes so that only the records
 * limit binds, and no retries: every throttled attempt is a record lost.
 *
 * - Record mode: records arrive one by one, so the bucket is an M/D/1/K queue with K = 50
 *   (token-bucket-theory.ts), which refuses a fraction md1kBlocking(1, 50) ≈ 1.00 %.
 * - Segment mode: a tick's Poisson(10) records arrive together at its end and the longest
 *   prefix that fits is taken, a Markov chain on the balance whose stationary throttling is
 *   about 1.14 % — higher, since batches overflow where single records would not.
 *
 * Segment mode knows the exact variance of a run's throttled count (the chain's asymptotic
 * variance), so each seed must land within 4 standard deviations and the pooled mean within
 * 4 pooled ones. Record mode's variance has no closed form here, so the seeds' own spread
 * gives it: the pooled mean of 8 seeds must pass Student's t test at a two-sided 0.1 % false
 * alarm rate. Each test also rejects a wrong model with the same data, so neither is vacuous.
 */
describe("Poisson into a token bucket: throttling matches queueing theory", () => {
  const rate = 1000;
  const depth = 50;
  const limits = { ingressBucketDepthSeconds: depth / rate };
  const run = (
    granularity: "segment" | "record",
    seed: number,
    seconds: number,
    windows: "always" | "never" = "never",
  ) =>
    simulateWithSeries(
      experiment({
        seed,
        granularity,
        durationUs: seconds * S,
        limits,
        producers: [producer({ rate, recordSize: { distribution: "fixed", bytes: 100 } })],
      }),
      { windows },
    ).result.records;

  // Windows of ticks (design.md §17) must throttle exactly as ticks do: here, at the limit,
  // the balance wanders over the whole bucket, so runs of ticks are short, are halved when
  // their count does not fit, go tick by tick near the bottom, and their walks split.
  for (const windows of ["never", "always"] as const) {
    it(`segment mode: 10 ms ticks throttle as the balance chain says, seed by seed (windows: ${windows})`, () => {
      const seconds = 1200;
      const ticks = (seconds * S) / 10_000;
      const chain = tickBucketThrottling(rate / 100, rate / 100, depth);
      const expected = ticks * chain.mean + chain.fullStartExcess;
      const sd = Math.sqrt(ticks * chain.variance);
      const seeds = windows === "never" ? [1, 2, 3, 4, 5, 6] : [21, 22, 23, 24, 25, 26];
      let pooled = 0;
      for (const seed of seeds) {
        const records = run("segment", seed, seconds, windows);
        expect(records.dropped).toBe(records.throttledAttempts);
        expect(Math.abs(records.throttledAttempts - expected)).toBeLessThan(4 * sd);
        pooled += records.throttledAttempts / seeds.length;
      }
      const tolerance = (4 * sd) / Math.sqrt(seeds.length);
      expect(Math.abs(pooled - expected)).toBeLessThan(tolerance);
      // Not vacuous: the same data reject single-record arrivals (the M/D/1/K figure).
      const asSingles = seconds * rate * md1kBlocking(1, depth);
      expect(Math.abs(pooled - asSingles)).toBeGreaterThan(tolerance);
    });
  }

  it("record mode: single records are refused as often as an M/D/1/K queue is full", () => {
    const seconds = 600;
    const fractions = [11, 12, 13, 14, 15, 16, 17, 18].map((seed) => {
      const records = run("record", seed, seconds);
      expect(records.dropped).toBe(records.throttledAttempts);
      return records.throttledAttempts / records.offered;
    });
    const n = fractions.length;
    const mean = fractions.reduce((a, b) => a + b, 0) / n;
    const variance = fractions.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
    const tolerance = studentTQuantile(0.9995, n - 1) * Math.sqrt(variance / n);
    expect(Math.abs(mean - md1kBlocking(1, depth))).toBeLessThan(tolerance);
    // Not vacuous: the same data reject a bucket half as deep.
    expect(Math.abs(mean - md1kBlocking(1, depth / 2))).toBeGreaterThan(tolerance);
  });
});
