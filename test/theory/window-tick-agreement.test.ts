import { describe, expect, it } from "vitest";
import { itAgreesFigureByFigure, resultsBySeed } from "../helpers/agreement.js";

/**
 * Windows of ticks (design.md §17) must give what ticks give, in distribution: they store a
 * shard's records only when someone looks, drawn for runs of ticks at once. Below the limits
 * (where windows are used by default) with steps and a ramp in the rate, PutRecords batches
 * whose ticks follow the rate (about 20.4 to 20.8 ms), two polling applications at different
 * intervals, and a warm-up: each figure across seeds, windows
 * against ticks, Welch's t at the 99.9 % level (expectNoSignificantDifference).
 */
const EXPERIMENT = `
name: window-agreement
duration: 90s
warmup: 5s
stream: { shards: 4 }
producers:
  - name: p
    rate:
      - { at: 0s, rate: 1200 }
      - { at: 30s, rate: 2800 }
      - { at: 60s, rate: 1600, ramp: true }
    recordSize: 1KB
    keys: { distribution: uniform, cardinality: 10000 }
    batch: { linger: 20ms }
consumers:
  - { name: slow, pollInterval: 1s, startAt: TRIM_HORIZON }
  - { name: fast, pollInterval: 200ms, startAt: TRIM_HORIZON }
`;

const SEEDS = [1, 2, 3, 4, 5, 6];

function figures(windows: "auto" | "never") {
  return resultsBySeed(EXPERIMENT, SEEDS, windows).map((result) => {
    const [slow, fast] = result.consumers;
    if (slow === undefined || fast === undefined) throw new Error("two consumers expected");
    return {
      offered: result.records.offered,
      accepted: result.records.accepted,
      throttled: result.records.throttledAttempts,
      slowDelivered: slow.delivered,
      slowP50: slow.latencyMs.p50,
      slowP99: slow.latencyMs.p99,
      fastP50: fast.latencyMs.p50,
      fastP90: fast.latencyMs.p90,
      fastP99: fast.latencyMs.p99,
      slowOldestUnreadMs: slow.maxOldestUnreadAgeMs,
      fastCalls: fast.getRecordsCalls,
      peakRecords: Math.max(...result.shards.map((shard) => shard.peakRecordsPerSecond)),
      cost: result.cost.usd,
    };
  });
}

describe("windows of ticks agree with ticks in distribution", () => {
  const windowed = figures("auto");
  const ticked = figures("never");
  const names = Object.keys(windowed[0] ?? {}).filter((name) => name !== "throttled");
  itAgreesFigureByFigure(windowed, ticked, names as (keyof (typeof windowed)[0])[]);

  it("the two runs differ (windows were used), and nothing is throttled below the limits", () => {
    for (let i = 0; i < SEEDS.length; i++) {
      expect(windowed[i]?.offered).not.toBe(ticked[i]?.offered);
      expect(windowed[i]?.throttled).toBe(0);
    }
  });
});
