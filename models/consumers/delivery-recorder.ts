import { LatencyHistogram } from "../../src/stats/latency-histogram.js";
import { TimeSeries } from "../../src/stats/time-series.js";
import { spanOfEvenlySpaced } from "../shards/segment.js";
import type { Shard } from "../shards/shard.js";
import type { LogSlice } from "../shards/shard-log.js";
import type { ConsumerContext } from "./consumer-context.js";
import { ConsumerStats } from "./consumer-settings.js";
import { KeyOrderCheck } from "./key-order-check.js";
import type { ShardReader } from "./shard-readers.js";
import { UnreadAge } from "./unread-age.js";

/**
 * The shortest age of an oldest unread record that counts as lagging: an application polling
 * once a second, or pushed to within a few hundred milliseconds, stays well under it while it
 * keeps up. The project's choice, not an AWS figure: long enough that a slow batch is not an
 * outage, short enough that a stop of a minute shows.
 */
const LAGGING_US = 10_000_000;

/** What one fetch may return. */
export interface ReadLimits {
  /** User records (what the application holds in flight). */
  readonly maxRecords: number;
  /** Kinesis records (GetRecords' `Limit`; KPL aggregates count as the records carrying them). */
  readonly maxKinesisRecords?: number;
  /** Bytes (the first record is returned whatever its size). */
  readonly maxBytes: number;
  /** Only records accepted at or before this time. */
  readonly visibleUpToUs: number;
  /** When the records reach the application (default: at the fetch). */
  readonly receivedUs?: number;
}

/**
 * What a consumer application received: counts, the latency distribution (creation by the
 * producer → receipt by the application), MillisBehindLatest over time, and — in
 * record-level runs — the per-key order check.
 */
export class DeliveryRecorder {
  readonly stats = new ConsumerStats();
  readonly latency = new LatencyHistogram();
  /** Largest MillisBehindLatest seen in each metrics interval. */
  readonly millisBehindLatest: TimeSeries;
  /** How many MillisBehindLatest readings each interval had (0: no read in it). */
  readonly lagReadings: TimeSeries;
  /**
   * Records returned to this application per interval, re-reads included: what CloudWatch
   * counts in GetRecords.Records or SubscribeToShardEvent.Records (kinesis-facts.md §10).
   */
  readonly recordsReceived: TimeSeries;
  /** The age of the oldest record the application has not read, at every instant. */
  readonly unreadAge: UnreadAge;
  private readonly keyOrder: KeyOrderCheck | undefined;
  /**
   * Segment runs: a slice's creation times are its records' places in their run, the means of
   * uniform order statistics (design.md §4), so the records were created uniformly over a span
   * one spacing wider at each end (spanOfEvenlySpaced), as enhanced fan-out's pushes take it
   * (efo/segment-push.ts). Spread between the first and last places instead, a slice's
   * latencies are squeezed inward by one mean gap between records at each end, which cut the
   * tail of a slow shard: one shard taking 10 records/s, read every second, gave p99 1,096–1,101
   * ms where record mode gives 1,139–1,143. Record-level slices carry their records' own times.
   */
  private readonly slicesArePlaces: boolean;

  /**
   * @param fetchIntervalUs how long the application waits between fetches of a shard while it
   *   keeps up (0 for pushes): it lags only when its oldest unread record is much older.
   * @param readsByGetRecords it polls with GetRecords (not enhanced fan-out).
   */
  constructor(context: ConsumerContext, fetchIntervalUs = 0, readsByGetRecords = false) {
    this.unreadAge = new UnreadAge(
      context.metricsResolutionUs,
      context.durationUs,
      context.stream.options.retentionUs,
      Math.max(LAGGING_US, 3 * fetchIntervalUs),
      readsByGetRecords,
    );
    this.millisBehindLatest = new TimeSeries(context.metricsResolutionUs, context.durationUs);
    this.lagReadings = new TimeSeries(context.metricsResolutionUs, context.durationUs);
    this.recordsReceived = new TimeSeries(context.metricsResolutionUs, context.durationUs);
    const stream = context.stream;
    this.slicesArePlaces = context.granularity === "segment";
    this.keyOrder = context.checkKeyOrder
      ? new KeyOrderCheck((shard, ancestor) =>
          stream.descendsFrom(stream.shards[shard] as Shard, stream.shards[ancestor] as Shard),
        )
      : undefined;
  }

  /**
   * Reads from the reader's cursor at `nowUs` (see {@link ReadLimits}), advances the cursor
   * and returns the records and bytes delivered (and the Kinesis records they travelled in),
   * and the MillisBehindLatest the call reports. The records reach the application at
   * `receivedUs` (a GetRecords response arrives after the call), which is what their latency
   * measures.
   */
  read(reader: ShardReader, nowUs: number, limits: ReadLimits) {
    const { maxRecords, maxBytes, visibleUpToUs } = limits;
    const receivedUs = limits.receivedUs ?? nowUs;
    const { shard, cursor } = reader;
    const fromSeq = cursor.seq;
    // Records below this were received before (a KCL failover re-reads from the checkpoint):
    // at-least-once replays, outside the per-key order check, which is about first receipt.
    const firstNewSeq = cursor.deliveredSeq;
    let records = 0;
    let bytes = 0;
    let kinesisRecords = 0;
    cursor.seq = shard.log.read(
      cursor.seq,
      maxRecords,
      maxBytes,
      visibleUpToUs,
      limits.maxKinesisRecords ?? Number.POSITIVE_INFINITY,
      (slice: LogSlice) => {
        records += slice.count;
        bytes += slice.bytes;
        kinesisRecords += slice.kinesisRecords;
        const { count } = slice;
        let { firstCreatedUs, lastCreatedUs } = slice;
        if (this.slicesArePlaces && count > 1) {
          ({ firstCreatedUs, lastCreatedUs } = spanOfEvenlySpaced(
            firstCreatedUs,
            lastCreatedUs,
            count,
          ));
        }
        this.latency.recordSpread(receivedUs - lastCreatedUs, receivedUs - firstCreatedUs, count);
        if (
          this.keyOrder !== undefined &&
          slice.keyIndex !== undefined &&
          slice.firstSeq >= firstNewSeq
        ) {
          this.keyOrder.deliver(slice.producer, slice.keyIndex, shard.index, slice.firstSeq);
        }
      },
    );
    // What this fetch could see but did not return (a capped read): the reader is behind by
    // that much, beyond what arrives after the fetch.
    reader.behindAtLastFetch = Math.max(
      0,
      shard.log.firstSeqAcceptedAfter(visibleUpToUs) - cursor.seq,
    );
    this.received(reader, nowUs, fromSeq, records, bytes);
    // MillisBehindLatest: age of the oldest record not yet delivered; 0 when caught up.
    const behindMs =
      cursor.seq < shard.log.nextSeq ? (nowUs - shard.log.acceptedAtUs(cursor.seq)) / 1000 : 0;
    this.lagReading(nowUs, behindMs);
    return { records, bytes, kinesisRecords, behindMs };
  }

  /**
   * Counts `records` (`bytes`) the reader received at `nowUs`, its cursor having moved from
   * `fromSeq` to where it is now: counters, the shard's outgoing series, and redeliveries
   * (records below what it had received before). Latencies are recorded by the caller.
   */
  received(reader: ShardReader, nowUs: number, fromSeq: number, records: number, bytes: number) {
    const { shard, cursor } = reader;
    shard.metrics.recordOutgoing(nowUs, records, bytes);
    if (records > 0) this.recordsReceived.add(nowUs, records);
    if (records > 0) reader.received = true;
    // Records below what was already received are delivered again (at-least-once).
    this.stats.redelivered += Math.max(0, Math.min(cursor.seq, cursor.deliveredSeq) - fromSeq);
    if (cursor.seq > cursor.deliveredSeq) cursor.deliveredSeq = cursor.seq;
    this.unreadAge.sync(reader, nowUs);
    this.stats.delivered += records;
    this.stats.bytesDelivered += bytes;
  }

  /**
   * A MillisBehindLatest reading at `nowUs` (a fetch's, or a push's), or `readings` of them
   * within `nowUs`'s metrics interval, `behindMs` the largest.
   */
  lagReading(nowUs: number, behindMs: number, readings = 1): void {
    this.millisBehindLatest.max(nowUs, behindMs);
    this.lagReadings.add(nowUs, readings);
    if (behindMs > this.stats.maxMillisBehindLatest) this.stats.maxMillisBehindLatest = behindMs;
  }

  /** Starts latency and lag statistics afresh (end of a warm-up); counts are kept. */
  resetStatistics(): void {
    this.latency.reset();
    this.stats.maxMillisBehindLatest = 0;
    this.unreadAge.resetMaximum();
  }
}
