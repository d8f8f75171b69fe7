import { describe, expect, it } from "vitest";
import type { NarrationEvent, PutEvent } from "../../models/narration/narration-events.js";
import type { ExperimentConfig } from "../../src/experiment/config/config-types.js";
import { parseExperimentText } from "../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../src/experiment/run/simulate.js";
import { explainExperiment } from "../../src/explain/explain-run.js";

/** Two shards, one key space, 3,000 records/s: both shards throttle once their buckets run dry. */
const THROTTLING = `
name: tiny
seed: 3
duration: 10s
stream: { shards: 2 }
producers:
  - name: clicks
    rate: 3000
    recordSize: 200B
    api: putRecords
    retries: { max: 2, backoff: 50ms }
consumers:
  - { name: app, pollInterval: 500ms, startAt: TRIM_HORIZON }
`;

const UNTIL_US = 2_000_000;

function config(text = THROTTLING): ExperimentConfig {
  return parseExperimentText(text);
}

/** The events of a record-level run of `text` to `untilUs`, and its result. */
function narrated(text: string, untilUs = UNTIL_US) {
  const events: NarrationEvent[] = [];
  const base = config(text);
  const { result } = simulateWithSeries(
    { ...base, granularity: "record", durationUs: untilUs, warmupUs: 0 },
    { narrator: { note: (event) => events.push(event) } },
  );
  return { events, result };
}

const puts = (events: NarrationEvent[]) =>
  events.filter((event): event is PutEvent => event.kind === "put");

const number = (text: string) => Number(text.replaceAll(",", ""));

/**
 * Accepted and throttled records told by the put lines: `… all accepted` (the call's or the
 * shard's record count), `accepted A, throttled T`, `all T throttled`.
 */
function putTotalsFromText(text: string) {
  let accepted = 0;
  let throttled = 0;
  let lines = 0;
  for (const line of text.split("\n")) {
    const put =
      /→ (?:PutRecords|PutRecord) ([\d,]+)(?: of [\d,]+)? records? \(.*?\)(?:, attempt \d+)? → (\S+(?: shards)?)[,:]? (.*)$/.exec(
        line,
      );
    if (put === null) continue;
    lines++;
    const [, count = "", , outcome = ""] = put;
    const partial = /^accepted ([\d,]+), throttled ([\d,]+)/.exec(outcome);
    const none = /^all ([\d,]+) throttled/.exec(outcome);
    if (/^(all )?accepted$/.test(outcome)) accepted += number(count);
    else if (partial !== null) {
      accepted += number(partial[1] ?? "");
      throttled += number(partial[2] ?? "");
    } else if (none !== null) throttled += number(none[1] ?? "");
    else if (outcome === "throttled" || outcome.startsWith("throttled:")) throttled += 1;
    else throw new Error(`unparsed put line: ${line}`);
  }
  return { accepted, throttled, lines };
}

describe("kinesim explain: the narration", () => {
  it("tells puts whose accepted and throttled records add up to the run's own totals", () => {
    const { events, result } = narrated(THROTTLING);
    let accepted = 0;
    let throttled = 0;
    for (const put of puts(events)) {
      for (const shard of put.shards) {
        accepted += shard.accepted;
        throttled += shard.throttled;
        expect(shard.accepted + shard.throttled).toBe(shard.records);
      }
    }
    expect(throttled).toBeGreaterThan(0);
    expect(accepted).toBe(result.records.accepted);
    expect(throttled).toBe(result.records.throttledAttempts);
    const dropped = events.reduce((sum, e) => sum + (e.kind === "drop" ? e.records : 0), 0);
    expect(dropped).toBe(result.records.dropped);
    // Retries are told when they go out; the last ones may still be waiting at the end.
    const retried = events.reduce((sum, e) => sum + (e.kind === "retry" ? e.records : 0), 0);
    expect(retried).toBeGreaterThan(0);
    expect(retried).toBeLessThanOrEqual(result.producers[0]?.retries ?? 0);
    const received = events.reduce((sum, e) => sum + (e.kind === "get-records" ? e.records : 0), 0);
    expect(received).toBe(result.consumers[0]?.delivered);
  });

  it("prints lines whose numbers add up to the totals it prints for the same time", () => {
    const { text, result } = explainExperiment(config(), { untilUs: UNTIL_US, maxLines: 100_000 });
    const told = putTotalsFromText(text);
    expect(told.lines).toBeGreaterThan(10);
    expect(told.throttled).toBeGreaterThan(0);
    expect(told.accepted).toBe(result.records.accepted);
    expect(told.throttled).toBe(result.records.throttledAttempts);
    expect(text).toContain(`accepted ${result.records.accepted.toLocaleString("en-US")}`);
    expect(text).toContain("the records bucket is empty (1,000 records/s)");
    expect(result.durationSeconds).toBe(2);
  });

  it("matches a plain record-level run of the same length (the narrator changes nothing)", () => {
    const plain = simulateWithSeries({ ...config(), granularity: "record", durationUs: UNTIL_US });
    const { result } = explainExperiment(config(), { untilUs: UNTIL_US, maxLines: 10 });
    expect(result.records).toEqual(plain.result.records);
    expect(result.shards).toEqual(plain.result.shards);
  });

  it("writes times with three decimals in order, and sizes and counts for people", () => {
    const { text } = explainExperiment(config(), { untilUs: UNTIL_US, maxLines: 100_000 });
    const times = [...text.matchAll(/^t=\s*(\d+\.\d{3}) s {2}/gm)].map((m) => Number(m[1]));
    expect(times.length).toBeGreaterThan(10);
    for (let i = 1; i < times.length; i++) {
      expect(times[i]).toBeGreaterThanOrEqual(times[i - 1] as number);
    }
    expect(Math.max(...times)).toBeLessThanOrEqual(2);
    expect(text).toMatch(/PutRecords [\d,]+ records \(\d+(\.\d)? KB\)/);
    expect(text).toMatch(/app GetRecords shardId-00000000000[01] → [\d,]+ records/);
    expect(text).toMatch(
      /clicks retries [\d,]+ records? for shardId-\d{12} \(attempt 2, after \d+ ms backoff\)/,
    );
  });

  it("is deterministic: the same experiment gives the same bytes", () => {
    const options = { untilUs: UNTIL_US, maxLines: 500 };
    expect(explainExperiment(config(), options).text).toBe(
      explainExperiment(config(), options).text,
    );
  });

  it("--shard keeps only the lines about that shard, narrowed to its records", () => {
    const { text, result } = explainExperiment(config(), {
      untilUs: UNTIL_US,
      maxLines: 100_000,
      shardId: "shardId-000000000001",
    });
    const events = text.split("\n").filter((line) => line.startsWith("t="));
    expect(events.length).toBeGreaterThan(5);
    for (const line of events) {
      expect(line).toContain("shardId-000000000001");
      expect(line).not.toContain("shardId-000000000000");
    }
    const told = putTotalsFromText(text);
    const shard = result.shards.find((s) => s.shardId === "shardId-000000000001");
    expect(told.accepted).toBe(shard?.accepted);
    expect(told.throttled).toBe(shard?.throttledAttempts);
    expect(text).toContain(
      `shardId-000000000001: accepted ${shard?.accepted.toLocaleString("en-US")}`,
    );
  });

  it("stops printing at --max-lines and says how many more events there were", () => {
    const all = explainExperiment(config(), { untilUs: UNTIL_US, maxLines: 100_000 });
    const capped = explainExperiment(config(), { untilUs: UNTIL_US, maxLines: 5 });
    expect(capped.shown).toBe(5);
    expect(capped.matched).toBe(all.matched);
    const more = (all.matched - 5).toLocaleString("en-US");
    expect(capped.text).toMatch(new RegExp(`… ${more} more events until t=1\\.\\d{3} s`));
    expect(capped.text.split("\n").filter((line) => line.startsWith("t="))).toHaveLength(5);
  });

  it("runs no further than the experiment's duration", () => {
    const { result, text } = explainExperiment(config(), { untilUs: 60_000_000, maxLines: 1 });
    expect(result.durationSeconds).toBe(10);
    expect(text.split("\n")[0]).toContain("to t=10.000 s (the experiment's end)");
  });
});

describe("kinesim explain: which limit refused", () => {
  it("names the bytes bucket when large records exhaust 1 MiB/s first", () => {
    const { events } = narrated(`
duration: 5s
stream: { shards: 1 }
producers: [{ name: big, rate: 40, recordSize: 100KB, api: putRecord }]
`);
    const refusals = puts(events).flatMap((put) => put.shards.flatMap((s) => s.refusedBy));
    expect(refusals.length).toBeGreaterThan(0);
    expect(new Set(refusals.map((r) => r.limit))).toEqual(new Set(["bytes"]));
    expect(refusals[0]).toEqual({ limit: "bytes", shape: "bucket", perSecond: 1_048_576 });
  });

  it("speaks of the one-second window under limiter: window", () => {
    const { text } = explainExperiment(
      config(`
duration: 3s
stream: { shards: 1, limiter: window }
producers: [{ name: p, rate: 1500, recordSize: 100B, api: putRecords }]
`),
      { untilUs: 2_000_000, maxLines: 100_000 },
    );
    expect(text).toContain("this second's 1,000 records are used up");
    expect(text).not.toContain("bucket");
  });

  it("tells the KPL's aggregated puts, counting aggregated records against the records limit", () => {
    const { text } = explainExperiment(
      config(`
duration: 3s
stream: { shards: 1 }
producers: [{ name: k, rate: 3000, recordSize: 100B, kpl: { aggregation: false, rateLimit: 150 } }]
`),
      { untilUs: 3_000_000, maxLines: 100_000 },
    );
    expect(text).toMatch(/k → PutRecords \(KPL\) [\d,]+ user records in [\d,]+ aggregated/);
    expect(text).toMatch(
      /k \(KPL\) holds back [\d,]+ records for shardId-000000000000: .*RateLimit 150 %/,
    );
  });
});

describe("kinesim explain: readers, leases and resharding", () => {
  it("tells throttled GetRecords calls and their reason", () => {
    const { events } = narrated(`
duration: 5s
stream: { shards: 1 }
producers: [{ name: p, rate: 100, recordSize: 100B }]
consumers:
${[1, 2, 3, 4, 5, 6, 7]
  .map((i) => `  - { name: c${i}, pollInterval: 200ms, readBackoff: 100ms }`)
  .join("\n")}
`);
    const throttled = events.filter((event) => event.kind === "read-throttled");
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled[0]).toMatchObject({ limit: "calls", perSecond: 5 });
  });

  it("tells enhanced fan-out pushes with their MillisBehindLatest", () => {
    const { text } = explainExperiment(
      config(`
duration: 2s
stream: { shards: 1 }
producers: [{ name: p, rate: 200, recordSize: 100B }]
consumers: [{ name: fan, mode: efo }]
`),
      { untilUs: 1_000_000, maxLines: 100_000 },
    );
    expect(text).toMatch(
      /fan ← SubscribeToShard push from shardId-000000000000: [\d,]+ records? \(.*\), MillisBehindLatest \d+ ms/,
    );
  });

  it("tells a split from request to completion, and the KCL lease that follows the parent", () => {
    const { text } = explainExperiment(
      config(`
duration: 2m
stream: { shards: 1 }
producers: [{ name: p, rate: 100, recordSize: 100B }]
consumers: [{ name: kcl, startAt: TRIM_HORIZON, kcl: { workers: 2 } }]
events: [{ at: 1s, split: shardId-000000000000 }]
`),
      { untilUs: 120_000_000, maxLines: 100_000 },
    );
    expect(text).toMatch(
      /t= *1\.000 s {2}split of shardId-000000000000 requested → stream UPDATING for [\d.]+ s/,
    );
    expect(text).toContain(
      "shardId-000000000000 closed, shardId-000000000001 and shardId-000000000002 open; stream ACTIVE",
    );
    expect(text).toMatch(/kcl worker \d takes the lease of shardId-000000000000 \(unowned\)/);
    expect(text).toContain("the closed shard is read to its end, its children come next");
    expect(text).toMatch(/kcl worker \d releases the lease of shardId-000000000000/);
    expect(text).toMatch(/kcl worker \d takes the lease of shardId-000000000001/);
  });

  it("tells a stopped KCL worker and the expired lease another worker takes", () => {
    const { text } = explainExperiment(
      // KCL 2; with seed 3 worker 1's first taking pass (at 4.5 s) takes the only lease.
      config(`
seed: 3
duration: 1m
stream: { shards: 1 }
producers: [{ name: p, rate: 100, recordSize: 100B }]
consumers: [{ name: app, startAt: TRIM_HORIZON, kcl: { version: 2, workers: 2, checkpoint: { everyRecords: 1000 } } }]
events: [{ at: 25s, stopWorker: app/1 }]
`),
      { untilUs: 60_000_000, maxLines: 100_000 },
    );
    expect(text).toContain("app worker 1 stops; its lease expires after 10 s without renewal");
    expect(text).toMatch(
      /app worker 2 takes the lease of shardId-000000000000 from worker 1, which stopped renewing it/,
    );
  });
});

describe("explain says how far behind each application fell, as the summary does", () => {
  // 20 records/s; app stops from 2 s to 20 s, late stops at 5 s for good, steady never stops.
  const STOPS = `
name: stop-start
seed: 3
duration: 30s
stream: { shards: 1 }
producers:
  - { name: p, rate: 20, recordSize: 200B }
consumers:
  - { name: app, pollInterval: 500ms, startAt: TRIM_HORIZON }
  - { name: late, pollInterval: 500ms, startAt: TRIM_HORIZON }
  - { name: steady, pollInterval: 500ms, startAt: TRIM_HORIZON }
events:
  - { at: 2s, stopConsumer: app }
  - { at: 20s, startConsumer: app }
  - { at: 5s, stopConsumer: late }
`;
  const { text, result } = explainExperiment(config(STOPS), {
    untilUs: 30_000_000,
    maxLines: 0,
  });
  const line = (pattern: RegExp) => text.split("\n").find((l) => pattern.test(l));

  it("gives the oldest unread record's age, which grows for as long as nobody reads", () => {
    // app's oldest unread record at the stop was written after its last poll before 2 s
    // (one 0.5 s interval and a fetch's latency earlier at most), and read by the first polls
    // after the restart at 20 s (within an interval): 18 to 19.x s old, 18 s while stopped.
    const max = line(/app's oldest unread record was at most ([\d.]+) s old \(IteratorAge\)$/);
    const seconds = Number(/at most ([\d.]+) s/.exec(max ?? "")?.[1]);
    expect(seconds).toBeGreaterThan(17.5);
    expect(seconds).toBeLessThan(20);
    expect(result.consumers[0]?.lagging?.laggingSeconds).toBe(10);
  });

  it("says when an application caught up, that one never did, and that one never fell behind", () => {
    // Over 10 s behind 10 s after the stop; caught up on the first polls after the restart.
    expect(line(/app was over 10 s behind/)).toMatch(
      /^by t=30\.000 s: app was over 10 s behind from 0:1[12], caught up at 0:2[01]$/,
    );
    expect(line(/late was over 10 s behind/)).toMatch(
      /^by t=30\.000 s: late was over 10 s behind from 0:1[45], not caught up by t=30\.000 s$/,
    );
    expect(line(/steady's oldest/)).toMatch(/, never over 10 s behind$/);
    expect(line(/steady was/)).toBeUndefined();
  });
});
