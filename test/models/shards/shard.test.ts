import { describe, expect, it } from "vitest";
import type { Segment } from "../../../models/shards/segment.js";
import type { ShardCursor } from "../../../models/shards/shard.js";
import { loneShard } from "../../helpers/lone-shard.js";

const S = 1_000_000;
const PAYLOAD_UNIT = 25 * 1024;

/** A shard as KinesisStream builds one: the whole key space, no coalescing unless asked. */
const makeShard = loneShard;

function segment(count: number, bytesPerRecord: number, createdUs: number): Segment {
  return {
    count,
    bytes: count * bytesPerRecord,
    firstCreatedUs: createdUs,
    lastCreatedUs: createdUs,
    producer: 0,
    shard: 0,
  };
}

describe("Shard retention trimming and what each application missed", () => {
  /**
   * Retention 10 s. Segments A (seq 0–9) at 0 s, B (10–29) at 4 s, C (30–59) at 8 s.
   * Application 1 has read 15 records, application 2 only 5.
   */
  function scenario() {
    const shard = makeShard(10 * S);
    const app1: ShardCursor = { seq: 0, deliveredSeq: 0, expiredUnread: 0 };
    const app2: ShardCursor = { seq: 0, deliveredSeq: 0, expiredUnread: 0 };
    shard.addCursor(app1);
    shard.addCursor(app2);
    expect(shard.put(segment(10, 100, 0), 0)).toBe(10);
    expect(shard.put(segment(20, 100, 4 * S), 4 * S)).toBe(20);
    expect(shard.put(segment(30, 100, 8 * S), 8 * S)).toBe(30);
    app1.seq = 15;
    app2.seq = 5;
    return { shard, app1, app2 };
  }

  it("counts records unread by any application once, and per application separately", () => {
    const { shard, app1, app2 } = scenario();

    // 10 s: A (accepted at 0) has lived exactly the retention period and goes.
    shard.trim(10 * S);
    expect(shard.log.trimSeq).toBe(10);
    expect(app1).toMatchObject({ seq: 15, expiredUnread: 0 });
    expect(app2).toMatchObject({ seq: 10, expiredUnread: 5 });
    expect(shard.expiredUnreadByAnyApplication).toBe(5);

    // One microsecond before B's 10 s are up nothing happens.
    shard.trim(14 * S - 1);
    expect(shard.log.trimSeq).toBe(10);

    // 14 s: B goes. App 1 missed 15–29 (15), app 2 missed 10–29 (20); those 20 records
    // count once for the stream, not 35 times.
    shard.trim(14 * S);
    expect(shard.log.trimSeq).toBe(30);
    expect(app1).toMatchObject({ seq: 30, expiredUnread: 15 });
    expect(app2).toMatchObject({ seq: 30, expiredUnread: 25 });
    expect(shard.expiredUnreadByAnyApplication).toBe(25);

    // Trimming again at the same instant changes nothing.
    shard.trim(14 * S);
    expect(shard.expiredUnreadByAnyApplication).toBe(25);

    // Both applications read everything; C's expiry then costs nobody anything.
    app1.seq = 60;
    app2.seq = 60;
    shard.trim(18 * S);
    expect(shard.log.trimSeq).toBe(60);
    expect(app1.expiredUnread).toBe(15);
    expect(app2.expiredUnread).toBe(25);
    expect(shard.expiredUnreadByAnyApplication).toBe(25);
  });

  it("keeps conservation per application: read + expired + unread = accepted", () => {
    const { shard, app1, app2 } = scenario();
    const read = new Map<ShardCursor, number>([
      [app1, 15],
      [app2, 5],
    ]);
    shard.trim(14 * S);
    for (const app of [app1, app2]) {
      const unread = shard.log.nextSeq - app.seq;
      expect((read.get(app) as number) + app.expiredUnread + unread).toBe(60);
    }
  });

  it("counts a record one application read and the other did not", () => {
    const { shard, app1, app2 } = scenario();
    app1.seq = 60; // app 1 has read everything
    shard.trim(14 * S); // A and B (seq 0–29) expire; app 2 had read 5 of them
    expect(app1.expiredUnread).toBe(0);
    expect(app2.expiredUnread).toBe(25);
    expect(shard.expiredUnreadByAnyApplication).toBe(25);
  });

  it("trims before accepting when a put arrives after the retention period", () => {
    const { shard, app2 } = scenario();
    // A put at 14 s trims A and B first (app 2 had read 5 of their 30 records).
    expect(shard.put(segment(5, 100, 14 * S), 14 * S)).toBe(5);
    expect(shard.log.trimSeq).toBe(30);
    expect(app2.expiredUnread).toBe(25);
    expect(shard.log.nextSeq).toBe(65);
  });

  it("never drops from memory a record some application has not read", () => {
    const { shard, app1, app2 } = scenario();
    app1.seq = 60;
    // Well inside retention, after the once-a-second release of read segments has run.
    shard.trim(2 * S);
    shard.trim(9 * S);
    let read = 0;
    const next = shard.log.read(
      app2.seq,
      10_000,
      1e12,
      9 * S,
      Number.POSITIVE_INFINITY,
      (slice) => {
        read += slice.count;
      },
    );
    expect(read).toBe(55);
    expect(next).toBe(60);
    expect(shard.log.acceptedAtUs(app2.seq)).toBe(0);
  });

  it("counts nothing when no application is registered", () => {
    const shard = makeShard(10 * S);
    shard.put(segment(10, 100, 0), 0);
    shard.trim(20 * S);
    expect(shard.expiredUnreadByAnyApplication).toBe(0);
    expect(shard.log.segmentCount).toBe(0);
    expect(shard.log.trimSeq).toBe(10);
  });

  // Segments every application has read are released from memory early (once a second);
  // retention must still move trimSeq past them when they expire.
  it("trimSeq advances past records that expired after everyone had read them", () => {
    const { shard, app1, app2 } = scenario();
    app1.seq = 60;
    app2.seq = 60;
    // Released (read by both) but still within retention: nothing is trimmed yet.
    shard.trim(9 * S);
    expect(shard.log.segmentCount).toBe(0);
    expect(shard.log.trimSeq).toBe(0);
    // Then each run goes exactly when its records have lived the retention period.
    shard.trim(10 * S);
    expect(shard.log.trimSeq).toBe(10);
    shard.trim(14 * S - 1);
    expect(shard.log.trimSeq).toBe(10);
    shard.trim(14 * S);
    expect(shard.log.trimSeq).toBe(30);
    shard.trim(18 * S);
    expect(shard.log.trimSeq).toBe(60);
    expect(app1.expiredUnread + app2.expiredUnread).toBe(0);
    expect(shard.expiredUnreadByAnyApplication).toBe(0);
  });
});

describe("Shard.put", () => {
  it("accepts the prefix the limiter admits and records it in the metrics", () => {
    const shard = makeShard(24 * 3600 * S);
    // The record bucket starts one second (1,000 records) full.
    const accepted = shard.put(segment(1500, 100, 0), 0);
    expect(accepted).toBe(1000);
    expect(shard.log.nextSeq).toBe(1000);
    const m = shard.metrics;
    expect(m.accepted).toBe(1000);
    expect(m.bytesIn).toBe(100_000);
    expect(m.throttledAttempts).toBe(500);
    expect(m.incomingRecords.values[0]).toBe(1000);
    expect(m.incomingBytes.values[0]).toBe(100_000);
    expect(m.throttledRecords.values[0]).toBe(500);
    expect(m.putPayloadUnits).toBe(1000);

    // A quarter second later 250 tokens have refilled.
    expect(shard.put(segment(400, 100, 250_000), 250_000)).toBe(250);
    expect(m.accepted).toBe(1250);
    expect(m.throttledAttempts).toBe(650);
    expect(shard.log.nextSeq).toBe(1250);

    // Nothing admitted: no log entry, no incoming bytes, all throttled.
    expect(shard.put(segment(10, 100, 250_000), 250_000)).toBe(0);
    expect(m.accepted).toBe(1250);
    expect(m.bytesIn).toBe(125_000);
    expect(m.throttledAttempts).toBe(660);
    expect(shard.log.nextSeq).toBe(1250);

    // Metrics land in the interval of the put.
    shard.put(segment(3, 100, 5 * S + 1), 5 * S + 1);
    expect(m.incomingRecords.values[5]).toBe(3);
  });

  it("bills PUT payload units as ceil(bytes per record / 25 KiB) per record", () => {
    const cases: [number, number, number][] = [
      // [records, bytes per record, units]
      [7, 1, 7],
      [3, PAYLOAD_UNIT, 3],
      [3, PAYLOAD_UNIT + 1, 6],
      [4, 5 * 1024, 4], // 5 KB = 1 unit (kinesis-facts.md §11)
      [2, 45 * 1024, 4], // 45 KB = 2 units
      [1, 1_000_000, 40], // 1 MB (10^6 bytes) = 40 units
      [2, 60_000, 6], // 60 KB: 3 units each
    ];
    for (const [records, bytesPerRecord, units] of cases) {
      const shard = makeShard(24 * 3600 * S);
      expect(shard.put(segment(records, bytesPerRecord, 0), 0)).toBe(records);
      expect(shard.metrics.putPayloadUnits).toBe(units);
      expect(shard.metrics.bytesIn).toBe(records * bytesPerRecord);
    }
  });

  it("bills only the accepted prefix", () => {
    const shard = makeShard(24 * 3600 * S);
    // 1 MiB of byte tokens holds 17 records of 60,000 bytes; each is 3 payload units.
    expect(shard.put(segment(30, 60_000, 0), 0)).toBe(17);
    expect(shard.metrics.putPayloadUnits).toBe(17 * 3);
    expect(shard.metrics.bytesIn).toBe(17 * 60_000);
    expect(shard.metrics.throttledAttempts).toBe(13);
  });
});
