import type {
  EfoConsumerSettings,
  PollingConsumerSettings,
} from "../../../models/consumers/consumer-settings.js";
import type { LimitsOverrides } from "../../../models/limits/profile.js";
import type {
  BatchSettings,
  ProducerSettings,
} from "../../../models/producers/producer-settings.js";
import type { RetrySettings } from "../../../models/producers/retry-backoff.js";
import type { AutoscalingSettings } from "../../../models/stream/autoscaler.js";
import type { CapacityMode } from "../../../models/stream/capacity-mode.js";
import type { KeysConfig } from "../../../models/workload/keys/keys-config.js";
import type { RatePoint } from "../../../models/workload/rate-profile.js";
import type { RecordSizeConfig } from "../../../models/workload/record-size.js";

export type { KeysConfig, RatePoint, RecordSizeConfig };

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
  /** The UTC instant time 0 stands for (ISO 8601, "…Z"), for clock times in the report. */
  readonly startTime?: string;
  readonly profile: string;
  readonly limits: LimitsOverrides;
  readonly stream: StreamConfig;
  readonly producers: readonly ProducerConfig[];
  readonly consumers: readonly ConsumerConfig[];
  readonly events: readonly EventConfig[];
}

export interface StreamConfig {
  readonly mode: CapacityMode;
  /** Provisioned: the shards at the start; on-demand: the initial shards (warm throughput's included). */
  readonly shards: number;
  /** On-demand Advantage: the warm throughput in bytes per second, a floor the stream never scales below. */
  readonly warmThroughputBytesPerSecond?: number;
  /** Provisioned only: a target-utilization policy. */
  readonly autoscaling?: AutoscalingSettings;
  readonly retentionUs: number;
  readonly limiter: "bucket" | "window";
  /**
   * The stream's max record size, data blob plus partition key (UpdateMaxRecordSize); absent:
   * the profile's `maxRecordBytes`.
   */
  readonly maxRecordBytes?: number;
}

/** A producer, normalized (the model's own settings type). */
export type ProducerConfig = ProducerSettings;
export type BatchConfig = BatchSettings;
export type RetryConfig = RetrySettings;

/** A consumer application, normalized (the model's own settings types). */
export type ConsumerConfig = PollingConsumerSettings | EfoConsumerSettings;

export type EventConfig =
  | { readonly atUs: number; readonly kind: "stopConsumer"; readonly consumer: string }
  | { readonly atUs: number; readonly kind: "startConsumer"; readonly consumer: string }
  | {
      readonly atUs: number;
      readonly kind: "spike";
      readonly producer: string;
      readonly factor: number;
      readonly forUs: number;
    }
  | WorkerEvent<"stopWorker">
  | WorkerEvent<"startWorker">
  | {
      readonly atUs: number;
      readonly kind: "split";
      readonly shardId: string;
      /** Decimal string (kept as text so configs stay JSON). */
      readonly newStartingHashKey?: string;
    }
  | { readonly atUs: number; readonly kind: "merge"; readonly shardIds: readonly [string, string] }
  | { readonly atUs: number; readonly kind: "updateShardCount"; readonly target: number };

/** Stops or starts one worker (1-based) of a KCL application. */
export interface WorkerEvent<Kind extends "stopWorker" | "startWorker"> {
  readonly atUs: number;
  readonly kind: Kind;
  readonly consumer: string;
  readonly worker: number;
}
