/**
 * Reading across reshards (kinesis-facts.md §3, §5): when a shard closes, the last
 * SubscribeToShard event (or the last GetRecords response) carries its children, and the
 * application goes on with them once every parent is read to its end. Whatever the reshard
 * (split, merge, UpdateShardCount, on-demand splits) and however the application reads
 * (polling, enhanced fan-out, KCL on either), an application that keeps running ends the run
 * with nothing unread but what arrived after its last fetch.
 *
 * The bound is checked from outside the reading model: the records a consumer has not
 * received at the end (`unread`) must be at most the records the shards accepted in the
 * last seconds of the run, summed from the per-second series (IncomingRecords). Polling once
 * a second, the last poll of each shard is in (T − 1 s, T], or, when that poll was refused,
 * one backoff (at most 1.5 s) later than the one before: a single application is refused only
 * by its own last read (a child's first read after its parents can return more than the
 * shard's 2,000 records of one second), and after one backoff the shard has paid for it. So
 * what it has not received was accepted in (T − 2.5 s, T]: within the last four one-second
 * buckets (the boundary need not fall on a bucket edge). Enhanced fan-out pushes a record
 * 70 ms after acceptance: within the last bucket. Reshards are requested early enough to
 * complete, and children to be picked up, well before the end.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import type { RunResult, RunSeries } from "../../../src/experiment/run/result-types.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";

/** Records the shards accepted in the last `seconds` one-second buckets of the run. */
function acceptedInLast(series: RunSeries, seconds: number): number {
  let total = 0;
  for (const shard of series.shards) {
    const values = shard.incomingRecords;
    for (let i = Math.max(0, values.length - seconds); i < values.length; i++) {
      total += values[i] as number;
    }
  }
  return total;
}

/** The end-of-run bound for every consumer, and that the reshards really happened. */
function expectNothingLeftBehind(result: RunResult, series: RunSeries): void {
  for (const c of result.consumers) {
    const lastSeconds = c.mode === "efo" ? 1 : 4;
    expect(c.expiredUnread).toBe(0);
    expect(c.skipped).toBe(0);
    expect(c.unreadShards).toEqual([]);
    expect(c.unread).toBeLessThanOrEqual(acceptedInLast(series, lastSeconds));
    expect(c.delivered - c.redelivered + c.unread).toBe(result.records.accepted);
  }
  expect(result.unreadAtEnd.records).toBe(0);
}

function run(text: string) {
  return simulateWithSeries(parseExperimentText(text));
}

const base = (consumer: string, events: string, granularity = "segment") => `
seed: 1
duration: 15m
granularity: ${granularity}
metricsResolution: 1s
stream: { shards: 4 }
producers:
  - { name: p, rate: 200, recordSize: 1KB }
consumers:
  - ${consumer}
events: ${events}
`;

const CONSUMERS = {
  efo: "{ name: fan, mode: efo, startAt: TRIM_HORIZON }",
  polling: "{ name: poll, startAt: TRIM_HORIZON }",
  "KCL on efo": "{ name: kcl, mode: efo, startAt: TRIM_HORIZON, kcl: { workers: 2 } }",
  "KCL polling": "{ name: kcl, mode: polling, startAt: TRIM_HORIZON, kcl: { workers: 2 } }",
};

const RESHARDS = {
  split: "[{ at: 2m, split: shardId-000000000001 }]",
  merge: "[{ at: 2m, merge: [shardId-000000000001, shardId-000000000002] }]",
  UpdateShardCount: "[{ at: 2m, updateShardCount: 8 }]",
  "UpdateShardCount down": "[{ at: 2m, updateShardCount: 2 }]",
};

describe("an application follows a reshard to the children and reads them", () => {
  for (const [consumerName, consumer] of Object.entries(CONSUMERS)) {
    for (const [reshardName, events] of Object.entries(RESHARDS)) {
      it(`${consumerName}, ${reshardName}`, () => {
        const { result, series } = run(base(consumer, events));
        expect(result.operations[0]?.outcome).toBe("completed");
        expectNothingLeftBehind(result, series);
      });
    }
  }

  it("enhanced fan-out on an on-demand stream that splits every shard", () => {
    // 3,000 records/s of 1 KB on 4 shards is 750 KB/s per shard, above the 500 KB/s at
    // which on-demand splits (kinesis-facts.md §6): every shard splits within 16 minutes.
    const { result, series } = run(`
seed: 1
duration: 30m
metricsResolution: 1s
stream: { mode: on-demand }
producers: [{ name: p, rate: 3000, recordSize: 1KB }]
consumers: [{ name: fan, mode: efo, startAt: TRIM_HORIZON }]
`);
    const splits = result.operations.filter((op) => op.outcome === "completed");
    expect(splits.length).toBeGreaterThanOrEqual(4);
    for (const op of splits) expect(op.completedAtSeconds ?? 1e9).toBeLessThan(30 * 60 - 60);
    expectNothingLeftBehind(result, series);
  });

  it("a shard that closes while its reader is caught up still ends (its last event is pushed)", () => {
    // The historical failure: pushes were scheduled only by new records, so a parent whose
    // reader had caught up when it closed never got the event that ends it, and its children
    // waited for ever. One record every 10 s and a split: the parent is idle when it closes.
    const { result, series } = run(`
seed: 3
duration: 5m
metricsResolution: 1s
limits: { efoSubscriptionUs: 1h }
stream: { shards: 1 }
producers: [{ name: p, rate: 0.1, arrival: constant, recordSize: 1KB }]
consumers: [{ name: fan, mode: efo, startAt: TRIM_HORIZON }]
events: [{ at: 1m, split: shardId-000000000000 }]
`);
    expect(result.shards[0]?.closedAtSeconds).not.toBeNull();
    expectNothingLeftBehind(result, series);
    // Records written to the children after the split were delivered.
    expect((result.shards[1]?.accepted ?? 0) + (result.shards[2]?.accepted ?? 0)).toBeGreaterThan(
      10,
    );
  });
});

/**
 * Random reshard schedules, read by a polling or enhanced fan-out application, with or
 * without the KCL: up to four requests among splits (in the middle) of any initial
 * shard, merges of two neighbours of the initial layout and UpdateShardCounts within the
 * ½×–2× rule, in the first minute (some are rejected while the stream is UPDATING, as
 * Kinesis rejects them). Every request completes within 7.5 minutes (UpdateShardCount's
 * longest delay, uneven target), so a 12-minute run leaves more than the parent poll
 * interval for the children to be picked up.
 */
const schedules = fc.record({
  seed: fc.nat(1000),
  shards: fc.integer({ min: 1, max: 4 }),
  efo: fc.boolean(),
  kcl: fc.boolean(),
  requests: fc.array(
    fc.record({
      atSeconds: fc.integer({ min: 5, max: 60 }),
      kind: fc.constantFrom("split", "merge", "updateShardCount"),
      pick: fc.nat(7),
      factor: fc.double({ min: 0.5, max: 2, noNaN: true }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

describe("random reshard schedules: nothing left unread beyond the last fetch", () => {
  for (const granularity of ["segment", "record"]) {
    it(`${granularity} mode`, () => {
      let completed = 0;
      fc.assert(
        fc.property(schedules, ({ seed, shards, efo, kcl, requests }) => {
          const events = requests.map((request) => {
            const shardId = `shardId-${String(request.pick % shards).padStart(12, "0")}`;
            if (request.kind === "split") return `{ at: ${request.atSeconds}s, split: ${shardId} }`;
            if (request.kind === "merge") {
              const low = request.pick % Math.max(1, shards - 1);
              const ids = [low, low + 1].map((i) => `shardId-${String(i).padStart(12, "0")}`);
              return `{ at: ${request.atSeconds}s, merge: [${ids.join(", ")}] }`;
            }
            const target = Math.max(1, Math.min(2 * shards, Math.ceil(shards * request.factor)));
            return `{ at: ${request.atSeconds}s, updateShardCount: ${target} }`;
          });
          const workers = kcl ? ", kcl: { workers: 2 }" : "";
          const consumer = efo
            ? `{ name: c, mode: efo, startAt: TRIM_HORIZON${workers} }`
            : `{ name: c, mode: polling, startAt: TRIM_HORIZON${workers} }`;
          const { result, series } = run(`
seed: ${seed}
duration: 12m
granularity: ${granularity}
metricsResolution: 1s
stream: { shards: ${shards} }
producers: [{ name: p, rate: ${granularity === "record" ? 40 : 400}, recordSize: 500B }]
consumers: [${consumer}]
events: [${events.join(", ")}]
`);
          completed += result.operations.filter((op) => op.outcome === "completed").length;
          expectNothingLeftBehind(result, series);
        }),
        { numRuns: granularity === "record" ? 8 : 20 },
      );
      // The property was exercised: reshards did complete.
      expect(completed).toBeGreaterThan(0);
    });
  }
});
