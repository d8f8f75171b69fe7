/**
 * A KPL producer's settings (`producers[].kpl`), normalized. Defaults are the KPL's
 * (kinesis-facts.md §8, default_config.properties).
 */
export interface KplSettings {
  readonly aggregation: boolean;
  readonly aggregationMaxCount: number;
  readonly aggregationMaxSizeBytes: number;
  readonly collectionMaxCount: number;
  readonly collectionMaxSizeBytes: number;
  readonly recordMaxBufferedTimeUs: number;
  readonly recordTtlUs: number;
  /** Client-side limit, percent of a shard's write limits (RateLimit, default 150). */
  readonly rateLimitPercent: number;
  readonly failIfThrottled: boolean;
  /** "none": retry after RecordMaxBufferedTime ÷ 2, as the KPL does; or the SDK's backoff. */
  readonly backoff: "none" | "exponential";
}

/**
 * The KPL's collector sends a PutRecords request early when the records buffered for one
 * predicted shard reach this many bytes, without waiting for RecordMaxBufferedTime (kinesis-facts.md §8: KPL aws/kinesis/core/collector.h). A constant of the KPL, not a setting.
 */
export const KPL_SHARD_FLUSH_BYTES = 256 * 1024;

/**
 * The KPL's default CollectionMaxCount: Kinesis records per PutRecords request
 * (kinesis-facts.md §8, default_config.properties), which is also PutRecords' own maximum.
 */
export const KPL_COLLECTION_MAX_COUNT = 500;
