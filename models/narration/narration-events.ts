import type { OperationError, OperationRequest } from "../stream/operation-request.js";

/**
 * What the models tell a narrator (`kinesim explain`): one structured event per interesting
 * thing that happens, in simulation order, at `atUs`. Sentences are made from these in
 * src/explain, so the playground can word them its own way. Counts are records; sizes are
 * bytes counted against the shard's limits (data blobs plus partition keys).
 */
export type NarrationEvent =
  | PutEvent
  | KplHeldEvent
  | KplExpiredEvent
  | RetryEvent
  | DropEvent
  | GetRecordsEvent
  | ReadThrottledEvent
  | ShardIteratorEvent
  | SubscribeRejectedEvent
  | EfoPushEvent
  | LeaseEvent
  | WorkerEvent
  | ConsumerEvent
  | ReshardRequestedEvent
  | ReshardRejectedEvent
  | ReshardStepEvent
  | ReshardCompletedEvent
  | RetentionExpiredEvent;

/** Which of a shard's write limits refused records, and its size per second. */
export interface WriteLimit {
  readonly limit: "records" | "bytes";
  /** `bucket`: token buckets refilled continuously; `window`: fixed one-second windows. */
  readonly shape: "bucket" | "window";
  readonly perSecond: number;
}

/**
 * One send: a PutRecord call (several, if several single records are retried together), a
 * PutRecords batch, or a KPL flush, with what each shard it reached did with its records.
 */
export interface PutEvent {
  readonly kind: "put";
  readonly atUs: number;
  readonly producer: string;
  readonly api: "PutRecord" | "PutRecords";
  /** Sent by the KPL: user records travel aggregated in fewer Kinesis records. */
  readonly kpl: boolean;
  /** 1 for the first try, 2 for the first retry, … */
  readonly attempt: number;
  /** Records and bytes of the whole send, every shard together. */
  readonly records: number;
  readonly bytes: number;
  /** Per shard reached, in shard order. */
  readonly shards: readonly PutShardOutcome[];
}

/** What one shard did with its part of a send. */
export interface PutShardOutcome {
  readonly shardId: string;
  readonly records: number;
  readonly bytes: number;
  /** KPL aggregation: the Kinesis records carrying `records` user records. */
  readonly kinesisRecords?: number;
  readonly accepted: number;
  readonly throttled: number;
  /** The limits that refused the throttled records, first refusal first; empty if none. */
  readonly refusedBy: readonly WriteLimit[];
}

/** The KPL's client-side limiter keeps records back instead of sending them (RateLimit). */
export interface KplHeldEvent {
  readonly kind: "kpl-held";
  readonly atUs: number;
  readonly producer: string;
  readonly shardId: string;
  readonly records: number;
  readonly rateLimitPercent: number;
}

/** User records that waited longer than RecordTtl in the KPL fail as Expired. */
export interface KplExpiredEvent {
  readonly kind: "kpl-expired";
  readonly atUs: number;
  readonly producer: string;
  readonly shardId: string;
  readonly records: number;
  readonly recordTtlUs: number;
}

/** Records per shard id, for the events that concern several shards at once. */
export type ShardCounts = Readonly<Record<string, number>>;

/** A producer tries throttled (or held-back) records again, after its backoff. */
export interface RetryEvent {
  readonly kind: "retry";
  readonly atUs: number;
  readonly producer: string;
  readonly records: number;
  readonly byShard: ShardCounts;
  /** The attempt that starts now (2 = the first retry). */
  readonly attempt: number;
  readonly backoffUs: number;
}

/** A producer gives up on records: throttled ones, or ones too large to send. */
export interface DropEvent {
  readonly kind: "drop";
  readonly atUs: number;
  readonly producer: string;
  readonly records: number;
  readonly byShard: ShardCounts;
  /** Attempts made, the first included (0: never sent). */
  readonly attempts: number;
  /**
   * `retries`: out of retries; `failIfThrottled`: the KPL was told not to retry; `oversize`:
   * larger than the stream's max record size, never sent.
   */
  readonly why: "retries" | "failIfThrottled" | "oversize";
  /** `oversize`: the record's bytes (data plus partition key), when it is one record. */
  readonly bytes?: number;
  /** `oversize`: the stream's max record size. */
  readonly maxRecordBytes?: number;
}

/** A polling application's successful GetRecords call. */
export interface GetRecordsEvent {
  readonly kind: "get-records";
  readonly atUs: number;
  readonly consumer: string;
  readonly shardId: string;
  readonly records: number;
  readonly bytes: number;
  readonly millisBehindLatest: number;
  /** The shard is closed and now read to its end: its children come next. */
  readonly shardEnded: boolean;
}

/** A GetRecords call refused with ReadProvisionedThroughputExceeded. */
export interface ReadThrottledEvent {
  readonly kind: "read-throttled";
  readonly atUs: number;
  readonly consumer: string;
  readonly shardId: string;
  /**
   * `calls`: the shard's GetRecords calls per second are used up; `bytes`, `records`: its
   * read bytes or records per second are still paying for earlier reads.
   */
  readonly limit: "calls" | "bytes" | "records";
  readonly perSecond: number;
  /** `bytes` and `records` only: when the shard accepts GetRecords again. */
  readonly blockedUntilUs?: number;
  readonly retryInUs: number;
}

/**
 * A polling application's iterator expired (ExpiredIteratorException: it had not called
 * for longer than an iterator lives), or its GetShardIterator call was refused (the
 * shard's GetShardIterator calls per second, shared by every application, are used up).
 */
export interface ShardIteratorEvent {
  readonly kind: "shard-iterator";
  readonly atUs: number;
  readonly consumer: string;
  readonly shardId: string;
  /** `expired`: a new iterator was obtained; `throttled`: GetShardIterator was refused. */
  readonly what: "expired" | "throttled";
  /** `expired`: how long the iterator lived; `throttled`: the limit per second. */
  readonly lifetimeUs?: number;
  readonly perSecond?: number;
  /** `throttled`: when the application tries again. */
  readonly retryInUs?: number;
}

/** SubscribeToShard refused: ResourceInUse, too soon after the last successful call. */
export interface SubscribeRejectedEvent {
  readonly kind: "subscribe-rejected";
  readonly atUs: number;
  readonly consumer: string;
  readonly shardId: string;
  /** How soon after a successful call a new one is refused (5 s). */
  readonly minIntervalUs: number;
  readonly retryInUs: number;
}

/** An enhanced fan-out push (SubscribeToShardEvent) that carried records. */
export interface EfoPushEvent {
  readonly kind: "efo-push";
  readonly atUs: number;
  readonly consumer: string;
  readonly shardId: string;
  readonly records: number;
  readonly bytes: number;
  readonly millisBehindLatest: number;
  readonly shardEnded: boolean;
}

/** A KCL lease changes hands (or is released at a shard's end). */
export interface LeaseEvent {
  readonly kind: "lease";
  readonly atUs: number;
  readonly consumer: string;
  readonly shardId: string;
  /**
   * `taken`: unowned; `expired`: its owner stopped renewing it; `stolen`: KCL 2's load
   * balancing; `handed-off`: KCL 3's, after the old owner checkpointed; `rebalanced`: KCL 3's
   * without that checkpoint.
   */
  readonly how: "taken" | "expired" | "stolen" | "handed-off" | "rebalanced" | "finished";
  /** The new owner (1-based worker number); undefined when released. */
  readonly worker: number | undefined;
  readonly previousWorker: number | undefined;
}

/** A KCL worker stops or starts (an experiment's stopWorker / startWorker). */
export interface WorkerEvent {
  readonly kind: "worker";
  readonly atUs: number;
  readonly consumer: string;
  readonly worker: number;
  readonly action: "stopped" | "started";
  /** `stopped`: the leases it held, which expire after the failover time. */
  readonly leases: number;
  readonly failoverUs: number;
}

/** A consumer application stops or starts reading (stopConsumer / startConsumer). */
export interface ConsumerEvent {
  readonly kind: "consumer";
  readonly atUs: number;
  readonly consumer: string;
  readonly action: "stopped" | "started";
  /**
   * `started` after a stop longer than an iterator lives: where the restarted application
   * goes on (`checkpoint`, `lastRecord`, or its start position such as `LATEST`).
   */
  readonly restartedFrom?: string;
}

/** A resharding request accepted: the stream is UPDATING until it completes. */
export interface ReshardRequestedEvent {
  readonly kind: "reshard-requested";
  readonly atUs: number;
  readonly request: OperationRequest;
  /** `events`, `autoscaling`, `on-demand`. */
  readonly origin: string;
  readonly updatingForUs: number;
}

export interface ReshardRejectedEvent {
  readonly kind: "reshard-rejected";
  readonly atUs: number;
  readonly request: OperationRequest;
  readonly origin: string;
  readonly error: OperationError;
  readonly reason: string;
}

/** One split or merge of an UpdateShardCount in progress. */
export interface ReshardStepEvent {
  readonly kind: "reshard-step";
  readonly atUs: number;
  readonly closed: readonly string[];
  readonly opened: readonly string[];
}

export interface ReshardCompletedEvent {
  readonly kind: "reshard-completed";
  readonly atUs: number;
  readonly request: OperationRequest;
  readonly origin: string;
  readonly requestedAtUs: number;
  /** Every shard the operation closed and opened (all steps of an UpdateShardCount). */
  readonly closed: readonly string[];
  readonly opened: readonly string[];
}

/** Retention trimmed records from a shard, some of them before an application read them. */
export interface RetentionExpiredEvent {
  readonly kind: "retention-expired";
  readonly atUs: number;
  readonly shardId: string;
  readonly records: number;
  /** Of those, records at least one application had not read yet (lost to it). */
  readonly unread: number;
  readonly retentionUs: number;
}
