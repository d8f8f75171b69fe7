import { describe, expect, it } from "vitest";
import { itAgreesFigureByFigure, resultsBySeed } from "../helpers/agreement.js";

/**
 * Windows of ticks with enhanced fan-out (design.md §17): a listened shard's window draws its
 * ticks one by one and tells the application of each tick as its own put would, so pushes
 * follow the ticks as they do tick by tick. Each figure across seeds, windows against ticks,
 * Welch's t at the 99.9 % level (expectNoSignificantDifference), in two streams:
 * - below the limits, with a step and a ramp in the rate, an application keeping up, one
 *   started late from TRIM_HORIZON (a backlog read from the log at the connection's 2 MiB/s,
 *   where windows store runs of ticks) and one whose maxInFlight cuts pushes short;
 * - four shards taking exactly their records limit, buckets 50 ms deep, so that ticks are
 *   throttled and retried within seconds, beside a polling application;
 * - a KCL 2 application of three workers, with a processing time per record, checkpointing
 *   every 2,000 records and losing a worker at 30 s (its leases taken over, records after the
 *   last checkpoint delivered again).
 */
const BELOW_LIMITS = `
name: window-agreement-efo
duration: 60s
stream: { shards: 4 }
producers:
  - name: p
    rate:
      - { at: 0s, rate: 1500 }
      - { at: 20s, rate: 3000 }
      - { at: 40s, rate: 1800, ramp: true }
    recordSize: 1KB
    keys: { distribution: uniform, cardinality: 10000 }
consumers:
  - { name: live, mode: efo, startAt: TRIM_HORIZON }
  - { name: late, mode: efo, startAt: TRIM_HORIZON, launchAt: 30s }
  - { name: capped, mode: efo, startAt: LATEST, maxInFlight: 8 }
`;

const AT_LIMIT = `
name: window-agreement-efo-at-limit
duration: 60s
stream: { shards: 4 }
limits: { ingressBucketDepthSeconds: 0.05 }
producers:
  - name: p
    rate: 4000
    recordSize: 1000B
    keys: { distribution: uniform, cardinality: 100000 }
consumers:
  - { name: live, mode: efo, startAt: TRIM_HORIZON }
  - { name: poller, pollInterval: 1s, startAt: TRIM_HORIZON }
`;

const KCL_FAILOVER = `
name: window-agreement-efo-kcl
duration: 90s
stream: { shards: 4 }
producers:
  - name: p
    rate: 2000
    recordSize: 500B
    keys: { distribution: uniform, cardinality: 100000 }
consumers:
  - name: billing
    mode: efo
    startAt: TRIM_HORIZON
    processingTime: { distribution: exponential, mean: 100us }
    kcl: { version: 2, workers: 3, checkpoint: { everyRecords: 2000 } }
events:
  - { at: 30s, stopWorker: billing/2 }
`;

const SEEDS = [1, 2, 3, 4, 5, 6];

function figures(experiment: string, windows: "always" | "never") {
  return resultsBySeed(experiment, SEEDS, windows).map((result) => {
    const byName: Record<string, number> = {
      offered: result.records.offered,
      accepted: result.records.accepted,
      throttled: result.records.throttledAttempts,
      cost: result.cost.usd,
    };
    for (const consumer of result.consumers) {
      byName[`${consumer.name}Delivered`] = consumer.delivered;
      byName[`${consumer.name}Redelivered`] = consumer.redelivered;
      byName[`${consumer.name}P50`] = consumer.latencyMs.p50;
      byName[`${consumer.name}P90`] = consumer.latencyMs.p90;
      byName[`${consumer.name}P99`] = consumer.latencyMs.p99;
      byName[`${consumer.name}MaxBehindMs`] = consumer.maxMillisBehindLatest;
      byName[`${consumer.name}OldestUnreadMs`] = consumer.maxOldestUnreadAgeMs ?? 0;
    }
    return byName;
  });
}

for (const [label, experiment, throttles] of [
  ["below the limits", BELOW_LIMITS, false],
  ["at the records limit", AT_LIMIT, true],
  ["a KCL application losing a worker", KCL_FAILOVER, false],
] as const) {
  describe(`windows of ticks agree with ticks with enhanced fan-out, ${label}`, () => {
    const windowed = figures(experiment, "always");
    const ticked = figures(experiment, "never");
    const names = Object.keys(windowed[0] ?? {}).filter(
      (name) => throttles || name !== "throttled",
    );
    itAgreesFigureByFigure(windowed, ticked, names);

    it("the two runs differ (windows were used), and throttle where the stream is at its limit", () => {
      for (let i = 0; i < SEEDS.length; i++) {
        expect(windowed[i]?.offered).not.toBe(ticked[i]?.offered);
        if (throttles) expect(windowed[i]?.throttled).toBeGreaterThan(0);
        else expect(windowed[i]?.throttled).toBe(0);
      }
    });
  });
}
