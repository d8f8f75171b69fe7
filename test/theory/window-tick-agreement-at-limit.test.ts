import { describe, expect, it } from "vitest";
import { itAgreesFigureByFigure, resultsBySeed } from "../helpers/agreement.js";

/**
 * Windows of ticks (design.md §17) at and over the write limits, where `auto` uses them as
 * long as the stream as a whole can take the producer's peak. There a shard draws its ticks
 * one by one into clear runs while they fit its balances, and puts the ticks that may not
 * fit the ordinary way, where they are throttled and retried. Two streams, each figure across
 * seeds, windows against ticks, Welch's t at the 99.9 % level (expectNoSignificantDifference):
 *
 * - at the limit: 12 shards taking exactly 12,000 records/s of uniform keys, buckets 50 ms
 *   deep, so that every shard's balance wanders to the bottom and throttles within seconds;
 * - a hot shard: 5 % of 11,700 records/s on one key, so one shard takes about 1,510/s (over
 *   both its records and bytes limits) and the others 93 % of theirs.
 */
const STREAMS = {
  "at the limit": `
name: window-agreement-at-limit
duration: 60s
stream: { shards: 12 }
limits: { ingressBucketDepthSeconds: 0.05 }
producers:
  - name: p
    rate: 12000
    recordSize: 1000B
    keys: { distribution: uniform, cardinality: 100000 }
consumers:
  - { name: reader, pollInterval: 1s, startAt: TRIM_HORIZON }
`,
  "a hot shard": `
name: window-agreement-hot-shard
duration: 60s
stream: { shards: 12 }
limits: { ingressBucketDepthSeconds: 0.2 }
producers:
  - name: p
    rate: 11700
    recordSize: 1000B
    keys: { distribution: hotShare, share: 0.05, hotKeys: 1, cardinality: 10000 }
consumers:
  - { name: reader, pollInterval: 1s, startAt: TRIM_HORIZON }
`,
};

const SEEDS = [1, 2, 3, 4, 5, 6];

function figures(text: string, windows: "auto" | "never") {
  return resultsBySeed(text, SEEDS, windows).map((result) => {
    const [reader] = result.consumers;
    if (reader === undefined) throw new Error("one consumer expected");
    const busiest = result.shards.reduce((a, b) => (b.accepted > a.accepted ? b : a));
    return {
      offered: result.records.offered,
      accepted: result.records.accepted,
      throttled: result.records.throttledAttempts,
      dropped: result.records.dropped,
      delivered: reader.delivered,
      p50: reader.latencyMs.p50,
      p90: reader.latencyMs.p90,
      p99: reader.latencyMs.p99,
      busiestAccepted: busiest.accepted,
      busiestThrottled: busiest.throttledAttempts,
      peakRecords: Math.max(...result.shards.map((shard) => shard.peakRecordsPerSecond)),
      cost: result.cost.usd,
    };
  });
}

for (const [stream, text] of Object.entries(STREAMS)) {
  describe(`windows of ticks agree with ticks in distribution: ${stream}`, () => {
    const windowed = figures(text, "auto");
    const ticked = figures(text, "never");
    itAgreesFigureByFigure(
      windowed,
      ticked,
      Object.keys(windowed[0] ?? {}) as (keyof (typeof windowed)[0])[],
    );

    it("windows were used (the runs differ), and records were throttled and retried", () => {
      for (let i = 0; i < SEEDS.length; i++) {
        expect(windowed[i]?.offered).not.toBe(ticked[i]?.offered);
        expect(windowed[i]?.throttled).toBeGreaterThan(1000);
        // Retried: more attempts were throttled than records were lost.
        expect(windowed[i]?.throttled).toBeGreaterThan(2 * (windowed[i]?.dropped ?? 0));
      }
    });
  });
}
