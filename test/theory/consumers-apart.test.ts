import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE } from "../../models/limits/profile.js";
import { loadExperimentFile } from "../../src/experiment/config/load-experiment.js";
import type { RunResult } from "../../src/experiment/run/result-types.js";
import { simulateWithSeries } from "../../src/experiment/run/simulate.js";

/**
 * The five-polling-apps-vs-efo lesson, application by application (issue 15 part 3: the
 * pooled p50 blurs its point). One producer puts 600 records/s one by one into 2 shards, in
 * segment mode: a tick's records are created uniformly over its T = 10 ms (the default
 * `resolution`) and accepted at its end, so creation → acceptance is U(0, T).
 *
 * Enhanced fan-out: each record is pushed `efoPropagationDelayUs` = 70 ms after acceptance
 * (kinesis-facts.md §3), so an EFO application's latency is 70 ms + U(0, 10 ms): p50 75 ms,
 * p99 79.9 ms, whatever the seed. Kept to 0.1 % by the histogram and to T ÷ 32 = 0.31 ms by
 * recording a segment's records in 16 sub-ranges: 0.5 ms covers both.
 *
 * Polling: a record accepted on a shard waits W for its application's next successful
 * GetRecords call there, whose response comes R later, R uniform within 70 ms ± 50 % (so
 * 35 ms ≤ R ≤ 105 ms; kinesis-facts.md §2, §13). One application alone calls every
 * 200 ms + R; five ask for 25 calls/s of a shard that allows 5 (§2), so the successful calls
 * of each come about a second apart, not 200 ms. For a stationary sequence of calls with
 * mean gap G (per application and shard, measured from the result as shards × duration ÷
 * successful calls), the wait from a random instant to the next call has density
 * P(gap > w) ÷ G (Palm's inversion formula): never above 1 ÷ G, so its median is at least
 * G ÷ 2; never increasing, so its median is at most its mean. Records are accepted at tick
 * ends, not at random instants: T = 10 ms of slack. Hence, per application,
 *   p50 ≥ G ÷ 2 + 35 ms − T                       (fastest response)
 *   p50 ≤ E[W] + T + 105 ms, E[W] ≤ mean − 5 ms − 35 ms  (so p50 ≤ mean + 75 ms)
 * and, G being about a second, every polling p50 is many times an EFO one (AWS: ~1 s and
 * ~70 ms, §2, §3).
 */

const TICK_MS = loadExperimentFile("experiments/five-polling-apps-vs-efo.yaml").resolutionUs / 1000;
const RESPONSE_MS = DEFAULT_PROFILE.getRecordsResponseTimeUs / 1000;
const SPREAD = DEFAULT_PROFILE.getRecordsResponseSpread;
const EFO_MS = DEFAULT_PROFILE.efoPropagationDelayUs / 1000;

function lesson(seed: number): RunResult {
  return simulateWithSeries(
    loadExperimentFile("experiments/five-polling-apps-vs-efo.yaml", [`seed=${seed}`]),
  ).result;
}

const SEEDS = [12, 1, 2];

describe("five polling applications vs enhanced fan-out, application by application", () => {
  const results = SEEDS.map((seed) => ({ seed, result: lesson(seed) }));

  it("each EFO application: 70 ms + U(0, 10 ms), p50 ≈ 75 ms and p99 ≈ 79.9 ms", () => {
    for (const { seed, result } of results) {
      const efo = result.consumers.filter((c) => c.mode === "efo");
      expect(efo).toHaveLength(5);
      for (const c of efo) {
        expect(
          Math.abs(c.latencyMs.p50 - (EFO_MS + TICK_MS / 2)),
          `seed ${seed} ${c.name}`,
        ).toBeLessThan(0.5);
        expect(
          Math.abs(c.latencyMs.p99 - (EFO_MS + 0.99 * TICK_MS)),
          `seed ${seed} ${c.name}`,
        ).toBeLessThan(0.5);
      }
    }
  });

  it("each polling application: p50 within the bounds its own call gaps give, near a second", () => {
    const minResponse = RESPONSE_MS * (1 - SPREAD);
    const maxResponse = RESPONSE_MS * (1 + SPREAD);
    for (const { seed, result } of results) {
      const polling = result.consumers.filter((c) => c.mode === "polling");
      expect(polling).toHaveLength(5);
      for (const c of polling) {
        const gapMs = (result.durationSeconds * 1000 * result.shards.length) / c.getRecordsCalls;
        // The shard's 5 calls/s shared by five: about a second each (not 200 ms).
        expect(gapMs, `seed ${seed} ${c.name}`).toBeGreaterThan(800);
        const low = gapMs / 2 + minResponse - TICK_MS;
        const meanWait = c.latencyMs.mean - TICK_MS / 2 - minResponse;
        const high = meanWait + TICK_MS + maxResponse;
        expect(c.latencyMs.p50, `seed ${seed} ${c.name}`).toBeGreaterThanOrEqual(low);
        expect(c.latencyMs.p50, `seed ${seed} ${c.name}`).toBeLessThanOrEqual(high);
      }
    }
  });

  it("the lesson's point: every polling p50 is more than 5× every EFO p50, and the pooled p50 is neither's", () => {
    for (const { seed, result } of results) {
      const p50s = (mode: string) =>
        result.consumers.filter((c) => c.mode === mode).map((c) => c.latencyMs.p50);
      // Polling p50 ≥ G ÷ 2 + 25 ms ≥ 425 ms with G > 800 ms, against EFO's 75.5 ms at most.
      expect(Math.min(...p50s("polling")), `seed ${seed}`).toBeGreaterThan(
        5 * Math.max(...p50s("efo")),
      );
      // Pooled, the EFO half of the records sets the median: it lands on EFO's side, far
      // below any polling application's, which is why the summary shows both apart.
      expect(result.latencyMs.p50).toBeLessThan(Math.min(...p50s("polling")) / 2);
    }
  });
});
