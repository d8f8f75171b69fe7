import { NumberBlocks } from "./number-blocks.js";
import { RowStore } from "./row-store.js";
import { createdAt, interpolate, type Segment } from "./segment.js";
import {
  BYTES,
  COUNT,
  FIRST_ACCEPTED_US,
  FIRST_CREATED_US,
  FIRST_SEQ,
  KEY_INDEX,
  KINESIS_RECORDS,
  LAST_ACCEPTED_US,
  LAST_CREATED_US,
  LAST_TICK_COUNT,
  LAST_TICK_START_US,
  PRODUCER,
  RUN_FIELDS,
} from "./stored-runs.js";

/**
 * How close two ticks' rates (`Segment.density`) must be for a shard's log to merge them. The
 * log spreads a stored segment's earlier records evenly over their span, which holds for
 * Poisson arrivals at one rate; ticks at another rate would be smeared into the wrong part of
 * the span (a step from 500 to 4,000 records/s inside a 1 s segment put segment mode's p99
 * latency 10 % above record mode's). A rate that drifts by a relative δ across a segment of
 * span S puts interpolated creation times at most δ·S ÷ 8 off: 0.125 ms at 1e-3 and S = 1 s,
 * a hundredth of the default 10 ms tick whose records are spread evenly anyway. A daily curve
 * drifts by about 1e-4 a second and stays merged; steps, bursts, spikes and a trace's next
 * second start a new stored segment.
 */
const SAME_RATE_TOLERANCE = 1e-3;

/** Whether a stored segment's density (NaN: it has none) and a run's are the same rate. */
export function sameRate(stored: number, density: number | undefined): boolean {
  if (density === undefined) return Number.isNaN(stored);
  if (stored === density) return true;
  if (Number.isNaN(stored)) return false;
  return Math.abs(stored - density) <= SAME_RATE_TOLERANCE * Math.max(stored, density);
}

// Where the shard log's numbers lie in its block (see ShardLog's `n`).
const TAIL_COUNT = 0;
const TAIL_BYTES = 1;
const TAIL_KINESIS_RECORDS = 2;
const TAIL_LAST_TICK_START_US = 3;
const TAIL_LAST_CREATED_US = 4;
const TAIL_LAST_TICK_COUNT = 5;
const TAIL_FIRST_ACCEPTED_US = 6;
const TAIL_LAST_ACCEPTED_US = 7;
const TAIL_DENSITY = 8;
const TAIL_DIRTY = 9;
const NEXT_SEQUENCE = 10;
/** Numbers in a shard log's block. */
export const LOG_NUMBERS = 11;

/** A slice of a stored segment returned by a read. */
export interface LogSlice {
  readonly firstSeq: number;
  readonly count: number;
  readonly bytes: number;
  /** Kinesis records of the slice (fewer than `count` for KPL-aggregated records). */
  readonly kinesisRecords: number;
  readonly firstCreatedUs: number;
  readonly lastCreatedUs: number;
  readonly firstAcceptedUs: number;
  readonly lastAcceptedUs: number;
  readonly producer: number;
  readonly keyIndex?: number;
}

/**
 * A shard's log of accepted records: segments in sequence order, appended at the tail and
 * trimmed at the head by retention. Sequence indices are a per-shard counter, so they
 * increase strictly within a shard (kinesis-facts.md §4).
 *
 * Consecutive segment-mode appends from one producer within `coalesceUs` are merged into
 * one stored segment, so memory grows with (shards × duration ÷ coalesceUs), not with the
 * number of producer ticks. Only a segment whose creation span continues the last one's
 * (consecutive ticks) is merged, so that interpolated creation times stay right: a retried
 * run, created earlier, starts a stored segment of its own. Record-level segments (those
 * with a key) are never merged.
 */
export class ShardLog {
  /** The stored runs, in sequence order, a row each (fields: stored-runs.ts). */
  private readonly runs = new RowStore(RUN_FIELDS);
  private trimmed = 0;
  /**
   * Released runs (see {@link releaseBefore}): only where each ends and when its last record
   * was accepted, so that retention can still move {@link trimSeq} past them.
   */
  private readonly releasedEndSeq: number[] = [];
  private readonly releasedLastAcceptedUs: number[] = [];
  private releasedHead = 0;
  private releasedFirstAcceptedUs = 0;
  /**
   * The last stored run, while the log holds one, mirrored here: the merge test and the
   * merge itself, made for every shard on every producer tick, then read and write only these
   * numbers. Across a thousand shards each shard's last row is a cache miss per append, where
   * the mirrors of all shards lie together. The mirror's changes reach the row in
   * {@link flushTail}, which every method that reads or drops stored runs calls first (so
   * while the mirror holds changes, its run is still the last row); the arithmetic is the
   * same, in the same order.
   */
  private tailProducer = 0;
  private tailKeyIndex: number | undefined;
  /**
   * The mirror's numbers (and the next sequence index), in a block of numbers shared with
   * the stream's other shards (number-blocks.ts): `n[o + TAIL_COUNT]` and so on. The
   * density is NaN when the run has none; "dirty" is 1 or 0.
   */
  private readonly n: number[];
  private readonly o: number;

  /**
   * @param coalesceUs how long consecutive appends may share a stored segment.
   * @param releasedGranularityUs how long a run of released records may be remembered as one.
   */
  constructor(
    private readonly coalesceUs: number,
    private readonly releasedGranularityUs = coalesceUs,
    numbers: NumberBlocks = new NumberBlocks(LOG_NUMBERS),
  ) {
    const block = numbers.allocate(LOG_NUMBERS);
    this.n = block.values;
    this.o = block.offset;
  }

  /** Sequence index the next accepted record will get (= records ever appended). */
  get nextSeq(): number {
    return this.n[this.o + NEXT_SEQUENCE] as number;
  }

  /** Lowest sequence index still stored (records below it were trimmed). */
  get trimSeq(): number {
    return this.trimmed;
  }

  /**
   * Acceptance time of the last record of the oldest run still remembered (released or
   * stored), or +∞ when there is none: retention has nothing to trim before then.
   */
  get oldestLastAcceptedUs(): number {
    this.flushTail();
    if (this.releasedHead < this.releasedEndSeq.length) {
      return this.releasedLastAcceptedUs[this.releasedHead] as number;
    }
    const runs = this.runs;
    return runs.length === 0
      ? Number.POSITIVE_INFINITY
      : (runs.rows[runs.head * RUN_FIELDS + LAST_ACCEPTED_US] as number);
  }

  /** Number of stored segments. */
  get segmentCount(): number {
    return this.runs.length;
  }

  /** Stored runs the log holds memory for: its stored segments and rows kept for reuse. */
  get heldRunRows(): number {
    return this.runs.capacity;
  }

  append(segment: Segment, nowUs: number): void {
    this.appendRun(
      segment.count,
      segment.bytes,
      segment.recordWeight ?? 1,
      segment.firstCreatedUs,
      segment.lastCreatedUs,
      segment.producer,
      segment.keyIndex,
      segment.density,
      nowUs,
    );
  }

  /**
   * {@link append} of a run given by its fields: a producer's tick puts a run on every shard
   * and needs no segment object for it (see Shard.putRun).
   */
  appendRun(
    count: number,
    bytes: number,
    recordWeight: number,
    firstCreatedUs: number,
    lastCreatedUs: number,
    producer: number,
    keyIndex: number | undefined,
    density: number | undefined,
    nowUs: number,
  ): void {
    if (
      this.runs.length > 0 &&
      keyIndex === undefined &&
      this.tailKeyIndex === undefined &&
      this.tailProducer === producer &&
      nowUs - (this.n[this.o + TAIL_FIRST_ACCEPTED_US] as number) < this.coalesceUs &&
      firstCreatedUs === (this.n[this.o + TAIL_LAST_CREATED_US] as number) &&
      sameRate(this.n[this.o + TAIL_DENSITY] as number, density)
    ) {
      this.n[this.o + TAIL_COUNT] = (this.n[this.o + TAIL_COUNT] as number) + count;
      this.n[this.o + TAIL_BYTES] = (this.n[this.o + TAIL_BYTES] as number) + bytes;
      this.n[this.o + TAIL_KINESIS_RECORDS] =
        (this.n[this.o + TAIL_KINESIS_RECORDS] as number) + count * recordWeight;
      this.n[this.o + TAIL_LAST_TICK_START_US] = firstCreatedUs;
      this.n[this.o + TAIL_LAST_CREATED_US] = lastCreatedUs;
      this.n[this.o + TAIL_LAST_TICK_COUNT] = count;
      this.n[this.o + TAIL_LAST_ACCEPTED_US] = nowUs;
      this.n[this.o + TAIL_DIRTY] = 1;
    } else {
      this.flushTail();
      const runs = this.runs;
      const at = runs.appendAt();
      const rows = runs.rows;
      // The fields a merge never changes; the others are the mirror's, which flushTail writes.
      rows[at + FIRST_SEQ] = this.n[this.o + NEXT_SEQUENCE] as number;
      rows[at + FIRST_CREATED_US] = firstCreatedUs;
      rows[at + FIRST_ACCEPTED_US] = nowUs;
      rows[at + PRODUCER] = producer;
      rows[at + KEY_INDEX] = keyIndex ?? Number.NaN;
      runs.end++;
      this.mirrorTail(count, bytes, count * recordWeight, firstCreatedUs, lastCreatedUs, nowUs);
      this.tailProducer = producer;
      this.tailKeyIndex = keyIndex;
      this.n[this.o + TAIL_DENSITY] = density ?? Number.NaN;
    }
    this.n[this.o + NEXT_SEQUENCE] = (this.n[this.o + NEXT_SEQUENCE] as number) + count;
  }

  /**
   * Starts mirroring the run just appended as the last row: its numbers that merges change,
   * which reach the row in {@link flushTail} (its producer, key and density are set beside).
   */
  private mirrorTail(
    count: number,
    bytes: number,
    kinesisRecords: number,
    firstCreatedUs: number,
    lastCreatedUs: number,
    nowUs: number,
  ): void {
    const n = this.n;
    const o = this.o;
    n[o + TAIL_DIRTY] = 1;
    n[o + TAIL_COUNT] = count;
    n[o + TAIL_BYTES] = bytes;
    n[o + TAIL_KINESIS_RECORDS] = kinesisRecords;
    n[o + TAIL_LAST_TICK_START_US] = firstCreatedUs;
    n[o + TAIL_LAST_CREATED_US] = lastCreatedUs;
    n[o + TAIL_LAST_TICK_COUNT] = count;
    n[o + TAIL_FIRST_ACCEPTED_US] = nowUs;
    n[o + TAIL_LAST_ACCEPTED_US] = nowUs;
  }

  /**
   * The last stored run, just appended as a row of its own, was accepted from `firstAcceptedUs`
   * on (a window's run holds several ticks' records, window/shard-window.ts).
   */
  backdateLastRun(firstAcceptedUs: number): void {
    const runs = this.runs;
    runs.rows[(runs.end - 1) * RUN_FIELDS + FIRST_ACCEPTED_US] = firstAcceptedUs;
    this.n[this.o + TAIL_FIRST_ACCEPTED_US] = firstAcceptedUs;
  }

  /**
   * Lets no further append merge into the last stored run: a polling read has just read up to
   * the log's end. A stored run dates its records by spreading them evenly over its span, which
   * is right for a run read whole (Poisson records, given their count, are uniform), but a read
   * that starts inside a run of many ticks gets dates off by the run's count fluctuation (about
   * ±30 ms in a second at 500 records/s), which stretched the latency tail beyond what the
   * polls allow. Sealed at every poll, the runs a poller reads start where its last read ended.
   */
  sealTail(): void {
    // The merge test compares the append's time with this; −∞ fails it until the next row.
    this.n[this.o + TAIL_FIRST_ACCEPTED_US] = Number.NEGATIVE_INFINITY;
  }

  /** Writes the merges made since the last stored run was last written into its row. */
  private flushTail(): void {
    if ((this.n[this.o + TAIL_DIRTY] as number) === 0) return;
    const runs = this.runs;
    const rows = runs.rows;
    const at = (runs.end - 1) * RUN_FIELDS;
    rows[at + COUNT] = this.n[this.o + TAIL_COUNT] as number;
    rows[at + BYTES] = this.n[this.o + TAIL_BYTES] as number;
    rows[at + KINESIS_RECORDS] = this.n[this.o + TAIL_KINESIS_RECORDS] as number;
    rows[at + LAST_TICK_START_US] = this.n[this.o + TAIL_LAST_TICK_START_US] as number;
    rows[at + LAST_CREATED_US] = this.n[this.o + TAIL_LAST_CREATED_US] as number;
    rows[at + LAST_TICK_COUNT] = this.n[this.o + TAIL_LAST_TICK_COUNT] as number;
    rows[at + LAST_ACCEPTED_US] = this.n[this.o + TAIL_LAST_ACCEPTED_US] as number;
    this.n[this.o + TAIL_DIRTY] = 0;
  }

  /** What {@link trimAcceptedAtOrBefore} would return, without trimming. */
  trimSeqAfterTrimming(cutoffUs: number): number {
    this.flushTail();
    let trimmed = this.trimmed;
    const ends = this.releasedEndSeq;
    let released = this.releasedHead;
    while (
      released < ends.length &&
      (this.releasedLastAcceptedUs[released] as number) <= cutoffUs
    ) {
      trimmed = Math.max(trimmed, ends[released] as number);
      released++;
    }
    const { rows, end } = this.runs;
    for (let row = this.runs.head; row < end; row++) {
      const at = row * RUN_FIELDS;
      if ((rows[at + LAST_ACCEPTED_US] as number) > cutoffUs) break;
      trimmed = (rows[at + FIRST_SEQ] as number) + (rows[at + COUNT] as number);
    }
    return trimmed;
  }

  /**
   * Drops every segment whose last record was accepted at or before `cutoffUs` and returns
   * the new trim sequence. A segment is kept while any of its records is still inside the
   * retention window, so trimming is at most one coalescing interval late.
   */
  trimAcceptedAtOrBefore(cutoffUs: number): number {
    this.flushTail();
    // Released runs come first in sequence order.
    const ends = this.releasedEndSeq;
    while (
      this.releasedHead < ends.length &&
      (this.releasedLastAcceptedUs[this.releasedHead] as number) <= cutoffUs
    ) {
      this.trimmed = Math.max(this.trimmed, ends[this.releasedHead] as number);
      this.releasedHead++;
    }
    if (this.releasedHead > 1024 && this.releasedHead * 2 > ends.length) {
      ends.splice(0, this.releasedHead);
      this.releasedLastAcceptedUs.splice(0, this.releasedHead);
      this.releasedHead = 0;
    }
    const runs = this.runs;
    const { rows, end } = runs;
    let head = runs.head;
    while (head < end && (rows[head * RUN_FIELDS + LAST_ACCEPTED_US] as number) <= cutoffUs) {
      const at = head * RUN_FIELDS;
      this.trimmed = (rows[at + FIRST_SEQ] as number) + (rows[at + COUNT] as number);
      head++;
    }
    runs.dropBefore(head);
    return this.trimmed;
  }

  /**
   * Forgets stored segments that end at or before `seq` although retention still covers
   * them: called with the lowest position any reader may still read from, it keeps memory
   * proportional to the unread backlog instead of the retention window. What stays is where
   * each released run ends and when it was accepted, merged into runs of
   * `releasedGranularityUs`, so that {@link trimSeq} still follows retention.
   */
  releaseBefore(seq: number): void {
    this.flushTail();
    const runs = this.runs;
    const { rows, end } = runs;
    let head = runs.head;
    while (head < end) {
      const at = head * RUN_FIELDS;
      if ((rows[at + FIRST_SEQ] as number) + (rows[at + COUNT] as number) > seq) break;
      this.rememberReleased(rows, at);
      head++;
    }
    runs.dropBefore(head);
  }

  private rememberReleased(rows: Float64Array, at: number): void {
    const ends = this.releasedEndSeq;
    const last = ends.length - 1;
    const endSeq = (rows[at + FIRST_SEQ] as number) + (rows[at + COUNT] as number);
    const lastAcceptedUs = rows[at + LAST_ACCEPTED_US] as number;
    if (
      last >= this.releasedHead &&
      lastAcceptedUs - this.releasedFirstAcceptedUs < this.releasedGranularityUs
    ) {
      ends[last] = endSeq;
      this.releasedLastAcceptedUs[last] = lastAcceptedUs;
      return;
    }
    ends.push(endSeq);
    this.releasedLastAcceptedUs.push(lastAcceptedUs);
    this.releasedFirstAcceptedUs = rows[at + FIRST_ACCEPTED_US] as number;
  }

  /** Acceptance time of record `seq`, interpolated within its segment. */
  acceptedAtUs(seq: number): number {
    this.flushTail();
    if (this.runs.length === 0) {
      throw new Error(`invariant violated: acceptance time of record ${seq} of an empty log`);
    }
    const at = this.find(seq) * RUN_FIELDS;
    const rows = this.runs.rows;
    return interpolate(
      rows[at + FIRST_ACCEPTED_US] as number,
      rows[at + LAST_ACCEPTED_US] as number,
      seq - (rows[at + FIRST_SEQ] as number),
      rows[at + COUNT] as number,
    );
  }

  /**
   * The first sequence index (at or after {@link trimSeq}) of a record accepted after
   * `timeUs`, or {@link nextSeq} when there is none: where an AT_TIMESTAMP iterator for
   * `timeUs + 1 µs` points. Acceptance times are interpolated within a stored segment, as
   * reads do; in a run already released from memory the answer is the run's start (such
   * runs were read by every application, so nothing depends on it being exact).
   */
  firstSeqAcceptedAfter(timeUs: number): number {
    this.flushTail();
    const ends = this.releasedEndSeq;
    const lastAccepted = this.releasedLastAcceptedUs;
    if (this.releasedHead < ends.length && (lastAccepted[ends.length - 1] as number) > timeUs) {
      // The first released run whose last record was accepted after timeUs (binary search).
      let low = this.releasedHead;
      let high = ends.length - 1;
      while (low < high) {
        const mid = (low + high) >> 1;
        if ((lastAccepted[mid] as number) > timeUs) high = mid;
        else low = mid + 1;
      }
      return low === this.releasedHead ? this.trimmed : (ends[low - 1] as number);
    }
    const { rows, head, end } = this.runs;
    let low = head;
    let high = end;
    // The first stored run whose last record was accepted after timeUs.
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((rows[mid * RUN_FIELDS + LAST_ACCEPTED_US] as number) > timeUs) high = mid;
      else low = mid + 1;
    }
    if (low === end) return this.n[this.o + NEXT_SEQUENCE] as number;
    const at = low * RUN_FIELDS;
    return Math.max(
      this.trimmed,
      (rows[at + FIRST_SEQ] as number) + countAcceptedBy(rows, at, 0, timeUs),
    );
  }

  /**
   * Reads from `fromSeq` at most `maxRecords` records, `maxKinesisRecords` Kinesis records and
   * about `maxBytes` bytes (at least one record), only records accepted at or before
   * `visibleUpToUs`. Calls `visit` for each
   * slice in order and returns the sequence index after the last record read.
   */
  read(
    fromSeq: number,
    maxRecords: number,
    maxBytes: number,
    visibleUpToUs: number,
    maxKinesisRecords: number,
    visit: (slice: LogSlice) => void,
  ): number {
    if (fromSeq >= (this.n[this.o + NEXT_SEQUENCE] as number)) return fromSeq;
    this.flushTail();
    const { rows, end } = this.runs;
    let seq = fromSeq;
    let recordsLeft = maxRecords;
    let bytesLeft = maxBytes;
    let kinesisLeft = maxKinesisRecords;
    for (let row = this.find(seq); row < end && recordsLeft > 0; row++) {
      const at = row * RUN_FIELDS;
      const firstSeq = rows[at + FIRST_SEQ] as number;
      const count = rows[at + COUNT] as number;
      const bytes = rows[at + BYTES] as number;
      const kinesisRecords = rows[at + KINESIS_RECORDS] as number;
      const firstAcceptedUs = rows[at + FIRST_ACCEPTED_US] as number;
      const lastAcceptedUs = rows[at + LAST_ACCEPTED_US] as number;
      const keyIndex = rows[at + KEY_INDEX] as number;
      const perRecord = bytes / count;
      const earlier = count - (rows[at + LAST_TICK_COUNT] as number);
      // A slice never spans the earlier ticks and the last one: each part has its own times.
      while (recordsLeft > 0 && seq < firstSeq + count) {
        const offset = seq - firstSeq;
        const available = (offset < earlier ? earlier : count) - offset;
        let take = Math.min(available, recordsLeft);
        if (perRecord > 0) {
          const byBytes = Math.floor(bytesLeft / perRecord);
          // The first record of a read is always returned, whatever its size.
          take = Math.min(take, seq === fromSeq ? Math.max(1, byBytes) : byBytes);
        }
        // GetRecords' Limit counts Kinesis records: several KPL user records share one.
        if (kinesisLeft < Number.POSITIVE_INFINITY) {
          const perKinesis = count / kinesisRecords;
          const byKinesis = Math.floor(kinesisLeft * perKinesis + 1e-9);
          take = Math.min(take, seq === fromSeq ? Math.max(1, byKinesis) : byKinesis);
        }
        // Records accepted after the visibility horizon are not readable yet.
        if (lastAcceptedUs > visibleUpToUs) {
          take = Math.min(take, countAcceptedBy(rows, at, offset, visibleUpToUs));
        }
        if (take <= 0) return seq;
        const startBytes = Math.round(perRecord * offset);
        const endBytes = Math.round(perRecord * (offset + take));
        const slice: LogSlice = {
          firstSeq: seq,
          count: take,
          bytes: endBytes - startBytes,
          kinesisRecords: kinesisRecords === count ? take : (kinesisRecords * take) / count,
          firstCreatedUs: recordCreatedUs(rows, at, offset),
          lastCreatedUs: recordCreatedUs(rows, at, offset + take - 1),
          firstAcceptedUs: interpolate(firstAcceptedUs, lastAcceptedUs, offset, count),
          lastAcceptedUs: interpolate(firstAcceptedUs, lastAcceptedUs, offset + take - 1, count),
          producer: rows[at + PRODUCER] as number,
          // Present on every slice (undefined for a run of many keys): one shape, no spread.
          keyIndex: Number.isNaN(keyIndex) ? undefined : keyIndex,
        };
        visit(slice);
        seq += take;
        recordsLeft -= take;
        bytesLeft -= slice.bytes;
        kinesisLeft -= slice.kinesisRecords;
        if (take < available) return seq;
      }
    }
    return seq;
  }

  /**
   * Row of the stored run holding `seq` (binary search); the first live row for a `seq`
   * before it, and `end` when the log stores none.
   */
  private find(seq: number): number {
    const { rows, head, end } = this.runs;
    let low = head;
    let high = end - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((rows[mid * RUN_FIELDS + FIRST_SEQ] as number) <= seq) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

/**
 * How many records of the stored run at `at` from `offset` on were accepted at or before
 * `timeUs`.
 */
function countAcceptedBy(rows: Float64Array, at: number, offset: number, timeUs: number): number {
  const firstAcceptedUs = rows[at + FIRST_ACCEPTED_US] as number;
  const lastAcceptedUs = rows[at + LAST_ACCEPTED_US] as number;
  const count = rows[at + COUNT] as number;
  if (firstAcceptedUs > timeUs) return 0;
  if (lastAcceptedUs <= timeUs) return count - offset;
  const span = lastAcceptedUs - firstAcceptedUs;
  const lastIndex = Math.floor(((timeUs - firstAcceptedUs) * (count - 1)) / span);
  return Math.max(0, Math.min(count, lastIndex + 1) - offset);
}

/**
 * Creation time of the record at `offset` of the stored run at `at`: in its earlier ticks or
 * its last.
 */
function recordCreatedUs(rows: Float64Array, at: number, offset: number): number {
  const count = rows[at + COUNT] as number;
  const lastTickCount = rows[at + LAST_TICK_COUNT] as number;
  const firstCreatedUs = rows[at + FIRST_CREATED_US] as number;
  const lastTickStartUs = rows[at + LAST_TICK_START_US] as number;
  const earlier = count - lastTickCount;
  return offset < earlier
    ? createdAt(firstCreatedUs, lastTickStartUs, offset, earlier)
    : createdAt(
        lastTickStartUs,
        rows[at + LAST_CREATED_US] as number,
        offset - earlier,
        lastTickCount,
      );
}
