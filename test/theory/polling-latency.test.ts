import { describe, expect, it } from "vitest";
import { simulateWithSeries } from "../../src/experiment/run/simulate.js";
import { consumer, experiment, producer } from "../helpers/experiment.js";
import { plasticStarDiscrepancy } from "../helpers/plastic-discrepancy.js";

const S = 1_000_000;

/**
 * Theory: one application polls a shard every P seconds on a fixed grid and the shard's
 * limits never bind. Here GetRecords answers at once (response time 0); the next describe
 * adds a fixed response time. A Poisson arrival's phase within the grid is uniform and independent
 * of every other arrival's, so its latency (creation → the next poll's response) is
 * U(0, P): mean P/2, 90th percentile 0.9·P. With n records the sample mean's standard error
 * is P/√(12n); the p90's is √(0.9·0.1/n)·P (density 1/P). Tolerances: 5 standard errors
 * plus HdrHistogram's 0.1 % bucket precision.
 */
describe("polling latency is uniform over the poll interval (record mode)", () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: mean ≈ P/2 and p90 ≈ 0.9·P for P = 500 ms`, () => {
      const pollMs = 500;
      const { result } = simulateWithSeries(
        experiment({
          seed,
          granularity: "record",
          durationUs: 120 * S,
          stream: { shards: 1 },
          limits: { getRecordsResponseTimeUs: 0 },
          producers: [producer({ rate: 200 })],
          consumers: [consumer({ pollIntervalUs: pollMs * 1000 })],
        }),
      );
      const latency = result.consumers[0]?.latencyMs;
      if (latency === undefined) throw new Error("no consumer result");
      const n = latency.count;
      expect(n).toBeGreaterThan(20_000);
      expect(Math.abs(latency.mean - pollMs / 2)).toBeLessThan(
        (5 * pollMs) / Math.sqrt(12 * n) + 0.001 * pollMs,
      );
      expect(Math.abs(latency.p90 - 0.9 * pollMs)).toBeLessThan(
        5 * Math.sqrt(0.09 / n) * pollMs + 0.001 * pollMs,
      );
      expect(latency.max).toBeLessThanOrEqual(pollMs * 1.001);
    });
  }
});

/**
 * Theory with a GetRecords response time R (fixed: spread 0). The application calls, the
 * response arrives R later and it calls again P after that, so calls are P + R apart on a
 * grid, and every record waits U(0, P + R) for the next call, then R for its response:
 * latency ~ R + U(0, P + R), mean R + (P + R)/2, 90th percentile R + 0.9·(P + R), never below
 * R nor above P + 2R. Standard errors as above with P + R for P.
 */
describe("a GetRecords response time adds to the wait and to the period (record mode)", () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: P = 500 ms, R = 70 ms: mean ≈ 70 + 285 ms, p90 ≈ 70 + 513 ms`, () => {
      const pollMs = 500;
      const responseMs = 70;
      const cycleMs = pollMs + responseMs;
      const { result } = simulateWithSeries(
        experiment({
          seed,
          granularity: "record",
          durationUs: 120 * S,
          stream: { shards: 1 },
          limits: { getRecordsResponseTimeUs: responseMs * 1000, getRecordsResponseSpread: 0 },
          producers: [producer({ rate: 200 })],
          consumers: [consumer({ pollIntervalUs: pollMs * 1000 })],
        }),
      );
      const latency = result.consumers[0]?.latencyMs;
      if (latency === undefined) throw new Error("no consumer result");
      const n = latency.count;
      expect(Math.abs(latency.mean - (responseMs + cycleMs / 2))).toBeLessThan(
        (5 * cycleMs) / Math.sqrt(12 * n) + 0.001 * cycleMs,
      );
      expect(Math.abs(latency.p90 - (responseMs + 0.9 * cycleMs))).toBeLessThan(
        5 * Math.sqrt(0.09 / n) * cycleMs + 0.001 * cycleMs,
      );
      expect(latency.max).toBeLessThanOrEqual((pollMs + 2 * responseMs) * 1.001);
      expect(latency.p50).toBeGreaterThan(responseMs);
    });
  }
});

/** The cycle of a poll every second answered in 70 ms: polls come every 1,070 ms. */
const CYCLE_MS = 1070;

/**
 * One shard written by PutRecord (10 ms ticks) at `rate`, polled every second with a fixed
 * 70 ms response, for `seconds`: its application's latency summary.
 */
function polledLatency(seed: number, windows: "never" | "always", rate: number, seconds: number) {
  const { result } = simulateWithSeries(
    experiment({
      seed,
      durationUs: seconds * S,
      stream: { shards: 1 },
      limits: { getRecordsResponseSpread: 0 },
      producers: [producer({ rate, api: "putRecord" })],
      consumers: [consumer({ pollIntervalUs: S })],
    }),
    { windows },
  );
  const latency = result.consumers[0]?.latencyMs;
  if (latency === undefined) throw new Error("no consumer result");
  return latency;
}

/**
 * Each q-th percentile within [R + q·C, R + 10 ms + q·C], give or take 5 standard errors of a
 * percentile (√(q(1 − q)/n)·C), `spreadPointsOffMs` and the histogram's 0.1 %.
 */
function expectCyclePercentiles(
  count: number,
  percentiles: readonly (readonly [number, number])[],
  spreadPointsOffMs: number,
): void {
  for (const [q, got] of percentiles) {
    const tolerance = 5 * Math.sqrt((q * (1 - q)) / count) * CYCLE_MS + spreadPointsOffMs;
    expect(got).toBeGreaterThanOrEqual(70 + q * CYCLE_MS - tolerance);
    expect(got).toBeLessThanOrEqual((80 + q * CYCLE_MS + tolerance) * 1.001);
  }
}

/**
 * Segment mode's hard bound: one poller of a shard written every 10 ms (PutRecord ticks), a
 * 1 s poll interval and a fixed 70 ms response, so polls come every 1,070 ms, a whole number
 * of ticks. A record created at c is stored at the next tick and read by the first poll at or
 * after that tick; each poll reads the ticks since the last one, whose records were created
 * over the 1,070 ms before the poll's last tick. So every latency lies in (70, 1,150] ms,
 * whatever the phases. Stored runs that merge the ticks of several polls once dated a read's
 * records by spreading them over the whole run, and put some up to 50 ms past the bound; a
 * poll now seals the run it read (shard-log.ts, sealTail). Tick by tick and in windows of
 * ticks (design.md §17), 3 seeds each; the histogram's 0.1 % precision on top.
 *
 * The far tail: a poll's records were created uniformly over the cycle C = 1,070 ms before
 * its last tick, and the polls' phase against the ticks is fixed, so latency is uniform over
 * C from some start in [R, R + one tick) and its q-th percentile lies in [R + q·C,
 * R + 10 ms + q·C]. Tolerance: 5 standard errors of a percentile (√(q(1 − q)/n)·C), the
 * histogram's 0.1 %, and the unevenness of the points at which the 600 polls' sub-ranges
 * (C/16 wide) are recorded (LatencyHistogram.recordSpread). Recording them at the
 * sub-ranges' midpoints put p999 C/32 = 33 ms low.
 */
describe("segment mode: a polled record's latency stays within the poll cycle", () => {
  for (const windows of ["never", "always"] as const) {
    for (const seed of [1, 2, 3]) {
      it(`seed ${seed}, windows ${windows}: max ≤ 1,150 ms`, () => {
        const latency = polledLatency(seed, windows, 500, 600);
        expect(latency.count).toBeGreaterThan(290_000);
        expect(latency.max).toBeLessThanOrEqual(1150 * 1.001);
        expect(latency.p50).toBeGreaterThan(600);
        expectCyclePercentiles(
          latency.count,
          [
            [0.99, latency.p99],
            [0.999, latency.p999],
          ],
          plasticStarDiscrepancy(600) * (CYCLE_MS / 16),
        );
      });
    }
  }
});

/**
 * The same bounds on a slow shard, 10 records/s: a poll reads about ten records, so each
 * slice's spread matters. A segment run's slice gives its records' places in their run (the
 * means of uniform order statistics), which lie one mean gap (100 ms here) inside the span
 * the records were created over; spread between those places, a poll's records were squeezed
 * inward and p99 read about 40 ms low (1,096–1,101 ms, where record mode gives 1,139–1,143 with
 * the default spread of GetRecords' response time; this test fixes that spread at 0).
 * Tolerance: 5 standard errors of a percentile, and the spreads' points' unevenness over the
 * widest sub-range a slice can have (the whole cycle, for a lone record).
 */
describe("segment mode: a slow shard's polled latency has the poll cycle's tail", () => {
  for (const windows of ["never", "always"] as const) {
    for (const seed of [1, 2, 3]) {
      it(`seed ${seed}, windows ${windows}: p90 and p99 within the cycle's uniform percentiles`, () => {
        const latency = polledLatency(seed, windows, 10, 1800);
        expect(latency.count).toBeGreaterThan(17_000);
        expectCyclePercentiles(
          latency.count,
          [
            [0.9, latency.p90],
            [0.99, latency.p99],
          ],
          plasticStarDiscrepancy(Math.floor(1_800_000 / CYCLE_MS)) * CYCLE_MS,
        );
      });
    }
  }
});
