import type { AggregateOccupancy } from "./kpl-occupancy.js";

/** One shard's part of a segment-mode tick: its user records, rate and aggregates. */
export interface ShardTick {
  readonly userRecords: number;
  /** The shard's expected user records per second from this producer. */
  readonly recordsPerSecond: number;
  readonly occupancy: AggregateOccupancy;
}

/** The Kinesis records per second every open shard sends the collector: Λ = Σ r_i, and Σ r_i². */
export interface CollectorLoad {
  readonly kinesisRecordsPerSecond: number;
  readonly sumOfSquares: number;
}

/**
 * The collector's load from shards receiving `recordsPerSecond` × their share each, r_i =
 * λ_i / E[X_i] (all open shards, whether or not this tick gave them records).
 */
export function collectorLoad(
  recordsPerSecond: number,
  shares: Float64Array,
  userRecordsPerKinesisRecord: (shardRecordsPerSecond: number) => number,
): CollectorLoad {
  let kinesisRecordsPerSecond = 0;
  let sumOfSquares = 0;
  for (const share of shares) {
    if (!(share > 0)) continue;
    const lambda = recordsPerSecond * share;
    const rate = lambda / userRecordsPerKinesisRecord(lambda);
    kinesisRecordsPerSecond += rate;
    sumOfSquares += rate * rate;
  }
  return { kinesisRecordsPerSecond, sumOfSquares };
}

/** When a segment-mode tick's Kinesis records leave, and in how many PutRecords requests. */
export interface TickTiming {
  /** How long after the tick the KPL sends them (µs). */
  readonly sendDelayUs: number;
  /** PutRecords requests they make (a mean, not a whole number). */
  readonly calls: number;
}

/**
 * Segment mode: when the records of a tick leave the KPL and in how many requests, from the
 * flush rule (kinesis-facts.md §8), so that the mean buffering time and the request count
 * match record mode's exact aggregator and collector.
 *
 * Waiting. A tick of length τ sends its records at its end: they waited τ/2 on average. Under
 * the rule (τ = T, no early 256 KiB flush), an aggregate opens with one record, which waits
 * T, and collects the μ = λT that follow, which wait T/2 on average: (T + μT/2)/(1 + μ) per
 * record, T/2 + (T/2)/(1 + μ). A Kinesis record flushed by its deadline then waits in the
 * collector `lingerUs` (L) more when it opens a request; others joining that request wait
 * L/2 on average. A request opened by shard i is joined by J = L·Σ_{j≠i} r_j Kinesis records
 * of other shards (r_j their rate, each at most one: r_j·L ≤ L/T ≤ 0.2), J = L(Λ − Σ r²/Λ)
 * with the opener drawn by rate; so a deadline-flushed Kinesis record waits L(1 + J/2)/(1 + J).
 * User records in full aggregates (share K·P(X = K)/E[X]) wait for their deadline instead,
 * which the tick's T/2 already counts. When the 256 KiB flush shortens the tick, the collector sends as the tick
 * does and nothing is added.
 *
 * Requests. Deadline-flushed Kinesis records go 1 + J to a request (at most
 * CollectionMaxCount); full ones collect until the earliest deadline or 256 KiB, so a tick's
 * full aggregates share requests of up to CollectionMaxCount.
 */
export function tickTiming(
  shards: readonly ShardTick[],
  load: CollectorLoad,
  tickUs: number,
  recordMaxBufferedTimeUs: number,
  lingerUs: number,
  collectionMaxCount: number,
): TickTiming {
  const { kinesisRecordsPerSecond: kinesisRatePerSecond, sumOfSquares: sumSquares } = load;
  let timedKinesisRecords = 0;
  let fullKinesisRecords = 0;
  for (const shard of shards) {
    const kinesisRecords = shard.userRecords / shard.occupancy.userRecordsPerKinesisRecord;
    timedKinesisRecords += kinesisRecords * (1 - shard.occupancy.fullShare);
    fullKinesisRecords += kinesisRecords * shard.occupancy.fullShare;
  }
  const joiners =
    kinesisRatePerSecond > 0
      ? (lingerUs / 1_000_000) * (kinesisRatePerSecond - sumSquares / kinesisRatePerSecond)
      : 0;
  const perRequest = Math.min(collectionMaxCount, 1 + joiners);
  const calls =
    timedKinesisRecords / perRequest + Math.ceil(fullKinesisRecords / collectionMaxCount - 1e-9);
  if (tickUs < recordMaxBufferedTimeUs) return { sendDelayUs: 0, calls };
  const collectorWaitUs = (lingerUs * (1 + joiners / 2)) / (1 + joiners);
  let records = 0;
  let extraUs = 0;
  for (const shard of shards) {
    const mu = (shard.recordsPerSecond * recordMaxBufferedTimeUs) / 1_000_000;
    const timedUserShare = 1 - shard.occupancy.fullUserShare;
    records += shard.userRecords;
    extraUs +=
      shard.userRecords *
      timedUserShare *
      (recordMaxBufferedTimeUs / 2 / (1 + mu) + collectorWaitUs);
  }
  return { sendDelayUs: records > 0 ? Math.round(extraUs / records) : 0, calls };
}
