import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraries, type ExperimentDocument } from "../../src/arbitraries/index.js";
import { DEFAULT_PROFILE, parseExperimentText, simulate } from "../../src/index.js";

/**
 * "A single partition key's accepted throughput never exceeds one shard's limits, whatever
 * the shard count." Every record of one key routes to the one shard whose hash range holds
 * MD5(key), so adding shards cannot raise what that key gets through.
 */

const C = DEFAULT_PROFILE.shardWriteRecordsPerSecond; // 1,000 records/s
const B = DEFAULT_PROFILE.shardWriteBytesPerSecond; // 1 MiB/s
const DEPTH = DEFAULT_PROFILE.ingressBucketDepthSeconds; // 1 s

const run = (document: ExperimentDocument) => {
  const config = parseExperimentText(JSON.stringify(document));
  return { config, result: simulate(config) };
};

const utf8 = (text: string) => new TextEncoder().encode(text).length;

describe("one partition key never gets more than one shard's throughput", () => {
  // Any hot-key producer: constant rate or a profile up to 6,000 records/s, either arrival
  // process and API, records up to 100 KB, any retries; 1–64 shards; either limiter.
  const hotKeyExperiment = arbitraries.experiment({
    maxSeconds: 30,
    maxProducers: 1,
    maxConsumers: 0,
    events: false,
    stream: { maxShards: 64, onDemand: false },
    workload: { keys: { distributions: ["hot"] }, maxRate: 6000, maxRecordBytes: 100_000 },
    recordRateBudget: 3000,
  });

  it("whatever the traffic: one shard takes it all, within the limiter's bound", () => {
    fc.assert(
      fc.property(hotKeyExperiment, (document) => {
        const { config, result } = run(document);
        const durationSeconds = config.durationUs / 1e6;
        // One key, no resharding: every accepted record is on the same shard.
        expect(result.shards.filter((shard) => shard.accepted > 0).length).toBeLessThanOrEqual(1);
        const accepted = result.records.accepted;
        const bytes = result.shards.reduce((sum, shard) => sum + shard.bytesIn, 0);
        if (config.stream.limiter === "window") {
          // Fixed one-second windows aligned to t = 0, the same windows the per-second peaks
          // use: a window admits at most C records and B bytes. Slack on bytes only: a
          // partly admitted segment stores round(bytes·head/count) bytes, within ½ byte of
          // what the limiter charged, and a window admits at most C pieces (each ≥ 1 record).
          for (const shard of result.shards) {
            expect(shard.peakRecordsPerSecond).toBeLessThanOrEqual(C);
            expect(shard.peakBytesPerSecond).toBeLessThanOrEqual(B + C / 2);
          }
          // The run covers [0, D] (events at exactly t = D happen), so it touches ⌊D⌋ + 1
          // windows: with constant arrivals at 1,001/s, a 1 s run accepts 1,000 in window 0
          // and the record created at t = 1 s in window 1.
          expect(accepted).toBeLessThanOrEqual(C * (Math.floor(durationSeconds) + 1));
        } else {
          // A token bucket that starts full (DEPTH seconds of capacity) and refills at C
          // admits at most C·(DEPTH + t) records in the first t seconds; bytes likewise,
          // plus the same ½-byte rounding per admitted piece (at most one per record).
          expect(accepted).toBeLessThanOrEqual(C * (DEPTH + durationSeconds));
          expect(bytes).toBeLessThanOrEqual(B * (DEPTH + durationSeconds) + accepted / 2);
        }
      }),
      { numRuns: 40 },
    );
  });

  // The steady state of the token bucket, per second. A constant-rate producer of one key
  // offers f ≥ 2 times what the binding limit admits (records, or bytes for large records),
  // one record size s (s' = s + key bytes ≤ 5,016), PutRecord calls: in segment mode one put
  // every resolution T = 10 ms, in record mode one per record (1 ÷ rate ≤ 2.4 ms apart).
  //
  // Drain: the bucket starts with C tokens and receives C per second, while at least 2C per
  // second are offered, so it is empty before t = 1.5 s (the first tick may come up to T
  // late). After that every put is throttled: each tick offers ≥ 2·(C·T) records (or bytes),
  // more than the < 1 record left after the previous throttled put plus one tick's refill;
  // s' ≤ B·T ÷ 2 makes this hold for bytes too. So at the start k of any one-second window
  // after the 2 s warm-up (peaks reset there) the bucket holds < 1 record + C·T, and the
  // window admits < C·(1 + T) + 1 records; on bytes < B·(1 + T) + s'. Whichever limit does
  // not bind stays under its own bound because the binding one is reached first.
  const steadyOverload = fc
    .record({
      stream: arbitraries.stream({ maxShards: 64, onDemand: false, limiters: ["bucket"] }),
      producer: arbitraries.workload({
        keys: { distributions: ["hot"] },
        rateProfiles: false,
        arrivals: ["constant"],
        apis: ["putRecord"],
        recordSizes: ["fixed"],
        maxRecordBytes: 5000,
      }),
      factor: fc.integer({ min: 200, max: 500 }).map((percent) => percent / 100),
      seconds: fc.integer({ min: 3, max: 12 }),
      granularity: fc.constantFrom("segment" as const, "record" as const),
      seed: fc.nat(10_000),
    })
    .map(({ stream, producer, factor, seconds, granularity, seed }) => {
      const keys = producer.keys;
      const key = keys?.distribution === "hot" ? (keys.key ?? "hot-key") : "hot-key";
      const size = producer.recordSize;
      const sizeBytes =
        typeof size === "number"
          ? size
          : typeof size === "string"
            ? Number.parseInt(size, 10)
            : size?.distribution === "fixed"
              ? Number.parseInt(String(size.size), 10)
              : Number.NaN;
      const recordBytes = sizeBytes + utf8(key);
      const bindingRecordsPerSecond = Math.min(C, B / recordBytes);
      const document: ExperimentDocument = {
        seed,
        duration: `${seconds}s`,
        granularity,
        warmup: "2s",
        stream,
        producers: [{ ...producer, rate: Math.ceil(factor * bindingRecordsPerSecond) }],
      };
      return { document, recordBytes };
    });

  it("in the bucket's steady state, every second stays within C·(1 + T) + 1 records and B·(1 + T) + s' bytes", () => {
    fc.assert(
      fc.property(steadyOverload, ({ document, recordBytes }) => {
        expect(recordBytes).toBeLessThanOrEqual(5016);
        const { config, result } = run(document);
        const tickSeconds = config.resolutionUs / 1e6;
        expect(result.shards.filter((shard) => shard.accepted > 0)).toHaveLength(1);
        for (const shard of result.shards) {
          expect(shard.peakRecordsPerSecond).toBeLessThan(C * (1 + tickSeconds) + 1);
          expect(shard.peakBytesPerSecond).toBeLessThan(B * (1 + tickSeconds) + recordBytes);
        }
        // And the overload really was there: the key's shard throttled.
        expect(result.records.throttledAttempts).toBeGreaterThan(0);
      }),
      { numRuns: 30 },
    );
  });
});
