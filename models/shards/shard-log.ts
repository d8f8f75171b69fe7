import { NumberBlocks } from "./number-blocks.js";
import { createdAt, interpolate, type Segment } from "./segment.js";

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

/**
 * Most spare stored segments a log keeps: a second of record-level runs at a shard's write
 * limit is 1,000; more would only hold memory after a backlog is read.
 */
const MAX_SPARE_SEGMENTS = 4096;

/**
 * Spare stored segments a log keeps whatever it let go of last. Above this the pool holds
 * what the last release or trim let go of (a reader's second of record-level runs): a pool
 * kept to 4,096 whatever was released grew to the largest burst of segments a shard ever
 * held (retried runs start segments of their own), 200 a shard by the 15th simulated minute
 * of a thousand shards at their limit, and the heap, and every write's time, grew with it.
 */
const MIN_SPARE_SEGMENTS = 64;

/** Released or trimmed entries the stored segments' array may keep before it is compacted. */
const DEAD_PREFIX_SEGMENTS = 32;

/** Whether a stored segment's density (NaN: it has none) and a run's are the same rate. */
function sameRate(stored: number, density: number | undefined): boolean {
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

/**
 * A segment as stored on a shard: a run of consecutive sequence numbers. Every field is
 * written when the log (re)uses the object for a new run (see ShardLog's spare segments).
 */
export interface StoredSegment {
  /** Sequence index of the first record (per-shard counter from 0). */
  firstSeq: number;
  count: number;
  bytes: number;
  /**
   * Kinesis records these records travel in: `count`, or fewer when KPL aggregation packs
   * several user records into one (the read limit on records counts Kinesis records).
   */
  kinesisRecords: number;
  /**
   * Creation span of the run: from the start of its first tick to the end of its last. The
   * last tick merged in is kept apart, [lastTickStartUs, lastCreatedUs] with `lastTickCount`
   * records, because readers that keep up read records soon after their tick arrives; the
   * earlier ticks' records are taken as uniform over [firstCreatedUs, lastTickStartUs]
   * (Poisson arrivals, given their number, are). Within each part record j of n lies at
   * T·(j + 1)/(n + 1) ({@link createdAt}). A record-level segment has all three times equal.
   */
  firstCreatedUs: number;
  lastTickStartUs: number;
  lastCreatedUs: number;
  lastTickCount: number;
  firstAcceptedUs: number;
  lastAcceptedUs: number;
  producer: number;
  keyIndex?: number;
  /** The producer's expected rate when its first tick was created (`Segment.density`). */
  density: number | undefined;
}

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
  private segments: StoredSegment[] = [];
  private head = 0;
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
   * Stored segments the log no longer holds (released or trimmed), kept to be filled again
   * by {@link append}. A record-level run stores an object per record, each held for about
   * as long as readers take to pass it: allocated afresh, most of them outlived a young
   * generation collection and were copied, which made an append ~4× dearer. Objects are
   * never shared outside the log (reads return slices), so reuse changes no result.
   */
  private readonly spare: StoredSegment[] = [];
  /**
   * The last stored segment, while the log holds one, mirrored here: the merge test and the
   * merge itself, made for every shard on every producer tick, then read and write only this
   * object. Across a thousand shards the last segment and the array slot that points at it
   * were two cache misses per append, half of the 1,000-shard hour's time once the heap had
   * grown. The mirror's changes reach the segment in {@link flushTail}, which every method
   * that reads or drops stored segments calls first (so while the mirror holds changes, the
   * segment is still the array's last); the arithmetic is the same, in the same order.
   */
  private tailProducer = 0;
  private tailKeyIndex: number | undefined;
  /**
   * The mirror's numbers (and the next sequence index), in a block of numbers shared with
   * the stream's other shards (number-blocks.ts): `n[o + TAIL_COUNT]` and so on. The
   * density is NaN when the segment has none; "dirty" is 1 or 0.
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
    const segment = this.segments[this.head];
    return segment === undefined ? Number.POSITIVE_INFINITY : segment.lastAcceptedUs;
  }

  /** Number of stored segments. */
  get segmentCount(): number {
    return this.segments.length - this.head;
  }

  /**
   * Stored-segment objects the log holds in memory: its stored segments, the released ones
   * its array has not dropped yet, and the spares it keeps for reuse.
   */
  get heldSegmentObjects(): number {
    return this.segments.length + this.spare.length;
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
      this.segments.length > this.head &&
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
      const spare = this.spare.pop();
      let stored: StoredSegment;
      if (spare === undefined) {
        stored = {
          firstSeq: this.n[this.o + NEXT_SEQUENCE] as number,
          count,
          bytes,
          kinesisRecords: count * recordWeight,
          firstCreatedUs,
          lastTickStartUs: firstCreatedUs,
          lastCreatedUs,
          lastTickCount: count,
          firstAcceptedUs: nowUs,
          lastAcceptedUs: nowUs,
          producer,
          // Always present (undefined for a run of many keys), so that every stored segment
          // has one shape.
          keyIndex,
          density,
        };
      } else {
        stored = spare;
        stored.firstSeq = this.n[this.o + NEXT_SEQUENCE] as number;
        stored.count = count;
        stored.bytes = bytes;
        stored.kinesisRecords = count * recordWeight;
        stored.firstCreatedUs = firstCreatedUs;
        stored.lastTickStartUs = firstCreatedUs;
        stored.lastCreatedUs = lastCreatedUs;
        stored.lastTickCount = count;
        stored.firstAcceptedUs = nowUs;
        stored.lastAcceptedUs = nowUs;
        stored.producer = producer;
        stored.keyIndex = keyIndex;
        stored.density = density;
      }
      this.segments.push(stored);
      this.mirrorTail(stored);
    }
    this.n[this.o + NEXT_SEQUENCE] = (this.n[this.o + NEXT_SEQUENCE] as number) + count;
  }

  /** Starts mirroring `stored`, just pushed as the last stored segment. */
  private mirrorTail(stored: StoredSegment): void {
    this.n[this.o + TAIL_DIRTY] = 0;
    this.n[this.o + TAIL_COUNT] = stored.count;
    this.n[this.o + TAIL_BYTES] = stored.bytes;
    this.n[this.o + TAIL_KINESIS_RECORDS] = stored.kinesisRecords;
    this.n[this.o + TAIL_LAST_TICK_START_US] = stored.lastTickStartUs;
    this.n[this.o + TAIL_LAST_CREATED_US] = stored.lastCreatedUs;
    this.n[this.o + TAIL_LAST_TICK_COUNT] = stored.lastTickCount;
    this.n[this.o + TAIL_FIRST_ACCEPTED_US] = stored.firstAcceptedUs;
    this.n[this.o + TAIL_LAST_ACCEPTED_US] = stored.lastAcceptedUs;
    this.tailProducer = stored.producer;
    this.tailKeyIndex = stored.keyIndex;
    this.n[this.o + TAIL_DENSITY] = stored.density ?? Number.NaN;
  }

  /** Writes the merges made since the last stored segment was last written into it. */
  private flushTail(): void {
    if ((this.n[this.o + TAIL_DIRTY] as number) === 0) return;
    const tail = this.segments[this.segments.length - 1] as StoredSegment;
    tail.count = this.n[this.o + TAIL_COUNT] as number;
    tail.bytes = this.n[this.o + TAIL_BYTES] as number;
    tail.kinesisRecords = this.n[this.o + TAIL_KINESIS_RECORDS] as number;
    tail.lastTickStartUs = this.n[this.o + TAIL_LAST_TICK_START_US] as number;
    tail.lastCreatedUs = this.n[this.o + TAIL_LAST_CREATED_US] as number;
    tail.lastTickCount = this.n[this.o + TAIL_LAST_TICK_COUNT] as number;
    tail.lastAcceptedUs = this.n[this.o + TAIL_LAST_ACCEPTED_US] as number;
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
    const segments = this.segments;
    for (let head = this.head; head < segments.length; head++) {
      const segment = segments[head] as StoredSegment;
      if (segment.lastAcceptedUs > cutoffUs) break;
      trimmed = segment.firstSeq + segment.count;
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
    const segments = this.segments;
    let head = this.head;
    while (head < segments.length && (segments[head] as StoredSegment).lastAcceptedUs <= cutoffUs) {
      const segment = segments[head] as StoredSegment;
      this.trimmed = segment.firstSeq + segment.count;
      this.keepSpare(segment);
      head++;
    }
    this.boundSpares(head - this.head);
    this.head = head;
    this.compact();
    return this.trimmed;
  }

  /**
   * Drops the dead prefix once it is longer than {@link DEAD_PREFIX_SEGMENTS} and than the
   * live part (each segment is moved O(1) times on average). Its entries hold their segments
   * in memory: the prefix once waited for 1,024 entries, so that a thousand shards read every
   * second held up to a thousand released segments each (by the 17th simulated minute), the
   * heap grew, and every write slowed down with it.
   */
  private compact(): void {
    const head = this.head;
    const segments = this.segments;
    if (head > DEAD_PREFIX_SEGMENTS && head * 2 > segments.length) {
      segments.copyWithin(0, head);
      segments.length -= head;
      this.head = 0;
    }
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
    const segments = this.segments;
    let head = this.head;
    while (head < segments.length) {
      const segment = segments[head] as StoredSegment;
      if (segment.firstSeq + segment.count > seq) break;
      this.rememberReleased(segment);
      this.keepSpare(segment);
      head++;
    }
    this.boundSpares(head - this.head);
    this.head = head;
    this.compact();
  }

  /** Keeps a segment the log has let go of for reuse, up to {@link MAX_SPARE_SEGMENTS}. */
  private keepSpare(segment: StoredSegment): void {
    if (this.spare.length < MAX_SPARE_SEGMENTS) this.spare.push(segment);
  }

  /**
   * After letting go of `released` segments (some): keeps no more spares than that, nor than
   * {@link MIN_SPARE_SEGMENTS} if it is more (the rest are left to the garbage collector).
   */
  private boundSpares(released: number): void {
    if (released === 0) return;
    const keep = Math.max(MIN_SPARE_SEGMENTS, released);
    if (this.spare.length > keep) this.spare.length = keep;
  }

  private rememberReleased(segment: StoredSegment): void {
    const ends = this.releasedEndSeq;
    const last = ends.length - 1;
    if (
      last >= this.releasedHead &&
      segment.lastAcceptedUs - this.releasedFirstAcceptedUs < this.releasedGranularityUs
    ) {
      ends[last] = segment.firstSeq + segment.count;
      this.releasedLastAcceptedUs[last] = segment.lastAcceptedUs;
      return;
    }
    ends.push(segment.firstSeq + segment.count);
    this.releasedLastAcceptedUs.push(segment.lastAcceptedUs);
    this.releasedFirstAcceptedUs = segment.firstAcceptedUs;
  }

  /** Acceptance time of record `seq`, interpolated within its segment. */
  acceptedAtUs(seq: number): number {
    this.flushTail();
    const segment = this.segments[this.find(seq)] as StoredSegment;
    return interpolate(
      segment.firstAcceptedUs,
      segment.lastAcceptedUs,
      seq - segment.firstSeq,
      segment.count,
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
    const segments = this.segments;
    let low = this.head;
    let high = segments.length;
    // The first stored segment whose last record was accepted after timeUs.
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((segments[mid] as StoredSegment).lastAcceptedUs > timeUs) high = mid;
      else low = mid + 1;
    }
    const segment = segments[low];
    if (segment === undefined) return this.n[this.o + NEXT_SEQUENCE] as number;
    return Math.max(this.trimmed, segment.firstSeq + countAcceptedBy(segment, 0, timeUs));
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
    let seq = fromSeq;
    let recordsLeft = maxRecords;
    let bytesLeft = maxBytes;
    let kinesisLeft = maxKinesisRecords;
    for (let index = this.find(seq); index < this.segments.length && recordsLeft > 0; index++) {
      const segment = this.segments[index] as StoredSegment;
      const perRecord = segment.bytes / segment.count;
      const earlier = segment.count - segment.lastTickCount;
      // A slice never spans the earlier ticks and the last one: each part has its own times.
      while (recordsLeft > 0 && seq < segment.firstSeq + segment.count) {
        const offset = seq - segment.firstSeq;
        const available = (offset < earlier ? earlier : segment.count) - offset;
        let take = Math.min(available, recordsLeft);
        if (perRecord > 0) {
          const byBytes = Math.floor(bytesLeft / perRecord);
          // The first record of a read is always returned, whatever its size.
          take = Math.min(take, seq === fromSeq ? Math.max(1, byBytes) : byBytes);
        }
        // GetRecords' Limit counts Kinesis records: several KPL user records share one.
        if (kinesisLeft < Number.POSITIVE_INFINITY) {
          const perKinesis = segment.count / segment.kinesisRecords;
          const byKinesis = Math.floor(kinesisLeft * perKinesis + 1e-9);
          take = Math.min(take, seq === fromSeq ? Math.max(1, byKinesis) : byKinesis);
        }
        // Records accepted after the visibility horizon are not readable yet.
        if (segment.lastAcceptedUs > visibleUpToUs) {
          take = Math.min(take, countAcceptedBy(segment, offset, visibleUpToUs));
        }
        if (take <= 0) return seq;
        const startBytes = Math.round(perRecord * offset);
        const endBytes = Math.round(perRecord * (offset + take));
        const slice: LogSlice = {
          firstSeq: seq,
          count: take,
          bytes: endBytes - startBytes,
          kinesisRecords:
            segment.kinesisRecords === segment.count
              ? take
              : (segment.kinesisRecords * take) / segment.count,
          firstCreatedUs: recordCreatedUs(segment, offset),
          lastCreatedUs: recordCreatedUs(segment, offset + take - 1),
          firstAcceptedUs: interpolate(
            segment.firstAcceptedUs,
            segment.lastAcceptedUs,
            offset,
            segment.count,
          ),
          lastAcceptedUs: interpolate(
            segment.firstAcceptedUs,
            segment.lastAcceptedUs,
            offset + take - 1,
            segment.count,
          ),
          producer: segment.producer,
          // Present on every slice (undefined for a run of many keys): one shape, no spread.
          keyIndex: segment.keyIndex,
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

  /** Index in `segments` of the stored segment holding `seq` (binary search). */
  private find(seq: number): number {
    let low = this.head;
    let high = this.segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.segments[mid] as StoredSegment).firstSeq <= seq) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

/** How many records of `segment` from `offset` on were accepted at or before `timeUs`. */
function countAcceptedBy(segment: StoredSegment, offset: number, timeUs: number): number {
  if (segment.firstAcceptedUs > timeUs) return 0;
  if (segment.lastAcceptedUs <= timeUs) return segment.count - offset;
  const span = segment.lastAcceptedUs - segment.firstAcceptedUs;
  const lastIndex = Math.floor(((timeUs - segment.firstAcceptedUs) * (segment.count - 1)) / span);
  return Math.max(0, Math.min(segment.count, lastIndex + 1) - offset);
}

/** Creation time of the record at `offset` of a stored run: in its earlier ticks or its last. */
function recordCreatedUs(segment: StoredSegment, offset: number): number {
  const earlier = segment.count - segment.lastTickCount;
  return offset < earlier
    ? createdAt(segment.firstCreatedUs, segment.lastTickStartUs, offset, earlier)
    : createdAt(
        segment.lastTickStartUs,
        segment.lastCreatedUs,
        offset - earlier,
        segment.lastTickCount,
      );
}
