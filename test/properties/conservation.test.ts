import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraries, KEY_DISTRIBUTIONS } from "../../src/arbitraries/index.js";
import { simulateWithSeries } from "../../src/experiment/run/simulate.js";
import { windowLengthUs } from "../../src/experiment/run/windowed-writes.js";
import { type RunResult, simulate } from "../../src/index.js";

/**
 * Conservation (design.md §10), with every arrival process and key distribution:
 * every record offered is accepted, dropped after its last retry, or still held by its
 * producer; every accepted record is, for each consumer application, delivered, expired
 * unread (retention), still unread, or skipped (a LATEST start). simulateWithSeries checks this
 * itself at the end of every run and throws on a violation; the assertions below restate it
 * from the result, so a run that did not throw is also checked from outside.
 *
 * The generated experiments are any the arbitraries make — both granularities, polling and
 * enhanced fan-out consumers stopped and restarted, splits, merges and UpdateShardCounts
 * (some rejected, as Kinesis would), on-demand streams, retention of a few seconds so that
 * records expire, retries, rate profiles — for each of the 2 × 5 (arrival, keys) pairs.
 */

function expectConserved(result: RunResult): void {
  const r = result.records;
  expect(r.offered).toBe(r.accepted + r.dropped + r.pendingAtProducer);
  for (const c of result.consumers) {
    expect(c.delivered - c.redelivered + c.expiredUnread + c.unread + c.skipped).toBe(r.accepted);
  }
  expect(result.shards.reduce((sum, shard) => sum + shard.accepted, 0)).toBe(r.accepted);
  for (const p of result.producers) {
    expect(p.offered).toBe(p.accepted + p.dropped + p.pendingAtProducer);
  }
  expect(result.producers.reduce((sum, p) => sum + p.offered, 0)).toBe(r.offered);
  expect(result.dataLoss.records).toBe(r.dropped + result.dataLoss.expiredUnread);
}

const pairs = (["poisson", "constant"] as const).flatMap((arrival) =>
  KEY_DISTRIBUTIONS.map((keys) => [arrival, keys] as const),
);

describe("conservation holds for every arrival process and key distribution", () => {
  it.each(pairs)("arrival %s, keys %s", (arrival, distribution) => {
    const experiments = arbitraries.experimentConfig({
      maxSeconds: 30,
      stream: { shortRetention: true },
      workload: { arrivals: [arrival], keys: { distributions: [distribution] } },
    });
    fc.assert(
      fc.property(experiments, (config) => {
        expectConserved(simulate(config));
      }),
      { numRuns: 6 },
    );
  });

  it("for experiments mixing them (several producers)", () => {
    fc.assert(
      fc.property(
        arbitraries.experimentConfig({ minProducers: 2, stream: { shortRetention: true } }),
        (config) => {
          expectConserved(simulate(config));
        },
      ),
      { numRuns: 20 },
    );
  });
});

/**
 * Windows of ticks (design.md §17), forced on wherever a run allows them: one plain-SDK
 * Poisson producer of one size (PutRecord, so 10 ms ticks), polling and enhanced fan-out
 * applications stopped and restarted, a warm-up, short retention, rate profiles, any keys
 * and rates, throttling and retries included. Every run must conserve its records (the run checks it too, and throws)
 * and give the same bytes twice.
 */
describe("conservation holds in windows of ticks", () => {
  it("for random runs that allow them, forced on", () => {
    const experiments = arbitraries.experimentConfig({
      maxSeconds: 30,
      granularities: ["segment"],
      maxProducers: 1,
      efo: true,
      events: { consumers: true, resharding: false },
      warmup: true,
      stream: { limiters: ["bucket"], onDemand: false, shortRetention: true },
      workload: { arrivals: ["poisson"], recordSizes: ["fixed"], apis: ["putRecord"] },
    });
    fc.assert(
      fc.property(experiments, (config) => {
        // Not vacuous: every generated run allows windows.
        expect(windowLengthUs(config, false)).toBeDefined();
        const once = simulateWithSeries(config, { windows: "always" }).result;
        expectConserved(once);
        const twice = simulateWithSeries(config, { windows: "always" }).result;
        expect({ ...twice, engine: undefined }).toEqual({ ...once, engine: undefined });
      }),
      { numRuns: Number(process.env.KINESIM_WINDOW_RUNS ?? 40) },
    );
  });
});
