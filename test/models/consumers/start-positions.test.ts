/**
 * Where an application starts reading, and where it goes on after a restart
 * (kinesis-facts.md §7: LATEST is just after the newest record when the iterator is obtained,
 * TRIM_HORIZON the oldest record retained, AT_TIMESTAMP the first record accepted at or
 * after a time, or the trim horizon when the time is older).
 *
 * The counts are checked against the per-second series of accepted records (IncomingRecords),
 * kept by the shards independently of the readers: in record-level runs each record is
 * accepted at its own instant, so the records accepted before a time on a whole second are
 * exactly the sum of the buckets before it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { UserError } from "../../../src/experiment/config/user-error.js";
import type { RunSeries } from "../../../src/experiment/run/result-types.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";

/** Records the shards accepted in the one-second buckets [from, to). */
function acceptedBetween(series: RunSeries, fromSecond: number, toSecond: number): number {
  let total = 0;
  for (const shard of series.shards) {
    for (let i = fromSecond; i < toSecond; i++) total += shard.incomingRecords[i] ?? 0;
  }
  return total;
}

function run(consumer: string, extra = "", duration = "15m", granularity = "record") {
  return simulateWithSeries(
    parseExperimentText(`
seed: 4
duration: ${duration}
granularity: ${granularity}
metricsResolution: 1s
stream: { shards: 2 }
producers: [{ name: p, rate: 40, api: putRecord, recordSize: 200B }]
consumers: [${consumer}]
${extra}
`),
  );
}

describe("an application that starts later", () => {
  it("at LATEST skips everything accepted before it started", () => {
    const { result, series } = run("{ name: late, startAt: LATEST, launchAt: 10m }");
    const c = result.consumers[0];
    expect(c?.skipped).toBe(acceptedBetween(series, 0, 600));
    expect(c?.skipped).toBeGreaterThan(0);
    expect((c?.delivered ?? 0) + (c?.unread ?? 0)).toBe(acceptedBetween(series, 600, 900));
    // Nothing it received was older than its start: every record came after 10 min.
    expect(c?.latencyMs.max).toBeLessThan(2_000);
  });

  it("at TRIM_HORIZON reads everything from the start", () => {
    const { result } = run("{ name: late, startAt: TRIM_HORIZON, launchAt: 10m }");
    const c = result.consumers[0];
    expect(c?.skipped).toBe(0);
    expect((c?.delivered ?? 0) + (c?.unread ?? 0)).toBe(result.records.accepted);
    // The first records it read had waited ten minutes.
    expect(c?.latencyMs.max).toBeGreaterThan(599_000);
  });

  it("at AT_TIMESTAMP reads from the first record accepted at or after the time", () => {
    const { result, series } = run(
      "{ name: late, startAt: AT_TIMESTAMP, timestamp: 4m, launchAt: 10m }",
    );
    const c = result.consumers[0];
    expect(c?.skipped).toBe(acceptedBetween(series, 0, 240));
    expect((c?.delivered ?? 0) + (c?.unread ?? 0)).toBe(acceptedBetween(series, 240, 900));
  });

  it("at AT_TIMESTAMP older than the trim horizon reads from the trim horizon", () => {
    // 24 h retention; started at 25 h with a timestamp of 30 min: records before ~1 h are
    // already trimmed. They were never the application's to read (it did not exist), so they
    // are skipped, not lost. Trimming is per stored segment of at most one second (segment
    // mode), so the trim horizon is within a second of 1 h. Only what retention trims after
    // it starts and before its first poll (within a poll interval, 1 s) is lost to it.
    const { result, series } = simulateWithSeries(
      parseExperimentText(`
seed: 4
duration: 1510m
resolution: 1s
metricsResolution: 1s
stream: { shards: 2 }
producers: [{ name: p, rate: 40, recordSize: 200B }]
consumers: [{ name: late, startAt: AT_TIMESTAMP, timestamp: 30m, launchAt: 25h }]
`),
    );
    const c = result.consumers[0];
    expect(c?.skipped).toBeGreaterThanOrEqual(acceptedBetween(series, 0, 3600));
    expect(c?.skipped).toBeLessThanOrEqual(acceptedBetween(series, 0, 3602));
    expect(c?.expiredUnread).toBeLessThanOrEqual(acceptedBetween(series, 3599, 3603));
    expect(result.dataLoss.records).toBe(c?.expiredUnread);
    expect((c?.delivered ?? 0) + (c?.unread ?? 0) + (c?.expiredUnread ?? 0)).toBe(
      result.records.accepted - (c?.skipped ?? 0),
    );
  });
});

describe("a restart after a stop longer than an iterator lives (5 min)", () => {
  const stop = (at: string, back: string) =>
    `events: [{ at: ${at}, stopConsumer: c }, { at: ${back}, startConsumer: c }]`;

  it("goes on after the last record it received by default (restartFrom: lastRecord)", () => {
    const { result } = run("{ name: c, startAt: LATEST }", stop("2m", "12m"));
    const c = result.consumers[0];
    expect(c?.skipped).toBe(0);
    expect(c?.expiredIterators).toBe(2);
    // What came while it was down was read when it came back: the oldest had waited 10 min.
    expect(c?.latencyMs.max).toBeGreaterThan(599_000);
    expect(c?.redelivered).toBe(0);
  });

  it("with restartFrom: startAt at LATEST, skips what arrived while it was down", () => {
    const { result, series } = run(
      "{ name: c, startAt: LATEST, restartFrom: startAt }",
      stop("2m", "12m"),
    );
    const c = result.consumers[0];
    // Skipped: from its last poll before 2 min (within the second before) to 12 min.
    expect(c?.skipped).toBeGreaterThanOrEqual(acceptedBetween(series, 120, 720));
    expect(c?.skipped).toBeLessThanOrEqual(acceptedBetween(series, 119, 720));
    expect(c?.expiredIterators).toBe(2);
    expect(c?.latencyMs.max).toBeLessThan(2_000);
  });

  it("with restartFrom: startAt at TRIM_HORIZON, reads everything again", () => {
    const { result, series } = run(
      "{ name: c, startAt: TRIM_HORIZON, restartFrom: startAt }",
      stop("2m", "12m"),
    );
    const c = result.consumers[0];
    // Delivered again: what it had received by its last poll before 2 min.
    expect(c?.redelivered).toBeGreaterThanOrEqual(acceptedBetween(series, 0, 119));
    expect(c?.redelivered).toBeLessThanOrEqual(acceptedBetween(series, 0, 120));
    expect(c?.skipped).toBe(0);
  });

  it("a stop shorter than an iterator's life is a pause, whatever restartFrom says", () => {
    const { result } = run("{ name: c, startAt: LATEST, restartFrom: startAt }", stop("2m", "6m"));
    const c = result.consumers[0];
    expect(c?.skipped).toBe(0);
    expect(c?.expiredIterators).toBe(0);
    expect(c?.latencyMs.max).toBeGreaterThan(239_000);
  });

  it("a KCL application goes on from its checkpoints", () => {
    // Checkpoints every 30 s: what it received after the last one before the stop comes again.
    const { result, series } = run(
      "{ name: c, startAt: TRIM_HORIZON, kcl: { workers: 1, checkpoint: { every: 30s } } }",
      stop("2m", "12m"),
    );
    const c = result.consumers[0];
    expect(c?.redelivered).toBeGreaterThan(0);
    expect(c?.redelivered).toBeLessThanOrEqual(acceptedBetween(series, 88, 120));
    expect(c?.skipped).toBe(0);
  });
});

/** The one-line message of the UserError `fn` throws. */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
  throw new Error("no error thrown");
}

describe("start settings are checked", () => {
  const parse =
    (consumer: string, extra = "") =>
    () =>
      parseExperimentText(`
duration: 10m
stream: { shards: 1 }
producers: [{ name: p, rate: 1 }]
consumers: [${consumer}]
${extra}
`);

  it.each([
    [
      "{ name: c, startAt: AT_TIMESTAMP }",
      "consumers[0].timestamp: required with startAt: AT_TIMESTAMP (the time of the first record to read, e.g. 5m)",
    ],
    [
      "{ name: c, startAt: AT_TIMESTAMP, timestamp: 2m, launchAt: 1m }",
      "consumers[0].timestamp: expected a time at most the application's start (launchAt 1m): AT_TIMESTAMP reads records already in the stream; got 2m",
    ],
    [
      "{ name: c, startAt: LATEST, timestamp: 2m }",
      "consumers[0].timestamp: only with startAt: AT_TIMESTAMP (startAt is LATEST)",
    ],
    [
      "{ name: c, launchAt: 10m }",
      "consumers[0].launchAt: expected a time before the end of the run (10m), got 10m",
    ],
    [
      "{ name: c, restartFrom: startAt, kcl: { workers: 1 } }",
      "consumers[0].restartFrom: only without kcl (a KCL application restarts from its checkpoints)",
    ],
    [
      "{ name: c, restartFrom: sometimes }",
      'consumers[0].restartFrom: expected one of lastRecord | startAt, got "sometimes"',
    ],
  ])("%s", (consumer, message) => {
    expect(messageOf(parse(consumer))).toBe(message);
  });

  it("refuses stopping or starting an application before it starts", () => {
    expect(
      messageOf(parse("{ name: c, launchAt: 5m }", "events: [{ at: 1m, stopConsumer: c }]")),
    ).toBe(`events[0].at: expected a time at or after c's launchAt (5m), got "1m"`);
  });
});

/**
 * Conservation through every kind of start and restart (design.md §10): random start
 * positions, launch times, restart rules and stop/start schedules, polling and enhanced
 * fan-out, with or without the KCL, across a split, in both granularities. Iterators are
 * made to live 2 s so that stops are often longer than that (restarts). simulateWithSeries
 * checks conservation itself and throws; the same sum is restated here from the result.
 */
describe("every record is delivered, expired, skipped or unread, whatever the restarts", () => {
  it("for random start settings and stop/start schedules", () => {
    const settings = fc.record({
      seed: fc.nat(1000),
      granularity: fc.constantFrom("segment", "record"),
      efo: fc.boolean(),
      kcl: fc.boolean(),
      startAt: fc.constantFrom("LATEST", "TRIM_HORIZON", "AT_TIMESTAMP"),
      restartFrom: fc.constantFrom("lastRecord", "startAt"),
      launchSeconds: fc.integer({ min: 0, max: 20 }),
      timestampFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      stops: fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 8 })), {
        maxLength: 3,
      }),
    });
    fc.assert(
      fc.property(settings, (s) => {
        const timestamp =
          s.startAt === "AT_TIMESTAMP"
            ? `, timestamp: ${Math.round(s.timestampFraction * s.launchSeconds * 1000)}ms`
            : "";
        const restart = s.kcl ? ", kcl: { workers: 2 }" : `, restartFrom: ${s.restartFrom}`;
        const mode = s.efo ? ", mode: efo" : ", mode: polling, pollInterval: 500ms";
        const events = s.stops.flatMap(([offset, length]) => {
          const stop = s.launchSeconds + offset;
          return [
            `{ at: ${stop}s, stopConsumer: c }`,
            `{ at: ${Math.min(stop + length, 59)}s, startConsumer: c }`,
          ];
        });
        const { result } = simulateWithSeries(
          parseExperimentText(`
seed: ${s.seed}
duration: 60s
granularity: ${s.granularity}
limits: { shardIteratorLifetimeUs: 2s, splitMergeMinDelayUs: 1s, splitMergeMaxDelayUs: 2s }
stream: { shards: 2 }
producers: [{ name: p, rate: 100, recordSize: 200B }]
consumers: [{ name: c, startAt: ${s.startAt}${timestamp}, launchAt: ${s.launchSeconds}s${mode}${restart} }]
events: [{ at: 25s, split: shardId-000000000000 }${events.map((e) => `, ${e}`).join("")}]
`),
        );
        for (const c of result.consumers) {
          expect(c.delivered - c.redelivered + c.expiredUnread + c.unread + c.skipped).toBe(
            result.records.accepted,
          );
          expect(c.unreadInFlight).toBeLessThanOrEqual(c.unread);
        }
      }),
      { numRuns: 40 },
    );
  });
});
