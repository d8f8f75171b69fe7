import { describe, expect, it } from "vitest";
import { batchPeriodUs } from "../../../models/producers/batch-period.js";
import { runText } from "../../helpers/experiment.js";

const MS = 1000;

describe("the segment-mode PutRecords tick", () => {
  it("is 2 × linger at a zero rate, about linger + 1/λ at high rates, the fill time when a batch fills first", () => {
    expect(batchPeriodUs(0, 500, 100 * MS)).toBe(200 * MS);
    // λL = 150: L + L/(1 + λL) = 100 ms + 0.662 ms, within 0.01 ms of L + 1/λ = 100.667 ms.
    expect(Math.abs(batchPeriodUs(1500, 500, 100 * MS) - 100_667)).toBeLessThan(10);
    // 10,000 records/s fill 500 records in 50 ms, before the 100 ms linger.
    expect(batchPeriodUs(10_000, 500, 100 * MS)).toBe(50 * MS);
  });

  /**
   * A batch opens at an arrival and is sent `linger` L later; with Poisson arrivals at λ, a
   * record waits W = (L + λL·L/2) ÷ (1 + λL) on average (the first waits L, the others L/2).
   * An enhanced fan-out consumer receives each record exactly `propagationDelay` after its
   * acceptance, so latency = wait + 70 ms. At λ = 2/s and L = 100 ms, W = 91.67 ms. The wait
   * lies in [0, L], so its sd is at most L/2 = 50 ms; over 8 shards × 10 min ≈ 9,600 records
   * per seed and 3 seeds the mean's standard error is below 0.3 ms: 2 ms is over 6 of them.
   */
  it("makes records wait as long as record-mode batching does, at low rates too", () => {
    const waits = (granularity: string) =>
      [1, 2, 3].map((seed) => {
        const result = runText(`
seed: ${seed}
duration: 10m
granularity: ${granularity}
stream: { shards: 8 }
producers:
${Array.from({ length: 8 }, (_, i) => `  - { name: p${i}, rate: 2, recordSize: 100B, api: putRecords, batch: { linger: 100ms } }`).join("\n")}
consumers:
  - { name: fan, mode: efo, propagationDelay: 70ms, startAt: TRIM_HORIZON }
`);
        return (result.consumers[0]?.latencyMs.mean ?? 0) - 70;
      });
    const theoryMs = (100 + (2 * 0.1 * 100) / 2) / (1 + 2 * 0.1);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(mean(waits("record")) - theoryMs)).toBeLessThan(2);
    expect(Math.abs(mean(waits("segment")) - theoryMs)).toBeLessThan(2);
  });

  /**
   * A rate that ramps up from 0 used to make one tick as long as 1/rate at its start (seconds),
   * so the whole ramp's records were sent in one burst that the shard throttled. Expected
   * per-second load here is at most 486 records/s (the first second); no second may exceed
   * 486 + 6√486 ≈ 620, and nothing is throttled.
   */
  it("does not gather a ramp from zero into one burst", () => {
    const result = runText(`
duration: 14s
stream: { shards: 1 }
producers:
  - { name: steady, rate: 51, recordSize: 1B, keys: { distribution: fixed, keys: [a] } }
  - name: ramp
    rate: [{ at: 0s, rate: 435 }, { at: 1s, rate: 0 }, { at: 45s, rate: 549, ramp: true }]
    recordSize: 1B
    keys: { distribution: fixed, keys: [a] }
    api: putRecords
    retries: 0
    batch: { maxRecords: 10, linger: 21ms }
`);
    expect(result.records.throttledAttempts).toBe(0);
    expect(result.shards[0]?.peakRecordsPerSecond).toBeLessThanOrEqual(620);
  });
});
