/**
 * The plain SDK's send path (models/producers/senders/sdk-send.ts): one put of some segments, what the
 * shards refuse retried with exponential backoff, dropped after the last retry.
 *
 * The shards are real (KinesisStream, the default profile, token buckets); the producer around
 * the send path is a stand-in that keeps its own count of the records it holds for a retry and
 * runs retries on the kernel. A shard's record bucket starts full, `shardWriteRecordsPerSecond
 * × ingressBucketDepthSeconds` = 1,000 records deep, and refills at 1,000 records/s, so
 * 1,500 small records offered at t = 0 are 1,000 accepted and 500 refused, exactly (their
 * 150 kB are far below the byte bucket's 1 MiB).
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import type { NarrationEvent } from "../../../models/narration/narration-events.js";
import {
  type ProducerSettings,
  ProducerStats,
} from "../../../models/producers/producer-settings.js";
import type { RetrySettings } from "../../../models/producers/retry-backoff.js";
import { sendSdk, sendSdkRecord } from "../../../models/producers/senders/sdk-send.js";
import type { PendingRetry } from "../../../models/producers/senders/send-path.js";
import type { Segment } from "../../../models/shards/segment.js";
import { KinesisStream } from "../../../models/stream/kinesis-stream.js";
import { RandomStreams, randomStream } from "../../../src/engine/random-streams.js";
import { Simulation } from "../../../src/engine/simulation.js";
import { producer } from "../../helpers/experiment.js";

const S = 1_000_000;
const MAX_RECORDS = DEFAULT_PROFILE.putRecordsMaxRecords;
const MAX_BYTES = DEFAULT_PROFILE.putRecordsMaxBytes;
const BUCKET_RECORDS =
  DEFAULT_PROFILE.shardWriteRecordsPerSecond * DEFAULT_PROFILE.ingressBucketDepthSeconds;

interface SenderOptions {
  api?: ProducerSettings["api"];
  retries?: RetrySettings;
  batch?: ProducerSettings["batch"];
  shards?: number;
  seed?: number;
  /** Where records go, instead of the shards they were routed to (a stand-in for rerouting). */
  reroute?: (segments: Segment[]) => Segment[];
  /** Whether a narrator listens (default true). */
  narrate?: boolean;
}

/** The send path of one producer over a fresh stream, with a minimal producer around it. */
function sender(options: SenderOptions = {}) {
  const simulation = new Simulation();
  const stream = new KinesisStream({
    shardCount: options.shards ?? 1,
    profile: DEFAULT_PROFILE,
    limiter: "bucket",
    retentionUs: 24 * 3600 * S,
    coalesceUs: 0,
    metricsResolutionUs: S,
    durationUs: 1000 * S,
  });
  const settings = producer({
    api: options.api ?? "putRecords",
    retries: options.retries ?? { max: 0, backoffUs: 100_000, maxBackoffUs: 5 * S },
    batch: options.batch ?? { maxRecords: MAX_RECORDS, maxBytes: MAX_BYTES, lingerUs: 100_000 },
  });
  const stats = new ProducerStats();
  const events: NarrationEvent[] = [];
  const retries: PendingRetry[] = [];
  const seed = options.seed ?? 1;
  let awaitingRetry = 0;
  const path = {
    context: {
      simulation,
      random: new RandomStreams(seed),
      stream,
      granularity: "segment" as const,
      resolutionUs: 10_000,
      profile: DEFAULT_PROFILE,
      horizonUs: 1000 * S,
      narrator:
        options.narrate === false
          ? undefined
          : { note: (event: NarrationEvent) => events.push(event) },
    },
    settings,
    stats,
    retryRandom: randomStream(seed, "retries"),
    routeToOpenShards: options.reroute ?? ((segments: Segment[]) => segments),
    scheduleRetry: (retry: PendingRetry) => {
      retries.push(retry);
      awaitingRetry += retry.records;
      simulation.schedule(retry.delayUs, () => {
        awaitingRetry -= retry.records;
        retry.resend();
      });
    },
  };
  /** A first attempt of new records, counted as offered and held as a producer does. */
  const send = (segments: Segment[]) => {
    for (const segment of segments) {
      stats.offered += segment.count;
      stats.pending += segment.count;
    }
    sendSdk(path, segments, 0);
  };
  /** A first attempt of one new record by PutRecord's own path. */
  const sendOne = (record: Segment) => {
    stats.offered += record.count;
    stats.pending += record.count;
    sendSdkRecord(path, record);
  };
  const accounted = () => {
    expect(stats.offered).toBe(stats.accepted + stats.dropped + awaitingRetry);
    expect(stats.pending).toBe(awaitingRetry);
    // Every refused attempt was either tried again or given up.
    expect(stats.throttledAttempts).toBe(stats.retries + stats.dropped);
    // The shards hold what the producer counts as accepted.
    const appended = stream.shards.reduce((sum, shard) => sum + shard.log.nextSeq, 0);
    expect(appended).toBe(stats.accepted);
  };
  return { simulation, stream, stats, events, retries, send, sendOne, accounted };
}

function records(count: number, bytesPerRecord: number, shard = 0, atUs = 0): Segment {
  return {
    count,
    bytes: count * bytesPerRecord,
    firstCreatedUs: atUs,
    lastCreatedUs: atUs,
    producer: 0,
    shard,
  };
}

describe("sendSdk: what the shards take", () => {
  it("everything is accepted when it fits, on the shards the segments name", () => {
    const { stats, stream, send, retries, accounted } = sender({ shards: 3 });
    send([records(400, 100, 0), records(300, 100, 2)]);
    expect(stats.accepted).toBe(700);
    expect(stats.throttledAttempts).toBe(0);
    expect(stats.dropped).toBe(0);
    expect(retries).toEqual([]);
    expect(stream.shards.map((shard) => shard.metrics.accepted)).toEqual([400, 0, 300]);
    accounted();
  });

  it("puts records where the rerouting says, not where they were first routed", () => {
    const { stream, send, accounted } = sender({
      shards: 2,
      reroute: (segments) => segments.map((segment) => ({ ...segment, shard: 1 })),
    });
    send([records(200, 100, 0)]);
    expect(stream.shards.map((shard) => shard.metrics.accepted)).toEqual([0, 200]);
    accounted();
  });
});

describe("sendSdk: API calls, by PutRecords' limits", () => {
  /** putCalls of one first attempt of `segments` (no retries: refusals are dropped). */
  const calls = (segments: Segment[], options: SenderOptions = {}) => {
    const { stats, send, accounted } = sender({ shards: 2, ...options });
    send(segments);
    accounted();
    return stats.putCalls;
  };

  it(`PutRecords carries at most ${MAX_RECORDS} records a call, whichever shards they go to`, () => {
    expect(calls([records(1, 100)])).toBe(1);
    expect(calls([records(MAX_RECORDS, 100)])).toBe(1);
    expect(calls([records(MAX_RECORDS + 1, 100)])).toBe(2);
    expect(calls([records(1500, 100)])).toBe(3);
    // One request may mix shards: 300 + 300 records are two calls, not one per shard.
    expect(calls([records(300, 100, 0), records(300, 100, 1)])).toBe(2);
  });

  it(`PutRecords carries at most ${MAX_BYTES} bytes a call`, () => {
    // Ten records of exactly a tenth of the limit fill one call; a byte more needs a second.
    const tenth = MAX_BYTES / 10;
    expect(calls([records(10, tenth)])).toBe(1);
    expect(calls([records(9, tenth), { ...records(1, tenth + 1), shard: 1 }])).toBe(2);
    expect(calls([records(30, tenth)])).toBe(3);
    // Whichever limit needs more calls decides: 20 records of half the byte limit.
    expect(calls([records(20, MAX_BYTES / 2)])).toBe(10);
  });

  it("a producer's own, smaller batch limits count instead", () => {
    const batch = { maxRecords: 100, maxBytes: 50_000, lingerUs: 100_000 };
    expect(calls([records(250, 10)], { batch })).toBe(3);
    expect(calls([records(250, 1000)], { batch })).toBe(5);
  });

  it("PutRecord is one call per record", () => {
    expect(calls([records(1, 100)], { api: "putRecord" })).toBe(1);
    expect(calls([records(700, 100), records(50, 100, 1)], { api: "putRecord" })).toBe(750);
  });
});

describe("sendSdk: throttled records", () => {
  it("without retries, what the shard refuses is dropped at once and counted", () => {
    const { stats, send, retries, events, accounted } = sender();
    send([records(1500, 100)]);
    expect(stats.accepted).toBe(BUCKET_RECORDS);
    expect(stats.throttledAttempts).toBe(1500 - BUCKET_RECORDS);
    expect(stats.dropped).toBe(1500 - BUCKET_RECORDS);
    expect(stats.retries).toBe(0);
    expect(retries).toEqual([]);
    accounted();
    const drops = events.filter((event) => event.kind === "drop");
    expect(drops).toMatchObject([
      { records: 1500 - BUCKET_RECORDS, attempts: 1, why: "retries", producer: "p" },
    ]);
  });

  it("retries the refused records after the backoff, and drops them after the last retry", () => {
    // Backoff capped at 100 µs: three retries wait at most 300 µs, in which the bucket refills
    // 0.3 of a record, so every retry is refused whole.
    const { simulation, stats, send, retries, events, accounted } = sender({
      retries: { max: 3, backoffUs: 100, maxBackoffUs: 100 },
    });
    send([records(1500, 100)]);
    const refused = 1500 - BUCKET_RECORDS;
    expect(stats.retries).toBe(refused);
    expect(retries).toHaveLength(1);
    accounted();
    simulation.run(S);
    expect(retries.map((retry) => [retry.attempt, retry.records])).toEqual([
      [1, refused],
      [2, refused],
      [3, refused],
    ]);
    for (const retry of retries) {
      expect(retry.delayUs).toBeGreaterThanOrEqual(1);
      expect(retry.delayUs).toBeLessThanOrEqual(100);
      expect(retry.segments.reduce((sum, segment) => sum + segment.count, 0)).toBe(refused);
    }
    expect(stats.accepted).toBe(BUCKET_RECORDS);
    expect(stats.throttledAttempts).toBe(4 * refused);
    expect(stats.retries).toBe(3 * refused);
    expect(stats.dropped).toBe(refused);
    // The first attempt's three calls, then one call of 500 records per retry.
    expect(stats.putCalls).toBe(3 + 3);
    accounted();
    const drops = events.filter((event) => event.kind === "drop");
    expect(drops).toMatchObject([{ records: refused, attempts: 4, why: "retries" }]);
    const puts = events.filter((event) => event.kind === "put");
    expect(puts.map((put) => put.kind === "put" && put.attempt)).toEqual([1, 2, 3, 4]);
  });

  it("retried records that the refilled shard takes are accepted, not dropped", () => {
    // Each retry waits U(0, 1 s), in which the bucket refills 1,000 records/s and nothing else
    // draws on it: the 500 refused records are all in once the waits add up to 0.5 s. Twenty
    // waits of U(0, 1 s) sum to less than 0.5 s with probability 0.5^20/20! ≈ 4e-25.
    for (const seed of [1, 2, 3]) {
      const { simulation, stats, send, retries, accounted } = sender({
        seed,
        retries: { max: 20, backoffUs: S, maxBackoffUs: S },
      });
      send([records(1500, 100)]);
      simulation.run(100 * S);
      expect(stats.accepted).toBe(1500);
      expect(stats.dropped).toBe(0);
      expect(stats.pending).toBe(0);
      expect(retries.length).toBeGreaterThan(0);
      expect(stats.retries).toBe(stats.throttledAttempts);
      accounted();
    }
  });

  it("retry k waits up to backoff·2^(k−1), capped at maxBackoff, drawn from the producer's retry stream", () => {
    // 1 ms backoff, 3 ms cap: retry 1 waits up to 1 ms, retry 2 up to 2 ms, retry 3 up to 3 ms.
    // After the bucket is emptied, 300 single records are refused at t = 0, each retried on
    // its own. Over n delays of one retry, P(none above half its ceiling) = 2^−n; with
    // n ≥ 100 the largest exceeds the previous retry's ceiling, so the ceiling grows.
    const retriesOf = (seed: number) => {
      const { simulation, stats, send, retries, accounted } = sender({
        seed,
        retries: { max: 3, backoffUs: 1000, maxBackoffUs: 3000 },
      });
      send([records(BUCKET_RECORDS, 100)]);
      for (let i = 0; i < 300; i++) send([records(1, 100)]);
      simulation.run(S);
      accounted();
      expect(stats.pending).toBe(0);
      return retries;
    };
    const retries = retriesOf(1);
    const byAttempt = [1, 2, 3].map((attempt) =>
      retries.filter((retry) => retry.attempt === attempt).map((retry) => retry.delayUs),
    );
    expect(byAttempt[0]).toHaveLength(300);
    const ceilings = [1000, 2000, 3000];
    byAttempt.forEach((delays, i) => {
      expect(delays.length).toBeGreaterThanOrEqual(100);
      for (const delay of delays) {
        expect(delay).toBeGreaterThanOrEqual(1);
        expect(delay).toBeLessThanOrEqual(ceilings[i] as number);
      }
      if (i > 0) expect(Math.max(...delays)).toBeGreaterThan(ceilings[i - 1] as number);
    });
    // The first retry's mean: U(0, 1 ms) has mean 500 µs and SE 1000/√(12·300) = 16.7 µs;
    // 5 SE plus 1 µs of rounding.
    const mean = (byAttempt[0] as number[]).reduce((a, b) => a + b, 0) / 300;
    expect(Math.abs(mean - 500)).toBeLessThan(5 * (1000 / Math.sqrt(12 * 300)) + 1);
    // The same seed draws the same delays.
    expect(retriesOf(1).map((retry) => retry.delayUs)).toEqual(retries.map((r) => r.delayUs));
  });
});

describe("sendSdkRecord: one PutRecord, as sendSdk of [record] without its arrays", () => {
  /** Empties the bucket, then puts 300 single records at t = 0 (all refused) and runs 1 s. */
  const outcome = (one: boolean, retries: RetrySettings, narrate: boolean) => {
    const run = sender({ api: "putRecord", seed: 7, retries, narrate });
    run.send([records(BUCKET_RECORDS, 100)]);
    for (let i = 0; i < 300; i++) {
      if (one) run.sendOne(records(1, 100));
      else run.send([records(1, 100)]);
    }
    run.simulation.run(S);
    run.accounted();
    return {
      stats: { ...run.stats },
      retries: run.retries.map(({ attempt, records, delayUs }) => [attempt, records, delayUs]),
      events: run.events,
      accepted: run.stream.shards.map((shard) => shard.metrics.accepted),
    };
  };
  const retrySettings: [string, RetrySettings][] = [
    ["no retries", { max: 0, backoffUs: 1000, maxBackoffUs: 3000 }],
    ["three retries", { max: 3, backoffUs: 1000, maxBackoffUs: 3000 }],
  ];
  for (const [name, retries] of retrySettings) {
    for (const narrate of [false, true]) {
      it(`${name}, ${narrate ? "narrated" : "not narrated"}: the same counts, retries and events`, () => {
        const general = outcome(false, retries, narrate);
        expect(outcome(true, retries, narrate)).toEqual(general);
        // The case is not empty: records were refused, and retried when retries are allowed.
        expect(general.stats.throttledAttempts).toBeGreaterThanOrEqual(300);
        expect(general.retries.length > 0).toBe(retries.max > 0);
      });
    }
  }
});
