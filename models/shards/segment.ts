/**
 * A segment: a run of records bound for (or stored on) one shard, the unit of flow
 * (design.md §4). Records inside a segment are evenly spread: record j of n was
 * created at `firstCreatedUs + (lastCreatedUs − firstCreatedUs)·j/(n−1)` and carries
 * `bytes / count` bytes. A single record is a segment of one and carries its key's index.
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
}

/** Creation time of record `index` (0-based) of a run of `count` records. */
export function interpolate(firstUs: number, lastUs: number, index: number, count: number): number {
  if (count <= 1) return firstUs;
  return firstUs + Math.round(((lastUs - firstUs) * index) / (count - 1));
}

/**
 * Splits a segment into its first `head` records and the rest, spreading bytes and
 * creation times proportionally. `head` must lie in [1, count − 1]. Only segment-mode runs
 * (several records, no key index) are ever split.
 */
export function splitSegment(segment: Segment, head: number): [Segment, Segment] {
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
