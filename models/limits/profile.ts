import { US_PER_HOUR } from "../../src/engine/time-units.js";

/**
 * A limits profile: every Kinesis number the models use, in one named, versioned object
 * (design.md §7). Model code never hard-codes a Kinesis number; it reads it here.
 * Each field cites its section of `docs/kinesis-facts.md`, where every figure has the AWS
 * page it comes from. Fields marked UNCONFIRMED there are modelling assumptions and say so.
 */
export interface LimitsProfile {
  /** Profile name and version, echoed in results. */
  readonly name: string;

  // --- Write path (kinesis-facts.md §1) ---
  /** Per-shard write bytes per second, partition keys included (§1: "1 MB/s"; API: MiB). */
  readonly shardWriteBytesPerSecond: number;
  /** Per-shard write records per second (§1: 1,000 records/s). */
  readonly shardWriteRecordsPerSecond: number;
  /** Token-bucket depth in seconds of capacity. UNCONFIRMED (§1, §13): assumed 1 s. */
  readonly ingressBucketDepthSeconds: number;
  /**
   * Depth of a shard's byte bucket when its stream takes records above 1 MiB (a max record
   * size raised with UpdateMaxRecordSize, `stream.maxRecordSize`). UNCONFIRMED (§1, §13): the
   * large-records page says the 1 MiB/s sustained rate is unchanged and a shard takes large
   * records by "temporarily bursting beyond its sustained write throughput", like "a tank
   * that refills at a steady rate", and "bursts up to 10 MiBs, while averaging out to 1 MiB
   * per second"; the tank's size is not published otherwise. Assumed 10 MiB, the burst the
   * page names. Whatever this says, a byte bucket is never shallower than one record of the
   * stream's max record size (else such a record could never be accepted).
   */
  readonly largeRecordBurstBytes: number;
  /** Records per PutRecords request (§1: ≤500). */
  readonly putRecordsMaxRecords: number;
  /** Bytes per PutRecords request, partition keys included (§1: 10 MiB, formerly 5 MiB). */
  readonly putRecordsMaxBytes: number;
  /**
   * Largest record, data blob plus partition key (§1: 1 MiB by default). A stream's own
   * `stream.maxRecordSize` (UpdateMaxRecordSize) replaces it for that stream.
   */
  readonly maxRecordBytes: number;
  /** Smallest max record size UpdateMaxRecordSize accepts (§1: MaxRecordSizeInKiB ≥ 1024). */
  readonly updateMaxRecordSizeMinBytes: number;
  /** Largest max record size UpdateMaxRecordSize accepts (§1: MaxRecordSizeInKiB ≤ 10240). */
  readonly updateMaxRecordSizeMaxBytes: number;
  /** Longest partition key in characters (§1: 256). */
  readonly partitionKeyMaxChars: number;

  // --- Read path, shared-throughput consumers (kinesis-facts.md §2) ---
  /** Per-shard read bytes per second shared by all polling applications (§2: 2 MB/s). */
  readonly shardReadBytesPerSecond: number;
  /** GetRecords calls per second per shard, all applications together (§2: 5). */
  readonly shardReadCallsPerSecond: number;
  /**
   * Per-shard read records per second shared by all polling applications (§2: the quotas
   * page's "2 MB/sec or 2,000 records/sec" read throughput), counted in Kinesis records.
   * How it is enforced is not documented (§13): kinesim assumes a token bucket that a
   * GetRecords call may overdraw (a call may return up to 10,000 records), and the shard
   * refuses GetRecords while the balance is negative.
   */
  readonly shardReadRecordsPerSecond: number;
  /**
   * Depth of that bucket in seconds of the rate. UNCONFIRMED (§13): assumed 1 s, as the
   * write buckets; from a full bucket a 10,000-record read blocks the shard for 4 s.
   */
  readonly shardReadRecordsBucketDepthSeconds: number;
  /** Records returned by one GetRecords call at most (§2: 10,000). */
  readonly getRecordsMaxRecords: number;
  /** Bytes returned by one GetRecords call at most (§2: 10 MB). */
  readonly getRecordsMaxBytes: number;
  /**
   * Delay before an accepted record is visible to GetRecords (§2: AWS says records can be
   * read immediately after they are written): 0.
   */
  readonly getRecordsVisibilityDelayUs: number;
  /**
   * Mean time from a GetRecords call to its response reaching the application: the records
   * the call saw arrive this much later, and the application's next call waits for it.
   * UNCONFIRMED (§2, §13: AWS publishes no GetRecords latency, only the CloudWatch metric):
   * 70 ms, the documented average of enhanced fan-out (§3), the service's time to get a
   * record to a connected client, taken as the time a GetRecords response takes to carry
   * records the same way. With it the documented polling averages follow (§2: ~200 ms with
   * one application polling as often as a shard allows, ~1 s with five).
   */
  readonly getRecordsResponseTimeUs: number;
  /**
   * Spread of the GetRecords response time: each call's is uniform within ± this fraction of
   * the mean. UNCONFIRMED (§13): ±50 %, a round trip that varies, so that applications'
   * calls do not stay in lock-step.
   */
  readonly getRecordsResponseSpread: number;
  /**
   * GetShardIterator calls per second per shard, all applications together (§2: "five
   * transactions per second per account per open shard"); a refused call is retried after
   * the application's read backoff. Closed shards are assumed to have the same limit.
   */
  readonly getShardIteratorCallsPerSecond: number;
  /**
   * A shard iterator expires this long after it was returned (§7: 5 minutes); GetRecords
   * with an older one fails with ExpiredIteratorException and the application needs a new
   * iterator. Each GetRecords response carries a fresh one (NextShardIterator).
   */
  readonly shardIteratorLifetimeUs: number;

  // --- Enhanced fan-out (kinesis-facts.md §3) ---
  /** Push throughput per consumer per shard (§3: 2 MiB/s, dedicated). */
  readonly efoBytesPerSecond: number;
  /** Registered EFO consumers per stream, provisioned and On-demand Standard (§3: 20). */
  readonly efoMaxConsumersPerStream: number;
  /** Delay from acceptance to push (§3: "typically an average of 70 ms"). */
  readonly efoPropagationDelayUs: number;
  /** A SubscribeToShard connection lasts this long, then is renewed (§3: 5 minutes). */
  readonly efoSubscriptionUs: number;
  /** Pause while a subscription is renewed. UNCONFIRMED (not documented): assumed 0. */
  readonly efoResubscribeGapUs: number;
  /**
   * SubscribeToShard calls per second per consumer per shard (§3: one). A refused call is
   * retried this often (assumed: the documented rate, no other backoff).
   */
  readonly efoSubscribeCallsPerSecond: number;
  /**
   * SubscribeToShard again for the same consumer and shard within this long of a
   * successful call fails with ResourceInUseException (§3: 5 seconds).
   */
  readonly efoResubscribeMinIntervalUs: number;

  // --- Retention (kinesis-facts.md §7) ---
  /** Default retention (§7: 24 h). */
  readonly retentionDefaultUs: number;
  /** Shortest retention (§7: 24 h). */
  readonly retentionMinUs: number;
  /** Longest retention (§7: 8,760 h = 365 d). */
  readonly retentionMaxUs: number;

  // --- Resharding, provisioned (kinesis-facts.md §5) ---
  /** Shards per stream (§5: 10,000). */
  readonly maxShardsPerStream: number;
  /** UpdateShardCount calls per rolling 24 h per stream (§5: 10). */
  readonly updateShardCountPer24h: number;
  /** UpdateShardCount target at most this multiple of the open shards (§5: 2×). */
  readonly updateShardCountMaxFactor: number;
  /** UpdateShardCount target at least this fraction of the open shards (§5: ½). */
  readonly updateShardCountMinFactor: number;
  /** SplitShard/MergeShards time in UPDATING: uniform between these. UNCONFIRMED (§5, §13: "seconds"; ~30 s assumed). */
  readonly splitMergeMinDelayUs: number;
  readonly splitMergeMaxDelayUs: number;
  /** UpdateShardCount time in UPDATING: uniform between these. §5: "a few minutes"; range UNCONFIRMED. */
  readonly updateShardCountMinDelayUs: number;
  readonly updateShardCountMaxDelayUs: number;
  /**
   * Extra time for a target that is not a multiple of 25 % of the open shards (§5: "might
   * take longer"). Factor UNCONFIRMED.
   */
  readonly updateShardCountUnevenDelayFactor: number;

  // --- On-demand capacity modes, Standard and Advantage (kinesis-facts.md §6) ---
  /**
   * Shards of a new on-demand stream (§6: "4 MB/s of write and 8 MB/s of read throughput":
   * 4 shards of 1 MiB/s and 1,000 records/s in, 2 MiB/s out each, so also 4,000 records/s).
   */
  readonly onDemandInitialShards: number;
  /** A shard whose write rate exceeds this is split (§6: "exceeds 500 KB/s per shard"). */
  readonly onDemandSplitBytesPerSecond: number;
  /**
   * A shard writing more records per second than this is split. UNCONFIRMED (§6, §13: AWS
   * publishes only the 500 KB/s byte trigger, yet says on-demand adapts to any traffic unless
   * one partition key exceeds a shard's 1 MB/s or 1,000 records/s, and that it takes twice the
   * previous peak "write throughput"). Default 500: half the shard's 1,000 records/s, as the
   * 500 KB/s byte trigger is half its 1 MB/s, so that record-bound traffic (small records)
   * also ends with every shard at most half full at its peak, i.e. room for 2× that peak.
   */
  readonly onDemandSplitRecordsPerSecond: number;
  /**
   * How long the write rate is averaged before deciding to split (and the resolution of the
   * remembered peak). UNCONFIRMED (§13): 1 min, CloudWatch's finest standard period.
   */
  readonly onDemandEvaluationUs: number;
  /** Delay from deciding to split to the split (§6: "within 15 minutes"; exact UNCONFIRMED: uniform 0–15 min). */
  readonly onDemandSplitMaxDelayUs: number;
  /**
   * Most write bytes per second an on-demand stream reaches (§6: 10 GB/s in us-east-1,
   * us-west-2 and eu-west-1; 200 MB/s in other Regions unless raised: set
   * `limits.onDemandMaxWriteBytesPerSecond: 200MB` there). Its read maximum (20 GB/s, 400 MB/s)
   * follows from the shards' 2 MiB/s each. Also the ceiling of an Advantage warm throughput.
   */
  readonly onDemandMaxWriteBytesPerSecond: number;
  /**
   * How long the stream remembers its peak write rate (§6: it "accommodates up to double the
   * peak write throughput observed in the previous 30 days"). Scale-down never merges two
   * shards whose remembered peaks together would cross a split trigger, so capacity for twice
   * the remembered peak stays until the peak is older than this.
   */
  readonly onDemandPeakMemoryUs: number;
  /**
   * Scale-down: two adjacent shards whose write rates both stayed below these (bytes and
   * records) for `onDemandScaleDownAfterUs` are merged, if the remembered peak allows.
   * UNCONFIRMED (§6, §13: AWS publishes no scale-down rule; a blog says ~24 h). Defaults:
   * 100 KB/s and 100 records/s (a fifth of the split triggers), 24 h.
   */
  readonly onDemandScaleDownBytesPerSecond: number;
  readonly onDemandScaleDownRecordsPerSecond: number;
  readonly onDemandScaleDownAfterUs: number;
  /** Registered EFO consumers per stream with On-demand Advantage (§3: 50). */
  readonly onDemandAdvantageEfoMaxConsumersPerStream: number;

  // --- Prices, us-east-1 (kinesis-facts.md §11; for the cost printout only) ---
  /** Provisioned shard-hour in USD (§11: $0.015). */
  readonly priceShardHourUsd: number;
  /** USD per million PUT payload units (§11: $0.014). */
  readonly pricePutPayloadUnitsPerMillionUsd: number;
  /** Size of one PUT payload unit in bytes (§11: 25 KB chunks per record). */
  readonly putPayloadUnitBytes: number;
  /** Extended retention (24 h–7 d) per shard-hour in USD (§11: $0.02; unit UNCONFIRMED). */
  readonly priceExtendedRetentionShardHourUsd: number;
  /** Long-term retention (data older than 7 d) per GB-month in USD (§11: $0.023). */
  readonly priceLongTermRetentionGbMonthUsd: number;
  /** Enhanced fan-out per consumer-shard-hour in USD, provisioned (§11: $0.015). */
  readonly priceEfoConsumerShardHourUsd: number;
  /** Enhanced fan-out data retrieval per GB in USD, provisioned (§11: $0.013). */
  readonly priceEfoGbUsd: number;
  /** On-demand stream-hour in USD (§11: $0.04). */
  readonly priceOnDemandStreamHourUsd: number;
  /** On-demand data in per GB in USD, each record rounded up to 1 KB (§11: $0.08). */
  readonly priceOnDemandInGbUsd: number;
  /** Record size on-demand ingest is rounded up to, in bytes (§11: 1 KB). */
  readonly onDemandInRoundingBytes: number;
  /** On-demand data out (GetRecords) per GB in USD (§11: $0.04). */
  readonly priceOnDemandOutGbUsd: number;
  /** On-demand enhanced fan-out data out per GB in USD (§11: $0.05). */
  readonly priceOnDemandEfoOutGbUsd: number;
  /** On-demand extended retention (beyond 24 h) per GB-month in USD (§11: $0.10). */
  readonly priceOnDemandExtendedRetentionGbMonthUsd: number;
  /**
   * On-demand Advantage prices per GB (§11: no per-stream charge, and data ingest, data
   * retrieval and extended retention "at least 60 % lower" than On-demand Standard; the rates
   * themselves are UNCONFIRMED). Defaults: 40 % of the Standard rates, the most AWS's words
   * allow, so a bill is never understated: in $0.032 (records rounded up to 1 KiB as on
   * Standard, UNCONFIRMED), out $0.016, enhanced fan-out out $0.02 (taken as data retrieval,
   * UNCONFIRMED), extended retention $0.04 per GB-month. Long-term retention is billed as on
   * Standard ($0.023 per GB-month; not among the items AWS lowers).
   */
  readonly priceOnDemandAdvantageInGbUsd: number;
  readonly priceOnDemandAdvantageOutGbUsd: number;
  readonly priceOnDemandAdvantageEfoOutGbUsd: number;
  readonly priceOnDemandAdvantageExtendedRetentionGbMonthUsd: number;
  /**
   * Hours in a month, for every monthly figure: GB-month prices, `plan`'s month and a run's
   * cost scaled to a month. 730 h (365 × 24 ÷ 12) is the AWS Pricing Calculator's month
   * (kinesis-facts.md §11), so kinesim's months match the calculator a user checks them in;
   * AWS's pricing examples use 30 days (720 h): set 720 to reproduce them.
   */
  readonly hoursPerMonth: number;
}

const MIB = 1_048_576;

/** The default profile: AWS's documented limits as collected on 2026-11-25. */
export const DEFAULT_PROFILE: LimitsProfile = {
  name: "kinesis-2026-11",
  shardWriteBytesPerSecond: MIB,
  shardWriteRecordsPerSecond: 1000,
  ingressBucketDepthSeconds: 1,
  largeRecordBurstBytes: 10 * MIB,
  putRecordsMaxRecords: 500,
  putRecordsMaxBytes: 10 * MIB,
  maxRecordBytes: MIB,
  updateMaxRecordSizeMinBytes: MIB,
  updateMaxRecordSizeMaxBytes: 10 * MIB,
  partitionKeyMaxChars: 256,
  shardReadBytesPerSecond: 2 * MIB,
  shardReadCallsPerSecond: 5,
  shardReadRecordsPerSecond: 2000,
  shardReadRecordsBucketDepthSeconds: 1,
  getRecordsMaxRecords: 10_000,
  getRecordsMaxBytes: 10 * MIB,
  getRecordsVisibilityDelayUs: 0,
  getRecordsResponseTimeUs: 70_000,
  getRecordsResponseSpread: 0.5,
  getShardIteratorCallsPerSecond: 5,
  shardIteratorLifetimeUs: 5 * 60_000_000,
  efoBytesPerSecond: 2 * MIB,
  efoMaxConsumersPerStream: 20,
  efoPropagationDelayUs: 70_000,
  efoSubscriptionUs: 5 * 60_000_000,
  efoResubscribeGapUs: 0,
  efoSubscribeCallsPerSecond: 1,
  efoResubscribeMinIntervalUs: 5_000_000,
  retentionDefaultUs: 24 * US_PER_HOUR,
  retentionMinUs: 24 * US_PER_HOUR,
  retentionMaxUs: 8760 * US_PER_HOUR,
  priceShardHourUsd: 0.015,
  pricePutPayloadUnitsPerMillionUsd: 0.014,
  putPayloadUnitBytes: 25 * 1024,
  priceExtendedRetentionShardHourUsd: 0.02,
  maxShardsPerStream: 10_000,
  updateShardCountPer24h: 10,
  updateShardCountMaxFactor: 2,
  updateShardCountMinFactor: 0.5,
  splitMergeMinDelayUs: 20_000_000,
  splitMergeMaxDelayUs: 40_000_000,
  updateShardCountMinDelayUs: 120_000_000,
  updateShardCountMaxDelayUs: 300_000_000,
  updateShardCountUnevenDelayFactor: 1.5,
  onDemandInitialShards: 4,
  onDemandSplitBytesPerSecond: 500_000,
  onDemandSplitRecordsPerSecond: 500,
  onDemandEvaluationUs: 60_000_000,
  onDemandSplitMaxDelayUs: 15 * 60_000_000,
  onDemandMaxWriteBytesPerSecond: 10_000_000_000,
  onDemandPeakMemoryUs: 30 * 24 * US_PER_HOUR,
  onDemandScaleDownBytesPerSecond: 100_000,
  onDemandScaleDownRecordsPerSecond: 100,
  onDemandScaleDownAfterUs: 24 * US_PER_HOUR,
  onDemandAdvantageEfoMaxConsumersPerStream: 50,
  priceLongTermRetentionGbMonthUsd: 0.023,
  priceEfoConsumerShardHourUsd: 0.015,
  priceEfoGbUsd: 0.013,
  priceOnDemandStreamHourUsd: 0.04,
  priceOnDemandInGbUsd: 0.08,
  onDemandInRoundingBytes: 1024,
  priceOnDemandOutGbUsd: 0.04,
  priceOnDemandEfoOutGbUsd: 0.05,
  priceOnDemandExtendedRetentionGbMonthUsd: 0.1,
  priceOnDemandAdvantageInGbUsd: 0.032,
  priceOnDemandAdvantageOutGbUsd: 0.016,
  priceOnDemandAdvantageEfoOutGbUsd: 0.02,
  priceOnDemandAdvantageExtendedRetentionGbMonthUsd: 0.04,
  hoursPerMonth: 730,
};

/** Every profile kinesim ships, by name. */
export const PROFILES: Readonly<Record<string, LimitsProfile>> = {
  [DEFAULT_PROFILE.name]: DEFAULT_PROFILE,
};

/** The numeric fields an experiment may override under `limits:`. */
export type LimitsOverrides = Partial<Omit<LimitsProfile, "name">>;

/** A profile with an experiment's overrides applied. */
export function applyOverrides(profile: LimitsProfile, overrides: LimitsOverrides): LimitsProfile {
  return { ...profile, ...overrides };
}
