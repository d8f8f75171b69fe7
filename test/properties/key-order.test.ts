import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DeliveryRecorder, type ReadLimits } from "../../models/consumers/delivery-recorder.js";
import type { ShardReader } from "../../models/consumers/shard-readers.js";
import { type LogSlice, ShardLog } from "../../models/shards/shard-log.js";
import { arbitraries } from "../../src/arbitraries/index.js";
import { parseExperimentText, simulate } from "../../src/index.js";

/**
 * "Records of one key are delivered in the order they were accepted", in record-level runs
 * with splits, merges and UpdateShardCounts.
 *
 * simulateWithSeries already throws when KeyOrderCheck sees a key's record arrive out of sequence
 * on a shard, or from a shard that does not descend from the previous one. This test checks
 * the statement independently, from outside: it watches every slice an application reads
 * (a spy around DeliveryRecorder.read and ShardLog.read) and asserts, per application,
 *  - per key (producer, key index): acceptance times never go backwards, and on one shard
 *    sequence numbers strictly increase;
 *  - per shard: sequence numbers strictly increase (a shard is read in order, once — no
 *    KCL applications are generated, so nothing is delivered twice);
 * and, from the result, conservation for every application.
 */

interface Last {
  acceptedUs: number;
  shard: number;
  seq: number;
}

function watchDeliveries() {
  const violations: string[] = [];
  let crossShard = 0;
  const byKey = new Map<DeliveryRecorder, Map<string, Last>>();
  const byShard = new Map<DeliveryRecorder, Map<number, number>>();
  let reading: { application: DeliveryRecorder; shard: number } | undefined;

  const recorderRead = DeliveryRecorder.prototype.read;
  vi.spyOn(DeliveryRecorder.prototype, "read").mockImplementation(function (
    this: DeliveryRecorder,
    reader: ShardReader,
    nowUs: number,
    limits: ReadLimits,
  ) {
    reading = { application: this, shard: reader.shard.index };
    try {
      return recorderRead.call(this, reader, nowUs, limits);
    } finally {
      reading = undefined;
    }
  });

  const logRead = ShardLog.prototype.read;
  vi.spyOn(ShardLog.prototype, "read").mockImplementation(function (
    this: ShardLog,
    fromSeq: number,
    maxRecords: number,
    maxBytes: number,
    visibleUpToUs: number,
    maxKinesisRecords: number,
    visit: (slice: LogSlice) => void,
  ) {
    const context = reading;
    return logRead.call(
      this,
      fromSeq,
      maxRecords,
      maxBytes,
      visibleUpToUs,
      maxKinesisRecords,
      (slice) => {
        if (context !== undefined) observe(context.application, context.shard, slice);
        visit(slice);
      },
    );
  });

  function observe(application: DeliveryRecorder, shard: number, slice: LogSlice): void {
    const shards = byShard.get(application) ?? new Map<number, number>();
    byShard.set(application, shards);
    const lastOnShard = shards.get(shard);
    if (lastOnShard !== undefined && slice.firstSeq <= lastOnShard) {
      violations.push(`shard ${shard}: seq ${slice.firstSeq} after ${lastOnShard}`);
    }
    shards.set(shard, slice.firstSeq + slice.count - 1);
    if (slice.keyIndex === undefined) return;
    const keys = byKey.get(application) ?? new Map<string, Last>();
    byKey.set(application, keys);
    const key = `${slice.producer}/${slice.keyIndex}`;
    const last = keys.get(key);
    if (last !== undefined) {
      if (slice.firstAcceptedUs < last.acceptedUs) {
        violations.push(
          `key ${key}: accepted at ${slice.firstAcceptedUs} µs delivered after one accepted at ${last.acceptedUs} µs`,
        );
      }
      if (last.shard === shard && slice.firstSeq <= last.seq) {
        violations.push(`key ${key}: seq ${slice.firstSeq} after ${last.seq} on shard ${shard}`);
      }
      if (last.shard !== shard) crossShard++;
    }
    keys.set(key, {
      acceptedUs: slice.lastAcceptedUs,
      shard,
      seq: slice.firstSeq + slice.count - 1,
    });
  }

  return { violations, crossShardDeliveries: () => crossShard };
}

describe("records of one key are delivered in the order they were accepted", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const reshardingExperiment = arbitraries.experiment({
    granularities: ["record"],
    minSeconds: 10,
    maxSeconds: 40,
    minConsumers: 1,
    events: { resharding: true, consumers: true },
    maxEvents: 5,
    recordRateBudget: 600,
    // Few keys, so that each key has many records on both sides of a reshard.
    workload: { keys: { maxCardinality: 200 } },
  });

  it("in record-level runs with splits, merges and UpdateShardCounts", () => {
    let completedReshards = 0;
    let crossShard = 0;
    fc.assert(
      fc.property(reshardingExperiment, (document) => {
        const watch = watchDeliveries();
        try {
          const result = simulate(parseExperimentText(JSON.stringify(document)));
          expect(watch.violations.slice(0, 5)).toEqual([]);
          const r = result.records;
          expect(r.offered).toBe(r.accepted + r.dropped + r.pendingAtProducer);
          for (const c of result.consumers) {
            expect(c.delivered + c.expiredUnread + c.unread + c.skipped).toBe(r.accepted);
          }
          expect(result.shards.reduce((sum, shard) => sum + shard.accepted, 0)).toBe(r.accepted);
          completedReshards += result.operations.filter((op) => op.outcome === "completed").length;
          crossShard += watch.crossShardDeliveries();
        } finally {
          vi.restoreAllMocks();
        }
      }),
      { numRuns: 25 },
    );
    // The property was exercised: reshards completed and keys moved to new shards.
    expect(completedReshards).toBeGreaterThan(0);
    expect(crossShard).toBeGreaterThan(0);
  });
});
