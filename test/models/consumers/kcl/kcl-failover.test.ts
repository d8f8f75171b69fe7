import { describe, expect, it } from "vitest";
import type { RunResult } from "../../../../src/experiment/run/result-types.js";
import { runText as run } from "../../../helpers/experiment.js";

/**
 * How long a stopped worker's shards go unread, over many seeds, against theory
 * (kinesis-facts.md §9). Two workers, four equal shards, polling; worker `w` stops at 150 s
 * holding two leases. Its last renewal r was U(0, R) before the stop, R = 10 s ÷ 3 − 25 ms
 * (renewals at a random phase). Whoever scans the lease table (KCL 2: the other worker's
 * taker, every T = 20.05 s; KCL 3: the leader, every A = 20 s), at a random phase of its
 * own, notes the counter's last change at its first scan after r, U(0, T) later, and finds
 * the lease expired one scan later (T > failoverTime). KCL 2's taker takes both leases
 * then; KCL 3's leader assigns them, and the live worker starts them at its next discovery
 * pass, U(0, Δ) later, Δ = 10 s − 25 ms. So
 *   KCL 2: recovery = U(0,T) + T − U(0,R), in (T − R, 2T], mean 1.5 T − R/2 = 28.42 s,
 *          sd √((T² + R²)/12) = 5.87 s;
 *   KCL 3: recovery = U(0,A) + A − U(0,R) + U(0,Δ), in (A − R, 2A + Δ], mean
 *          1.5 A − R/2 + Δ/2 = 33.33 s, sd √((A² + R² + Δ²)/12) = 6.52 s.
 * The mean of 16 seeds is within 3 standard errors (3 sd ÷ 4) of that; the spread is within
 * a factor 0.6–1.4 of the theory's sd (the sample sd of 16 such values varies by about
 * ±11 %); and no two seeds recover at the same millisecond: the timers have no common grid.
 */
const SEEDS = Array.from({ length: 16 }, (_, i) => i + 1);
const R = 10 / 3 - 0.025;
const DELTA = 10 - 0.025;

function scenario(seed: number, version: 2 | 3, stop: number | undefined): RunResult {
  return run(`
seed: ${seed}
duration: 4m
stream: { shards: 4 }
producers: [{ name: p, rate: 1000, recordSize: 100B }]
consumers:
  - { name: app, mode: polling, startAt: TRIM_HORIZON, kcl: { version: ${version}, workers: 2 } }
events: [${stop === undefined ? "" : `{ at: 150s, stopWorker: app/${stop} }`}]
`);
}

function recoveries(version: 2 | 3): number[] {
  return SEEDS.map((seed) => {
    // KCL 3: stop the worker that is not the leader (the leader's loss is another story).
    const stop =
      version === 3
        ? 3 - (scenario(seed, 3, undefined).consumers[0]?.kcl?.leaderChanges[0]?.worker ?? 1)
        : 2;
    const failover = scenario(seed, version, stop).consumers[0]?.kcl?.failovers[0];
    expect(failover?.leases).toBe(2);
    return failover?.recoverySeconds ?? Number.NaN;
  });
}

function check(values: number[], low: number, high: number, mean: number, sd: number): void {
  for (const value of values) {
    expect(value).toBeGreaterThan(low);
    expect(value).toBeLessThanOrEqual(high);
  }
  expect(new Set(values.map((v) => v.toFixed(3))).size).toBe(values.length);
  const n = values.length;
  const sampleMean = values.reduce((a, b) => a + b, 0) / n;
  const sampleSd = Math.sqrt(values.reduce((a, b) => a + (b - sampleMean) ** 2, 0) / (n - 1));
  expect(Math.abs(sampleMean - mean)).toBeLessThan((3 * sd) / Math.sqrt(n));
  expect(sampleSd).toBeGreaterThan(0.6 * sd);
  expect(sampleSd).toBeLessThan(1.4 * sd);
}

describe("KCL failover time across seeds", () => {
  it("KCL 2: the taker finds the lease expired at its second scan after the last renewal", () => {
    const T = 20.05;
    check(recoveries(2), T - R, 2 * T, 1.5 * T - R / 2, Math.sqrt((T * T + R * R) / 12));
  });

  it("KCL 3: the leader assigns it at its second scan, the worker starts it at its next discovery", () => {
    const A = 20;
    check(
      recoveries(3),
      A - R,
      2 * A + DELTA,
      1.5 * A - R / 2 + DELTA / 2,
      Math.sqrt((A * A + R * R + DELTA * DELTA) / 12),
    );
  });
});
