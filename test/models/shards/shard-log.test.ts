import { describe, expect, it } from "vitest";
import {
  createdAt,
  headBytes,
  headLastCreatedUs,
  runSegment,
  runTail,
  type Segment,
  segmentHead,
  segmentTail,
  splitSegment,
} from "../../../models/shards/segment.js";
import { type LogSlice, ShardLog } from "../../../models/shards/shard-log.js";

function segment(count: number, createdUs: number, extra: Partial<Segment> = {}): Segment {
  return {
    count,
    bytes: count * 100,
    firstCreatedUs: createdUs,
    lastCreatedUs: createdUs,
    producer: 0,
    shard: 0,
    ...extra,
  };
}

function readAll(
  log: ShardLog,
  from: number,
  maxRecords = 10_000,
  maxBytes = 1e12,
  visible = Number.MAX_SAFE_INTEGER,
  maxKinesis = Number.POSITIVE_INFINITY,
) {
  const slices: LogSlice[] = [];
  const next = log.read(from, maxRecords, maxBytes, visible, maxKinesis, (slice) =>
    slices.push(slice),
  );
  return { next, slices };
}

describe("ShardLog", () => {
  it("assigns consecutive sequence indices and coalesces consecutive ticks within the window", () => {
    const log = new ShardLog(1_000_000);
    const tick = (count: number, fromUs: number, toUs: number) => ({
      ...segment(count, fromUs),
      lastCreatedUs: toUs,
    });
    log.append(tick(10, 0, 10), 0);
    log.append(tick(5, 10, 20), 500_000);
    log.append(tick(5, 20, 30), 1_200_000);
    expect(log.nextSeq).toBe(20);
    expect(log.segmentCount).toBe(2);
  });

  it("does not coalesce a run whose creation span does not continue the last one (a retry)", () => {
    const log = new ShardLog(1_000_000);
    log.append({ ...segment(10, 100), lastCreatedUs: 200 }, 0);
    log.append({ ...segment(3, 0), lastCreatedUs: 50 }, 10);
    log.append({ ...segment(10, 200), lastCreatedUs: 300 }, 20);
    expect(log.segmentCount).toBe(3);
  });

  it("holds memory for what it stores and last released, not for its largest burst", () => {
    const log = new ShardLog(1_000_000);
    let nowUs = 0;
    // Record-level runs (one per key) are never merged: each is a stored segment.
    const burst = (records: number) => {
      for (let i = 0; i < records; i++) {
        nowUs += 10;
        log.append(segment(1, nowUs, { keyIndex: i }), nowUs);
      }
    };
    burst(3000);
    log.releaseBefore(log.nextSeq);
    // A reader's second later: a few runs a second, each second's released once read.
    for (let second = 0; second < 200; second++) {
      burst(3);
      log.releaseBefore(log.nextSeq - 1);
    }
    expect(log.segmentCount).toBe(1);
    // The 4,096 rows the burst needed were given back: the store is down to its least.
    expect(log.heldRunRows).toBe(64);
    // Segments in reused rows read as their own records.
    burst(2);
    const { slices } = readAll(log, log.nextSeq - 3);
    expect(slices.map((slice) => [slice.count, slice.keyIndex])).toEqual([
      [1, 2],
      [1, 0],
      [1, 1],
    ]);
    expect(slices.map((slice) => slice.firstCreatedUs)).toEqual([nowUs - 20, nowUs - 10, nowUs]);
  });

  it("never coalesces record-level segments", () => {
    const log = new ShardLog(1_000_000);
    log.append(segment(1, 0, { keyIndex: 0 }), 0);
    log.append(segment(1, 0, { keyIndex: 0 }), 0);
    expect(log.segmentCount).toBe(2);
  });

  it("reads at most maxRecords and maxBytes, from any offset inside a segment", () => {
    const log = new ShardLog(0);
    log.append(segment(10, 0), 0);
    log.append(segment(10, 0), 1);
    const first = readAll(log, 3, 12);
    expect(first.next).toBe(15);
    expect(first.slices.map((s) => s.count)).toEqual([7, 5]);
    const byBytes = readAll(log, 0, 10_000, 550);
    expect(byBytes.next).toBe(5);
  });

  it("always returns the first record even when it is larger than maxBytes", () => {
    const log = new ShardLog(0);
    log.append(segment(2, 0), 0);
    expect(readAll(log, 0, 10, 1).next).toBe(1);
  });

  it("hides records accepted after the visibility horizon", () => {
    const log = new ShardLog(0);
    log.append(segment(4, 0), 100);
    log.append(segment(4, 0), 200);
    expect(readAll(log, 0, 100, 1e12, 150).next).toBe(4);
  });

  it("trims whole segments accepted at or before the cutoff", () => {
    const log = new ShardLog(0);
    log.append(segment(3, 0), 100);
    log.append(segment(4, 0), 200);
    expect(log.trimAcceptedAtOrBefore(99)).toBe(0);
    expect(log.trimAcceptedAtOrBefore(100)).toBe(3);
    expect(log.trimAcceptedAtOrBefore(1000)).toBe(7);
    expect(log.segmentCount).toBe(0);
    expect(readAll(log, 7).next).toBe(7);
  });

  it("finds the first record accepted after a time (AT_TIMESTAMP), also among released runs", () => {
    // Record-level appends (coalescing 0): record i accepted at 100·(i + 1) µs.
    const log = new ShardLog(0, 0);
    for (let i = 0; i < 10; i++) log.append(segment(1, 0, { keyIndex: i }), 100 * (i + 1));
    expect(log.firstSeqAcceptedAfter(0)).toBe(0);
    expect(log.firstSeqAcceptedAfter(100)).toBe(1);
    expect(log.firstSeqAcceptedAfter(450)).toBe(4);
    expect(log.firstSeqAcceptedAfter(1000)).toBe(10);
    // Released from memory (read by everyone), the answer stays where the run starts.
    log.releaseBefore(6);
    expect(log.firstSeqAcceptedAfter(250)).toBe(2);
    expect(log.firstSeqAcceptedAfter(650)).toBe(6);
    // Trimmed records are never returned: the trim horizon instead.
    log.trimAcceptedAtOrBefore(300);
    expect(log.firstSeqAcceptedAfter(0)).toBe(3);
  });

  it("counts Kinesis records of KPL-aggregated segments in reads", () => {
    const log = new ShardLog(1_000_000);
    log.append({ ...segment(400, 0), recordWeight: 0.01 }, 0);
    const { slices } = readAll(log, 0, 100);
    expect(slices[0]?.count).toBe(100);
    expect(slices[0]?.kinesisRecords).toBeCloseTo(1, 9);
  });

  it("merges consecutive ticks and keeps the last tick's creation times exact", () => {
    const log = new ShardLog(10_000_000);
    // Three ticks, spans [0, 500] (4 records), [500, 1000] (5) and [1000, 1600] (5).
    log.append({ ...segment(4, 0), firstCreatedUs: 0, lastCreatedUs: 500 }, 500);
    log.append({ ...segment(5, 0), firstCreatedUs: 500, lastCreatedUs: 1000 }, 1000);
    log.append({ ...segment(5, 0), firstCreatedUs: 1000, lastCreatedUs: 1600 }, 1600);
    expect(log.segmentCount).toBe(1);
    // The last tick's records lie at 1000 + 600·(j + 1)/6; the 9 earlier ones are uniform
    // over [0, 1000], at 1000·(j + 1)/10. A read from record 7 gets two slices, one per part.
    const { slices } = readAll(log, 7, 7);
    expect(slices.map((s) => [s.count, s.firstCreatedUs, s.lastCreatedUs])).toEqual([
      [2, 800, 900],
      [5, 1100, 1500],
    ]);
  });

  it("does not merge a tick that does not continue the last one (a gap, or a retried run)", () => {
    const log = new ShardLog(10_000_000);
    log.append({ ...segment(5, 0), firstCreatedUs: 0, lastCreatedUs: 500 }, 500);
    log.append({ ...segment(5, 0), firstCreatedUs: 600, lastCreatedUs: 1000 }, 1000);
    log.append({ ...segment(5, 0), firstCreatedUs: 200, lastCreatedUs: 500 }, 1100);
    expect(log.segmentCount).toBe(3);
  });

  it("takes a lone record of a tick as created half-way through it", () => {
    const log = new ShardLog(10_000_000);
    log.append({ ...segment(1, 0), firstCreatedUs: 1000, lastCreatedUs: 2000 }, 2000);
    const { slices } = readAll(log, 0, 1);
    expect(slices[0]?.firstCreatedUs).toBe(1500);
  });

  it("reads a record-level segment at its own creation time", () => {
    const log = new ShardLog(0);
    log.append({ ...segment(1, 0), firstCreatedUs: 1234, lastCreatedUs: 1234 }, 2000);
    const { slices } = readAll(log, 0, 1);
    expect(slices[0]?.firstCreatedUs).toBe(1234);
  });
});

describe("splitSegment", () => {
  it("keeps counts, bytes, and every record's creation time", () => {
    const whole = { ...segment(10, 0), firstCreatedUs: 0, lastCreatedUs: 1100 };
    const [head, rest] = splitSegment(whole, 4);
    expect(head.count + rest.count).toBe(10);
    expect(head.bytes + rest.bytes).toBe(1000);
    // Record j of the whole lies at 1100·(j + 1)/11 = 100·(j + 1); the parts keep that.
    const at = (s: typeof whole, j: number) =>
      createdAt(s.firstCreatedUs, s.lastCreatedUs, j, s.count);
    for (let j = 0; j < 4; j++) expect(at(head, j)).toBe(100 * (j + 1));
    for (let j = 0; j < 6; j++) expect(at(rest, j)).toBe(100 * (j + 5));
    expect(rest.lastCreatedUs).toBe(1100);
  });
});

describe("segmentHead and segmentTail", () => {
  const base = {
    count: 7,
    bytes: 7001,
    firstCreatedUs: 10,
    lastCreatedUs: 813,
    producer: 2,
    shard: 5,
  };
  const shapes: Segment[] = [
    { ...base, density: 300 },
    { ...base, recordWeight: 0.25, density: 300 },
    { ...base, density: undefined },
    { ...base, density: 300, listed: { bytes: [1000, 1, 1000, 2000, 1000, 1000, 1000] } },
    { ...base, density: 300, listed: { at: [1, 5], bytes: [3, 2000] } },
  ];

  it("are splitSegment's two parts, field for field and in the same order, at every cut", () => {
    for (const whole of shapes) {
      for (let head = 1; head < whole.count; head++) {
        const [first, rest] = splitSegment(whole, head);
        expect(segmentHead(whole, head)).toStrictEqual(first);
        expect(segmentTail(whole, head)).toStrictEqual(rest);
        expect(Object.keys(segmentHead(whole, head))).toEqual(Object.keys(first));
        expect(Object.keys(segmentTail(whole, head))).toEqual(Object.keys(rest));
      }
    }
  });

  it("keep a drawn segment's field order, so that parts share its shape", () => {
    const drawn = shapes[0] as Segment;
    expect(Object.keys(segmentHead(drawn, 3))).toEqual(Object.keys(drawn));
    expect(Object.keys(segmentTail(drawn, 3))).toEqual(Object.keys(drawn));
  });

  it("refuse an empty part, as splitSegment does", () => {
    const whole = shapes[0] as Segment;
    expect(() => segmentHead(whole, 0)).toThrow(/invariant violated/);
    expect(() => segmentTail(whole, 7)).toThrow(/invariant violated/);
  });
});

describe("a run's split from its fields", () => {
  // Odd counts, bytes and spans, so that every rounding in the split is exercised.
  const runs = [
    [7, 7001, 10, 813, 2, 5, 300],
    [2, 3, 0, 1, 0, 0, undefined],
    [1000, 1_006_000, 123_456_789, 123_466_789, 1, 999, 1e6 / 3],
  ] as const;

  it("cuts what segmentHead and segmentTail cut from the run's segment, at every cut", () => {
    for (const [count, bytes, first, last, producer, shard, density] of runs) {
      const whole = runSegment(count, bytes, first, last, producer, shard, density);
      for (let head = 1; head < count; head++) {
        const expectedHead = segmentHead(whole, head);
        expect(headBytes(bytes, head, count)).toBe(expectedHead.bytes);
        expect(headLastCreatedUs(first, last, head, count)).toBe(expectedHead.lastCreatedUs);
        const tail = runTail(count, bytes, first, last, producer, shard, density, head);
        expect(tail).toStrictEqual(segmentTail(whole, head));
        expect(Object.keys(tail)).toEqual(Object.keys(segmentTail(whole, head)));
      }
    }
  });

  it("gives the run's whole segment after no record, and refuses an empty part", () => {
    for (const [count, bytes, first, last, producer, shard, density] of runs) {
      const whole = runSegment(count, bytes, first, last, producer, shard, density);
      const tail = runTail(count, bytes, first, last, producer, shard, density, 0);
      expect(tail).toStrictEqual(whole);
      expect(Object.keys(tail)).toEqual(Object.keys(whole));
    }
    expect(() => runTail(5, 500, 0, 10, 0, 0, 1, 5)).toThrow(/invariant violated/);
  });
});
