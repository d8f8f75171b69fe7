import type { LimitsProfile } from "../../limits/profile.js";
import { createdAt, type Segment, segmentTail, splitSegment } from "../../shards/segment.js";
import { TokenBucket } from "../../shards/token-bucket.js";
import {
  type AggregationFraming,
  aggregateOverheadBytes,
  aggregationFraming,
} from "./kpl-aggregation.js";
import { KplLimiterQueues } from "./kpl-limiter-queue.js";
import { type AggregateOccupancy, aggregateOccupancy } from "./kpl-occupancy.js";
import type { KplSettings } from "./kpl-settings.js";

/**
 * The KPL limiter's byte bucket depth: 10 MiB, as reported for a newer KPL limiter.h
 * (`kBytesPerRecordLimit`). The limiter.h versions found (including the one the current
 * pipeline.h uses) hold at most 1 MiB of byte tokens (`kBytesPerSecLimit`): a disagreement
 * left to decide (kinesis-facts.md §8, §13).
 */
const KPL_BYTES_BUCKET_DEPTH = 10 * 1_048_576;

/** KPL-style metrics (kinesis-facts.md §8, KPL metrics.md). */
export class KplStats {
  userRecordsPut = 0;
  kinesisRecordsPut = 0;
  /** User records that outlived RecordTtl in the producer and failed as Expired. */
  expired = 0;
  /** Σ (first send − creation) over user records, for the mean buffering time. */
  bufferingUs = 0;
  bufferedRecords = 0;
  /** Times a record landed on a shard the cached shard map did not predict. */
  shardMapRefreshes = 0;
}

/** Occupancies remembered per expected arrivals per RecordMaxBufferedTime (a few rates recur). */
const OCCUPANCY_CACHE_SIZE = 4096;

/**
 * What a KPL producer adds to a plain one (kinesis-facts.md §8): user records aggregated into
 * Kinesis records per predicted shard, each flushed when its oldest record has waited
 * RecordMaxBufferedTime or when it reaches 50 KiB (see {@link aggregateOccupancy}); a
 * client-side limiter per shard at
 * RateLimit % of the shard's limits (records: 1,000 deep, as the KPL's limiter.h; bytes:
 * {@link KPL_BYTES_BUCKET_DEPTH}), which holds back what it would exceed; and records that
 * fail as Expired once they have waited RecordTtl.
 */
export class KplClient {
  readonly stats = new KplStats();
  /** What the limiter holds back, per shard, until its buckets allow (kpl-limiter-queue.ts). */
  readonly waiting = new KplLimiterQueues();
  readonly framing: AggregationFraming;
  private readonly occupancies = new Map<number, AggregateOccupancy>();
  private callsCarry = 0;
  private readonly limiters = new Map<number, { records: TokenBucket; bytes: TokenBucket }>();

  constructor(
    readonly settings: KplSettings,
    private readonly profile: LimitsProfile,
    meanDataBytes: number,
    meanKeyBytes: number,
  ) {
    this.framing = aggregationFraming(
      meanDataBytes,
      meanKeyBytes,
      settings.aggregationMaxSizeBytes,
      settings.aggregationMaxCount,
      settings.aggregation,
    );
  }

  /**
   * The aggregates' occupancy on a shard that receives `shardRecordsPerSecond` user records
   * per second from this producer (Poisson), under the KPL's flush rule.
   */
  occupancy(shardRecordsPerSecond: number): AggregateOccupancy {
    const meanArrivals =
      (Math.max(0, shardRecordsPerSecond) * this.settings.recordMaxBufferedTimeUs) / 1_000_000;
    let occupancy = this.occupancies.get(meanArrivals);
    if (occupancy === undefined) {
      const { dataBytes, keyBytes, capacity } = this.framing;
      occupancy = aggregateOccupancy(meanArrivals, capacity, (count) =>
        aggregateOverheadBytes(count, dataBytes, keyBytes),
      );
      if (this.occupancies.size >= OCCUPANCY_CACHE_SIZE) this.occupancies.clear();
      this.occupancies.set(meanArrivals, occupancy);
    }
    return occupancy;
  }

  /**
   * Segment mode: a shard's run of user records as the Kinesis records they travel in, given
   * the shard's expected rate from this producer. Kinesis records per user record and the
   * framing bytes are the rule's expectations ({@link aggregateOccupancy}): a raw single
   * record counts as one Kinesis record with no framing, an aggregate as one with its framing.
   */
  aggregate(segment: Segment, shardRecordsPerSecond: number): Segment {
    const occupancy = this.occupancy(shardRecordsPerSecond);
    const perRecord = occupancy.userRecordsPerKinesisRecord;
    if (perRecord <= 1) return segment;
    const kinesisRecords = segment.count / perRecord;
    const bytes = Math.round(
      segment.bytes + kinesisRecords * occupancy.overheadBytesPerKinesisRecord,
    );
    const recordWeight = 1 / perRecord;
    const { count, firstCreatedUs, lastCreatedUs, producer, shard, density, listed, keyIndex } =
      segment;
    // A literal, not `{ ...segment, bytes, recordWeight }`: in this V8 a spread with a key
    // added gives every object a hidden class of its own (600,000 of them, 80 MB, after 25 s of
    // a thousand-shard KPL run), and every access to such segments goes megamorphic.
    if (listed === undefined && keyIndex === undefined && segment.recordWeight === undefined) {
      return {
        count,
        bytes,
        firstCreatedUs,
        lastCreatedUs,
        producer,
        shard,
        density,
        recordWeight,
      };
    }
    return { ...segment, bytes, recordWeight };
  }

  /** Splits off the records older than RecordTtl at `nowUs`: [expired, still alive]. */
  expire(segment: Segment, nowUs: number): [number, Segment | undefined] {
    const cutoffUs = nowUs - this.settings.recordTtlUs;
    if (segment.firstCreatedUs >= cutoffUs) return [0, segment];
    if (segment.lastCreatedUs < cutoffUs) return [segment.count, undefined];
    // The first record created at or after the cutoff: solve createdAt(i) = cutoff for i, then
    // step over the rounding (at most a record either way) instead of scanning the run.
    const { firstCreatedUs, lastCreatedUs, count } = segment;
    const recordAt = (index: number) => createdAt(firstCreatedUs, lastCreatedUs, index, count);
    let expired = Math.min(
      count,
      Math.max(
        0,
        Math.ceil(
          ((cutoffUs - firstCreatedUs) * (count + 1)) / (lastCreatedUs - firstCreatedUs) - 1,
        ),
      ),
    );
    while (expired > 0 && recordAt(expired - 1) >= cutoffUs) expired--;
    while (expired < count && recordAt(expired) < cutoffUs) expired++;
    if (expired === 0) return [0, segment];
    // Every record may lie before the cutoff although the span's end does not.
    if (expired === count) return [count, undefined];
    return [expired, segmentTail(segment, expired)];
  }

  /**
   * The client-side limiter: the prefix of `segment` this producer lets itself send to the
   * shard now, and the rest it holds back.
   */
  limit(segment: Segment, nowUs: number): [Segment | undefined, Segment | undefined] {
    const limiter = this.limiterFor(segment.shard);
    const weight = segment.recordWeight ?? 1;
    const perRecordBytes = segment.bytes / segment.count;
    const byRecords = Math.floor(limiter.records.available(nowUs) / weight + 1e-9);
    const byBytes = Math.floor(limiter.bytes.available(nowUs) / perRecordBytes + 1e-9);
    const allowed = Math.max(0, Math.min(segment.count, byRecords, byBytes));
    if (allowed === 0) return [undefined, segment];
    limiter.records.take(nowUs, allowed * weight);
    limiter.bytes.take(nowUs, allowed * perRecordBytes);
    if (allowed === segment.count) return [segment, undefined];
    return splitSegment(segment, allowed);
  }

  /** When a throttled or held-back run is tried again: RecordMaxBufferedTime ÷ 2 (§8). */
  get retryDelayUs(): number {
    return Math.max(1, Math.round(this.settings.recordMaxBufferedTimeUs / 2));
  }

  /**
   * Whole PutRecords calls for a mean of `calls`: the fractions carry over, so that the
   * count follows the mean without drawing.
   */
  wholeCalls(calls: number): number {
    this.callsCarry += calls;
    const whole = Math.floor(this.callsCarry + 1e-9);
    this.callsCarry -= whole;
    return whole;
  }

  /** PutRecords calls for these Kinesis records (CollectionMaxCount, CollectionMaxSize). */
  callsFor(kinesisRecords: number, bytes: number): number {
    const { collectionMaxCount, collectionMaxSizeBytes } = this.settings;
    return Math.max(
      Math.ceil(kinesisRecords / collectionMaxCount),
      Math.ceil(bytes / collectionMaxSizeBytes),
    );
  }

  private limiterFor(shard: number) {
    let limiter = this.limiters.get(shard);
    if (limiter === undefined) {
      const factor = this.settings.rateLimitPercent / 100;
      const p = this.profile;
      limiter = {
        records: new TokenBucket(
          p.shardWriteRecordsPerSecond * factor,
          p.shardWriteRecordsPerSecond,
        ),
        bytes: new TokenBucket(p.shardWriteBytesPerSecond * factor, KPL_BYTES_BUCKET_DEPTH),
      };
      this.limiters.set(shard, limiter);
    }
    return limiter;
  }
}
