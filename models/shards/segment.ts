import { US_PER_SECOND } from "../../src/engine/time-units.js";
/**
 * A segment: a run of records bound for (or stored on) one shard, the unit of flow
 * (design.md §4). Its n records were created at independent uniform times over the span
 * [firstCreatedUs, lastCreatedUs] (a producer's tick, say), and record j is taken to have been
 * created where the j-th of n such times lies on average: T·(j + 1)/(n + 1) into the span
 * ({@link createdAt}). Each carries `bytes / count` bytes, unless `listed` gives some records'
 * own sizes. A single record of a record-level run is a segment of one with both ends at its
 * creation time, and carries its key's index.
 */
export interface Segment {
  readonly count: number;
  /** Total bytes counted against limits: data blobs plus partition keys. */
  readonly bytes: number;
  readonly firstCreatedUs: number;
  readonly lastCreatedUs: number;
  /** Index of the producer that created these records. */
  readonly producer: number;
  /** Index of the shard these records route to. */
  readonly shard: number;
  /**
   * Record-level segments only: the index of the record's partition key in its producer's
   * key space (the key's name is that key space's `keyName(keyIndex)`).
   */
  readonly keyIndex?: number;
  /**
   * KPL aggregation: Kinesis records per user record (below 1: several user records share
   * one Kinesis record, which is what the shard's records limit counts). `bytes` then
   * includes the aggregation format's overhead.
   */
  readonly recordWeight?: number;
  /**
   * Segment mode: the producer's expected rate (records per second) over the tick that
   * created these records. A shard's log merges consecutive ticks into one stored segment
   * only at the same rate (shard-log.ts), since it spreads their records evenly.
   */
  readonly density?: number;
  /**
   * Segment mode, records of varying size on their way to a shard: the sizes of some records
   * (all of them, or the largest ones), so that the shard decides on each of those records by
   * its own size (models/shards/listed-admission.ts). The records not listed share the rest of
   * `bytes` evenly. Never stored in a shard's log.
   */
  readonly listed?: ListedSizes;
}

/**
 * Takes runs of records one at a time, given by their fields (a segment's), instead of as
 * segment objects: a producer's tick hands one to each shard, and most need no object.
 */
export interface RunSink {
  run(
    count: number,
    bytes: number,
    firstCreatedUs: number,
    lastCreatedUs: number,
    producer: number,
    shard: number,
    density: number,
    listed: ListedSizes | undefined,
  ): void;
}

/**
 * The segment a run given by its fields stands for (a {@link RunSink}'s arguments): a plain
 * literal in a drawn segment's field order, `listed` only when there is one, so that every
 * segment made from a run has one of two shapes.
 */
export function runSegment(
  count: number,
  bytes: number,
  firstCreatedUs: number,
  lastCreatedUs: number,
  producer: number,
  shard: number,
  density: number | undefined,
  listed?: ListedSizes,
): Segment {
  return listed === undefined
    ? { count, bytes, firstCreatedUs, lastCreatedUs, producer, shard, density }
    : { count, bytes, firstCreatedUs, lastCreatedUs, producer, shard, density, listed };
}

/** Records of a segment listed with their own sizes. */
export interface ListedSizes {
  /**
   * Positions (0-based, ascending) of the listed records in the segment; absent when every
   * record is listed, in order.
   */
  readonly at?: readonly number[];
  /** Bytes counted against limits (data blob plus partition key) of each listed record. */
  readonly bytes: readonly number[];
}

/**
 * Creation time of record `index` (0-based) of a segment of `count` records spanning
 * [firstUs, lastUs]: the mean of the index-th of `count` uniform times, T·(index + 1)/(count + 1)
 * into the span. Taking the span's ends instead would make a lone record of a tick wait the
 * whole tick rather than half of it on average.
 */
export function createdAt(firstUs: number, lastUs: number, index: number, count: number): number {
  return firstUs + Math.round(((lastUs - firstUs) * (index + 1)) / (count + 1));
}

/**
 * The span of records [from, to) of a segment of `count` records spanning [firstUs, lastUs]:
 * given where the records around them lie, those records are uniform between the (from)-th
 * and the (to + 1)-th order statistics, whose means are T·from/(n + 1) and T·(to + 1)/(n + 1)
 * into the span. So a part's records keep the creation times {@link createdAt} gave them in
 * the whole.
 */
export function creationSubSpan(
  firstUs: number,
  lastUs: number,
  from: number,
  to: number,
  count: number,
): { firstCreatedUs: number; lastCreatedUs: number } {
  const spanUs = lastUs - firstUs;
  return {
    firstCreatedUs: firstUs + Math.round((spanUs * from) / (count + 1)),
    lastCreatedUs: firstUs + Math.round((spanUs * (to + 1)) / (count + 1)),
  };
}

/**
 * The span whose {@link createdAt} times are `count` records evenly spaced from `firstUs` to
 * `lastUs` (records whose exact times are known, such as a record-level KPL aggregate's): one
 * spacing wider at each end.
 */
export function spanOfEvenlySpaced(
  firstUs: number,
  lastUs: number,
  count: number,
): { firstCreatedUs: number; lastCreatedUs: number } {
  if (count <= 1) return { firstCreatedUs: firstUs, lastCreatedUs: lastUs };
  const spacingUs = Math.round((lastUs - firstUs) / (count - 1));
  return { firstCreatedUs: firstUs - spacingUs, lastCreatedUs: lastUs + spacingUs };
}

/**
 * Time of record `index` (0-based) of `count` records evenly spread from `firstUs` to `lastUs`,
 * both ends included (acceptance times of a stored run: the first and last were accepted at
 * its ends).
 */
export function interpolate(firstUs: number, lastUs: number, index: number, count: number): number {
  if (count <= 1) return firstUs;
  return firstUs + Math.round(((lastUs - firstUs) * index) / (count - 1));
}

/**
 * Splits a segment into its first `head` records and the rest, spreading bytes and
 * creation times proportionally (listed records go with their part, at their own sizes).
 * `head` must lie in [1, count − 1]. Only segment-mode runs (several records, no key index)
 * are ever split.
 */
export function splitSegment(segment: Segment, head: number): [Segment, Segment] {
  checkSplit(segment, head);
  if (segment.listed !== undefined) return splitListed(segment, segment.listed, head);
  return [unlistedHead(segment, head), unlistedTail(segment, head)];
}

/**
 * The first `head` records of a segment, as {@link splitSegment} gives them: a shard that
 * accepts a prefix stores it without building the refused rest.
 */
export function segmentHead(segment: Segment, head: number): Segment {
  checkSplit(segment, head);
  if (segment.listed !== undefined) return splitListed(segment, segment.listed, head)[0];
  return unlistedHead(segment, head);
}

/**
 * The records of a segment after its first `head`, as {@link splitSegment} gives them: a
 * sender keeps what a shard refused without building the accepted prefix again.
 */
export function segmentTail(segment: Segment, head: number): Segment {
  checkSplit(segment, head);
  if (segment.listed !== undefined) return splitListed(segment, segment.listed, head)[1];
  return unlistedTail(segment, head);
}

function checkSplit(segment: Segment, head: number): void {
  // A part of no records would travel forever (retried, never accepted): fail loudly instead.
  if (!(head >= 1 && head < segment.count)) {
    throw new Error(`invariant violated: split of ${segment.count} records at ${head}`);
  }
}

// The parts of a segment without listed sizes are plain literals, one per shape (with or
// without a record weight), in the fields' order of a drawn segment: an object spread in a
// literal is a runtime call, and this is on the hot path of every throttle.

function unlistedHead(segment: Segment, head: number): Segment {
  const { count, bytes, firstCreatedUs, lastCreatedUs } = segment;
  return unlistedPart(
    segment,
    head,
    headBytes(bytes, head, count),
    firstCreatedUs,
    headLastCreatedUs(firstCreatedUs, lastCreatedUs, head, count),
  );
}

function unlistedTail(segment: Segment, head: number): Segment {
  const { count, bytes, firstCreatedUs, lastCreatedUs } = segment;
  return unlistedPart(
    segment,
    count - head,
    bytes - headBytes(bytes, head, count),
    tailFirstCreatedUs(firstCreatedUs, lastCreatedUs, head, count),
    lastCreatedUs,
  );
}

// The arithmetic of a split without listed sizes, on a run's fields: the write path splits a
// throttled run given by its fields (Shard.putRun, SdkTickPut) without making the whole
// segment and its two parts first.

/** Bytes of the first `head` of `count` records that share `bytes` evenly. */
export function headBytes(bytes: number, head: number, count: number): number {
  return Math.round((bytes * head) / count);
}

/** Where the creation span of the first `head` of `count` records spanning [firstUs, lastUs] ends. */
export function headLastCreatedUs(
  firstUs: number,
  lastUs: number,
  head: number,
  count: number,
): number {
  return firstUs + Math.round(((lastUs - firstUs) * (head + 1)) / (count + 1));
}

/** Where the creation span of the records after the first `head` of `count` starts. */
export function tailFirstCreatedUs(
  firstUs: number,
  lastUs: number,
  head: number,
  count: number,
): number {
  return firstUs + Math.round(((lastUs - firstUs) * head) / (count + 1));
}

/**
 * The records after the first `head` (0 ≤ head < count) of the segment {@link runSegment} makes
 * of a run without listed sizes, built from the run's fields: {@link segmentTail}'s part, or
 * with `head` 0 the run's whole segment (the formulas then give back the run's own fields).
 */
export function runTail(
  count: number,
  bytes: number,
  firstCreatedUs: number,
  lastCreatedUs: number,
  producer: number,
  shard: number,
  density: number | undefined,
  head: number,
): Segment {
  // A part of no records would travel forever (retried, never accepted): fail loudly instead.
  if (!(head >= 0 && head < count)) {
    throw new Error(`invariant violated: the records of ${count} after ${head}`);
  }
  return runSegment(
    count - head,
    bytes - headBytes(bytes, head, count),
    tailFirstCreatedUs(firstCreatedUs, lastCreatedUs, head, count),
    lastCreatedUs,
    producer,
    shard,
    density,
  );
}

function unlistedPart(
  segment: Segment,
  count: number,
  bytes: number,
  firstCreatedUs: number,
  lastCreatedUs: number,
): Segment {
  const { producer, shard, recordWeight, density } = segment;
  return recordWeight === undefined
    ? { count, bytes, firstCreatedUs, lastCreatedUs, producer, shard, density }
    : { count, bytes, firstCreatedUs, lastCreatedUs, producer, shard, recordWeight, density };
}

/** {@link splitSegment} for a segment with listed sizes. */
function splitListed(segment: Segment, listed: ListedSizes, head: number): [Segment, Segment] {
  const { count, bytes, firstCreatedUs, lastCreatedUs, producer, shard, density } = segment;
  const { at, bytes: sizes } = listed;
  // Listed records before `head`, and the bytes of the even share of the others.
  let headListed = 0;
  let headListedBytes = 0;
  let listedBytes = 0;
  for (let i = 0; i < sizes.length; i++) {
    const size = sizes[i] as number;
    listedBytes += size;
    if ((at === undefined ? i : (at[i] as number)) < head) {
      headListed++;
      headListedBytes += size;
    }
  }
  const others = count - sizes.length;
  const perOther = others > 0 ? (bytes - listedBytes) / others : 0;
  const headBytes = headListedBytes + (head - headListed) * perOther;
  const part = (from: number, to: number, partBytes: number, partListed: ListedSizes): Segment => ({
    count: to - from,
    bytes: partBytes,
    ...creationSubSpan(firstCreatedUs, lastCreatedUs, from, to, count),
    producer,
    shard,
    density,
    ...(partListed.bytes.length === 0 ? {} : { listed: partListed }),
  });
  const headPart =
    at === undefined
      ? { bytes: sizes.slice(0, head) }
      : { at: at.slice(0, headListed), bytes: sizes.slice(0, headListed) };
  const restPart =
    at === undefined
      ? { bytes: sizes.slice(head) }
      : { at: at.slice(headListed).map((p) => p - head), bytes: sizes.slice(headListed) };
  return [part(0, head, headBytes, headPart), part(head, count, bytes - headBytes, restPart)];
}

/**
 * A segment's `density`: the producer's rate in records per second when it expects
 * `expected` records over [fromUs, toUs) (a span of at least 1 µs).
 */
export function densityOver(expected: number, fromUs: number, toUs: number): number {
  return (expected * US_PER_SECOND) / Math.max(1, toUs - fromUs);
}
