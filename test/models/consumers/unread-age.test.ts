import { describe, expect, it } from "vitest";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";

/**
 * The oldest unread record's age is defined at every instant: while an application is stopped
 * it grows by exactly one second per second (nobody moves its position), whereas
 * MillisBehindLatest, reported only by calls, stays where the last call left it.
 */
function stoppedRun(mode: "polling" | "efo") {
  const config = parseExperimentText(
    [
      "duration: 5m",
      "seed: 11",
      "stream: {shards: 1}",
      "producers: [{name: p, rate: 200}]",
      `consumers: [{name: app, mode: ${mode}}]`,
      "events: [{at: 60s, stopConsumer: app}, {at: 240s, startConsumer: app}]",
    ].join("\n"),
  );
  return simulateWithSeries(config);
}

describe("the oldest unread record's age", () => {
  for (const mode of ["polling", "efo"] as const) {
    it(`grows one second per second while a ${mode} application is stopped`, () => {
      const { result, series } = stoppedRun(mode);
      const age = series.consumers[0]?.oldestUnreadAgeMs as Float64Array;
      const shardAge = series.shards[0]?.oldestUnreadAgeMs as Float64Array;
      const behind = series.consumers[0]?.millisBehindLatest as Float64Array;
      for (let k = 70; k < 239; k++) {
        // The interval [k, k+1) s ends 1 µs before k+1; its maximum is the age then.
        expect((age[k] as number) - (age[k - 1] as number)).toBeCloseTo(1000, 6);
        // The oldest unread record came after the last read before the stop, at ≤ 60 s
        // (a poll every second; a push within ~1 s), and before 60 s plus a few gaps of a
        // 200 records/s stream (P(no record in 0.1 s) = e^-20).
        const seconds = (age[k] as number) / 1000;
        expect(seconds).toBeGreaterThan(k + 1 - 61.2);
        expect(seconds).toBeLessThan(k + 1 - 58);
        // One application: the shard's series is the same.
        expect(shardAge[k]).toBe(age[k]);
        // No call, no MillisBehindLatest reading: it stays flat.
        expect(behind[k]).toBe(behind[70]);
      }
      const consumer = result.consumers[0];
      expect(consumer?.maxOldestUnreadAgeMs).toBeGreaterThan(178_000);
      expect(consumer?.maxOldestUnreadAgeMs).toBeLessThan(185_000);
      // Lagging (≥ 10 s) from about 70 s. Back at 240 s with 180 s × 200 = 36,000 records
      // unread, it reads them at its read limit (polling: the shard's 2,000 records/s; enhanced
      // fan-out: 2 MiB/s of 1 KiB records) while 200/s keep coming: under 10 s behind after
      // about (36,000 − 2,000) ÷ 1,800 ≈ 19 s of catching up (a little less pushed).
      const spans = consumer?.lagging?.spans ?? [];
      expect(spans).toHaveLength(1);
      expect(spans[0]?.fromSeconds).toBeGreaterThan(68);
      expect(spans[0]?.fromSeconds).toBeLessThan(72);
      expect(spans[0]?.caughtUpAtSeconds).toBeGreaterThan(250);
      expect(spans[0]?.caughtUpAtSeconds).toBeLessThan(263);
    });
  }

  it("stays under the poll interval plus delivery delays for a polling application keeping up", () => {
    const config = parseExperimentText(
      [
        "duration: 2m",
        "stream: {shards: 2}",
        "producers: [{name: p, rate: 1000}]",
        "consumers: [{name: app, pollInterval: 1s}]",
      ].join("\n"),
    );
    for (const seed of [1, 2, 3]) {
      const { result } = simulateWithSeries({ ...config, seed });
      const consumer = result.consumers[0];
      // Just before a poll the oldest unread record arrived just after the last one's view:
      // at 500 records/s a shard is never without a record for 0.1 s (e^-50), so the age
      // reaches nearly the whole interval; a response and a producer tick add tens of ms.
      expect(consumer?.maxOldestUnreadAgeMs).toBeGreaterThan(900);
      expect(consumer?.maxOldestUnreadAgeMs).toBeLessThan(1_600);
      expect(consumer?.lagging?.spans).toEqual([]);
    }
  });

  it("is at most the retention period, and says when a consumer back after a day caught up", () => {
    const config = parseExperimentText(
      [
        "duration: 26h",
        "resolution: 100ms",
        "metricsResolution: 1m",
        "stream: {shards: 1, retention: 24h}",
        "producers: [{name: p, rate: 50}]",
        "consumers: [{name: app, startAt: TRIM_HORIZON}]",
        "events: [{at: 10m, stopConsumer: app}, {at: 25h, startConsumer: app}]",
      ].join("\n"),
    );
    const { result, series } = simulateWithSeries(config);
    const consumer = result.consumers[0];
    expect(consumer?.maxOldestUnreadAgeMs).toBe(24 * 3_600_000);
    const age = series.consumers[0]?.oldestUnreadAgeMs as Float64Array;
    // From 24 h 10 min on, records expire unread: the age stays at the retention period.
    for (let minute = 24 * 60 + 12; minute < 25 * 60; minute++) {
      expect(age[minute]).toBe(24 * 3_600_000);
    }
    const span = consumer?.lagging?.spans[0];
    expect(span?.caughtUpAtSeconds).not.toBeNull();
    expect(span?.caughtUpAtSeconds as number).toBeGreaterThan(25 * 3600);
    expect(consumer?.expiredUnread).toBeGreaterThan(0);
  });
});
