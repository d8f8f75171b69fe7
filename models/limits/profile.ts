/**
 * A limits profile: every Kinesis number the models use, in one named, versioned object
 * (DESIGN.md decision 7). Model code never hard-codes a Kinesis number; it reads it here.
 * Each field cites its section of `reference/kinesis-facts.md` (the fact sheet). Fields the
 * fact sheet marks UNCONFIRMED are modelling assumptions and say so.
 */
export interface LimitsProfile {
  /** Profile name and version, echoed in results. */
  readonly name: string;

  // --- Write path (fact sheet §1) ---
  /** Per-shard write bytes per second, partition keys included (§1: "1 MB/s"; API: MiB). */
  readonly shardWriteBytesPerSecond: number;
  /** Per-shard write records per second (§1: 1,000 records/s). */
  readonly shardWriteRecordsPerSecond: number;
  /** Token-bucket depth in seconds of capacity. UNCONFIRMED (§1, §13): assumed 1 s. */
  readonly ingressBucketDepthSeconds: number;
  /** Records per PutRecords request (§1: ≤500). */
  readonly putRecordsMaxRecords: number;
  /** Bytes per PutRecords request, partition keys included (§1: 10 MiB, formerly 5 MiB). */
  readonly putRecordsMaxBytes: number;
  /** Largest record, data blob plus partition key (§1: 1 MiB by default). */
  readonly maxRecordBytes: number;
  /** Longest partition key in characters (§1: 256). */
  readonly partitionKeyMaxChars: number;

  // --- Read path, shared-throughput consumers (fact sheet §2) ---
  /** Per-shard read bytes per second shared by all polling applications (§2: 2 MB/s). */
  readonly shardReadBytesPerSecond: number;
  /** GetRecords calls per second per shard, all applications together (§2: 5). */
  readonly shardReadCallsPerSecond: number;
  /** Records returned by one GetRecords call at most (§2: 10,000). */
  readonly getRecordsMaxRecords: number;
  /** Bytes returned by one GetRecords call at most (§2: 10 MB). */
  readonly getRecordsMaxBytes: number;
  /**
   * Delay before an accepted record is visible to GetRecords. UNCONFIRMED (§2 quotes an
   * average end-to-end propagation of ~200 ms with one consumer, which includes polling);
   * assumed 0 so that measured latency is polling and queueing alone.
   */
  readonly getRecordsVisibilityDelayUs: number;

  // --- Retention (fact sheet §7) ---
  /** Default retention (§7: 24 h). */
  readonly retentionDefaultUs: number;
  /** Shortest retention (§7: 24 h). */
  readonly retentionMinUs: number;
  /** Longest retention (§7: 8,760 h = 365 d). */
  readonly retentionMaxUs: number;

  // --- Prices, us-east-1 (fact sheet §11; for the cost printout only) ---
  /** Provisioned shard-hour in USD (§11: $0.015). */
  readonly priceShardHourUsd: number;
  /** USD per million PUT payload units (§11: $0.014). */
  readonly pricePutPayloadUnitsPerMillionUsd: number;
  /** Size of one PUT payload unit in bytes (§11: 25 KB chunks per record). */
  readonly putPayloadUnitBytes: number;
  /** Extended retention (24 h–7 d) per shard-hour in USD (§11: $0.02; unit UNCONFIRMED). */
  readonly priceExtendedRetentionShardHourUsd: number;
}

const HOUR_US = 3_600_000_000;
const MIB = 1_048_576;

/** The default profile: AWS's documented limits as collected on 2026-11-25. */
export const DEFAULT_PROFILE: LimitsProfile = {
  name: "kinesis-2026-11",
  shardWriteBytesPerSecond: MIB,
  shardWriteRecordsPerSecond: 1000,
  ingressBucketDepthSeconds: 1,
  putRecordsMaxRecords: 500,
  putRecordsMaxBytes: 10 * MIB,
  maxRecordBytes: MIB,
  partitionKeyMaxChars: 256,
  shardReadBytesPerSecond: 2 * MIB,
  shardReadCallsPerSecond: 5,
  getRecordsMaxRecords: 10_000,
  getRecordsMaxBytes: 10 * MIB,
  getRecordsVisibilityDelayUs: 0,
  retentionDefaultUs: 24 * HOUR_US,
  retentionMinUs: 24 * HOUR_US,
  retentionMaxUs: 8760 * HOUR_US,
  priceShardHourUsd: 0.015,
  pricePutPayloadUnitsPerMillionUsd: 0.014,
  putPayloadUnitBytes: 25 * 1024,
  priceExtendedRetentionShardHourUsd: 0.02,
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
