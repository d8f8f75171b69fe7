import type { ShardRouter } from "../../hashing/shard-router.js";
import type { RunSink, Segment } from "../../shards/segment.js";
import type { Shard } from "../../shards/shard.js";
import type { KeyShares } from "./key-shares.js";

/** A record-mode record: its key (an index into the producer's key space) and data-blob size. */
export interface SourceRecord {
  keyIndex: number;
  sizeBytes: number;
}

/** Records drawn too large for the stream, per shard index. */
export type OversizeCounts = readonly { shard: number; records: number }[];

/**
 * Where a producer's records come from: drawn from its rate, keys and sizes (drawn-source.ts)
 * or replayed from a trace (trace-source.ts). Either one answers in both granularities:
 * segment mode asks what was created between two instants, record mode when the next record
 * comes and then for that record. What happens to the records next is the sender's business
 * (senders/producer-sender.ts), so a source never asks which sender it feeds.
 */
export interface ProducerSource {
  /** Where the source's keys put records among the open shards (rerouting after a reshard, the KPL's shares). */
  readonly shares: KeyShares;
  /**
   * Segment mode: the records created in [fromUs, toUs), one segment per open shard that
   * gets any, each counted in the producer's observed keys. Records too large for the stream
   * are left out and counted for `takeOversize`.
   */
  segmentsBetween(router: ShardRouter<Shard>, fromUs: number, toUs: number): Segment[];
  /**
   * Segment mode, where the source can: {@link segmentsBetween}'s records handed to `sink`
   * run by run instead of as segments; returns how many records.
   */
  runsBetween?(router: ShardRouter<Shard>, fromUs: number, toUs: number, sink: RunSink): number;
  /** Segment mode: the records left out as too large since the last call; resets. */
  takeOversize(): OversizeCounts;
  /**
   * Record mode: the next record after `nowUs`, as a time, or as a delay from now when
   * `relative`; -1 when no record will come any more. When `arrives` is false the answer is
   * only a time to ask again (a rate of zero).
   */
  nextArrival(nowUs: number): number;
  /** Whether the last `nextArrival` was a delay rather than a time. */
  readonly relative: boolean;
  /** Whether the last `nextArrival` was a record rather than a time to ask again. */
  readonly arrives: boolean;
  /** Record mode: the record arriving now (the object is reused: read it before asking again). */
  take(nowUs: number): SourceRecord;
}
