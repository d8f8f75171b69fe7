import type { LimitsOverrides } from "../../models/limits/profile.js";
import type { KeysConfig } from "../../models/workload/keys/keys-config.js";
import type { RecordSizeConfig } from "../../models/workload/record-size.js";

export type { KeysConfig, RecordSizeConfig };

/**
 * The validated, normalized experiment: what `loadExperiment` returns and what the wiring
 * consumes. Durations are integer microseconds (`…Us`), sizes integer bytes (`…Bytes`).
 * The YAML keys a user writes are documented in `kinesim schema` and the README.
 */
export interface ExperimentConfig {
  readonly name: string;
  readonly description?: string;
  readonly seed: number;
  readonly durationUs: number;
  readonly granularity: "segment" | "record";
  /** Segment mode: how often Poisson/constant producers hand each shard its records. */
  readonly resolutionUs: number;
  /** Bucket width of the per-shard time series. */
  readonly metricsResolutionUs: number;
  /** Statistics ignore what happens before this time (record counts do not). */
  readonly warmupUs: number;
  readonly profile: string;
  readonly limits: LimitsOverrides;
  readonly stream: StreamConfig;
  readonly producers: readonly ProducerConfig[];
  readonly consumers: readonly ConsumerConfig[];
  readonly events: readonly EventConfig[];
}

export interface StreamConfig {
  readonly mode: "provisioned";
  readonly shards: number;
  readonly retentionUs: number;
  readonly limiter: "bucket" | "window";
}

export interface RetryConfig {
  /** Retries after the first attempt; 0 means a throttled record is dropped at once. */
  readonly max: number;
  /** Base delay: attempt k waits a random time in [0, min(maxBackoff, backoff·2^(k−1))]. */
  readonly backoffUs: number;
  readonly maxBackoffUs: number;
}

export interface BatchConfig {
  readonly maxRecords: number;
  readonly maxBytes: number;
  readonly lingerUs: number;
}

export interface ProducerConfig {
  readonly name: string;
  /** Records per second. */
  readonly rate: number;
  readonly arrival: "poisson" | "constant";
  readonly recordSize: RecordSizeConfig;
  readonly keys: KeysConfig;
  readonly api: "putRecord" | "putRecords";
  /** Present when `api` is putRecords. */
  readonly batch: BatchConfig;
  readonly retries: RetryConfig;
}

export interface ConsumerConfig {
  readonly name: string;
  readonly mode: "polling";
  readonly pollIntervalUs: number;
  readonly startAt: "LATEST" | "TRIM_HORIZON";
  readonly maxRecords: number;
  readonly processingTimeUs: number;
  /** Wait after a throttled GetRecords before trying again. */
  readonly readBackoffUs: number;
  /** How often a child shard's reader checks whether its parents are read to their ends. */
  readonly parentPollIntervalUs: number;
}

export type EventConfig =
  | { readonly atUs: number; readonly kind: "stopConsumer"; readonly consumer: string }
  | { readonly atUs: number; readonly kind: "startConsumer"; readonly consumer: string }
  | {
      readonly atUs: number;
      readonly kind: "split";
      readonly shardId: string;
      /** Decimal string (kept as text so configs stay JSON). */
      readonly newStartingHashKey?: string;
    }
  | { readonly atUs: number; readonly kind: "merge"; readonly shardIds: readonly [string, string] }
  | { readonly atUs: number; readonly kind: "updateShardCount"; readonly target: number };
