import { describe, expect, it } from "vitest";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";

/** A stream whose only consumer is down for the first 20 s, so early records wait long. */
const LATE_CONSUMER = `
duration: 60s
stream: { shards: 2 }
producers: [{ name: p, rate: 1500, recordSize: 500B }]
consumers: [{ name: c, pollInterval: 1s, startAt: TRIM_HORIZON }]
events:
  - { at: 0s, stopConsumer: c }
  - { at: 20s, startConsumer: c }
`;

describe("warmup", () => {
  it("keeps latency and lag from before the warm-up out of the statistics, not out of the counts", () => {
    const cold = simulateWithSeries(parseExperimentText(LATE_CONSUMER)).result;
    const warm = simulateWithSeries(
      parseExperimentText(LATE_CONSUMER, { overrides: ["warmup=45s"] }),
    ).result;
    // Without a warm-up the backlog of the first 20 s dominates the tail.
    expect(cold.latencyMs.max).toBeGreaterThan(19_000);
    // MillisBehindLatest is measured after each read: the first 10,000-record read of the
    // 15,000-record backlog per shard leaves records about 7 s old unread.
    expect(cold.consumers[0]?.maxMillisBehindLatest).toBeGreaterThan(5_000);
    // It catches up at most 2,000 records/s per shard (the read records limit) against 750/s
    // arriving: the 15,000-record backlog per shard is gone about 12–15 s after it returns,
    // so after 45 s latencies are polling delays again.
    expect(warm.latencyMs.max).toBeLessThan(1_500);
    expect(warm.consumers[0]?.maxMillisBehindLatest).toBeLessThan(1_500);
    expect(warm.latencyMs.count).toBeLessThan(cold.latencyMs.count);
    // Record counts (and so conservation) still cover the whole run.
    expect(warm.records).toEqual(cold.records);
  });

  it("computes the throttle rate from attempts after the warm-up only", () => {
    const text = `
duration: 40s
stream: { shards: 1 }
producers: [{ name: p, rate: 1300, recordSize: 100B, retries: 0 }]
`;
    const { result, series } = simulateWithSeries(
      parseExperimentText(text, { overrides: ["warmup=10s"] }),
    );
    const shard = series.shards[0];
    if (shard === undefined) throw new Error("no shard series");
    let accepted = 0;
    let throttled = 0;
    for (let second = 10; second < 40; second++) {
      accepted += shard.incomingRecords[second] as number;
      throttled += shard.throttledRecords[second] as number;
    }
    // Segment ticks that land exactly on t = 10 s count after the warm-up in both.
    expect(result.throttleRate).toBeCloseTo(throttled / (accepted + throttled), 3);
    // The full bucket of the first second is spent before the warm-up ends, so the rate
    // afterwards is the steady overload (1 − 1000/1300 ≈ 23 %), above the whole-run rate.
    const whole = simulateWithSeries(parseExperimentText(text)).result.throttleRate;
    expect(result.throttleRate).toBeGreaterThan(whole);
    expect(Math.abs(result.throttleRate - 0.3 / 1.3)).toBeLessThan(0.02);
  });

  it("rejects a warm-up that is not before the end of the run", () => {
    expect(() => parseExperimentText(LATE_CONSUMER, { overrides: ["warmup=60s"] })).toThrow(
      /warmup/,
    );
  });
});
