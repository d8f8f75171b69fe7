/**
 * A segment: a run of records bound for (or stored on) one shard, the unit of flow
 * (design.md §4). Records inside a segment are evenly spread: record j of n was
 * created at `firstCreatedUs + (lastCreatedUs − firstCreatedUs)·j/(n−1)` and carries
 * `bytes / count` bytes, unless `listed` gives some records' own sizes. A single record is
 * a segment of one and carries its key's index.
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
   * Segment mode, records of varying size on their way to a shard: the sizes of some records
   * (all of them, or the largest ones), so that the shard decides on each of those records by
   * its own size (models/shards/listed-admission.ts). The records not listed share the rest of
   * `bytes` evenly. Never stored in a shard's log.
   */
  readonly listed?: ListedSizes;
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

/** Creation time of record `index` (0-based) of a run of `count` records. */
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
  if (segment.listed !== undefined) return splitListed(segment, segment.listed, head);
  const { count, bytes, firstCreatedUs, lastCreatedUs, producer, shard, recordWeight } = segment;
  const weight = recordWeight === undefined ? {} : { recordWeight };
  const headBytes = Math.round((bytes * head) / count);
  // Plain literals rather than object spread: this is on the hot path of every throttle.
  const first: Segment = {
    count: head,
    bytes: headBytes,
    firstCreatedUs,
    lastCreatedUs: interpolate(firstCreatedUs, lastCreatedUs, head - 1, count),
    producer,
    shard,
    ...weight,
  };
  const rest: Segment = {
    count: count - head,
    bytes: bytes - headBytes,
    firstCreatedUs: interpolate(firstCreatedUs, lastCreatedUs, head, count),
    lastCreatedUs,
    producer,
    shard,
    ...weight,
  };
  return [first, rest];
}

/** {@link splitSegment} for a segment with listed sizes. */
function splitListed(segment: Segment, listed: ListedSizes, head: number): [Segment, Segment] {
  const { count, bytes, firstCreatedUs, lastCreatedUs, producer, shard } = segment;
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
    firstCreatedUs: interpolate(firstCreatedUs, lastCreatedUs, from, count),
    lastCreatedUs: interpolate(firstCreatedUs, lastCreatedUs, to - 1, count),
    producer,
    shard,
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
