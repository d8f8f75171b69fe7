import type { KclSettings } from "./kcl/kcl-settings.js";
import type { DurationDistribution } from "./processing-time.js";

/** How long an application takes over what it fetches, and how much it takes at once. */
export interface ProcessingSettings {
  readonly perRecord: DurationDistribution;
  readonly perBatch: DurationDistribution;
  /** Most records fetched but not yet processed, per shard. */
  readonly maxInFlight: number;
}

/**
 * Where an application starts reading a shard when it has no position there (its start, or
 * a restart without one), as GetShardIterator's and SubscribeToShard's iterator types
 * (kinesis-facts.md §7): just after the newest record at that moment (LATEST), the oldest
 * record still retained (TRIM_HORIZON), or the first record accepted at or after a time
 * (AT_TIMESTAMP, `timestampUs` from the run's start; before the trim horizon: TRIM_HORIZON).
 */
export type StartPosition =
  | { readonly type: "LATEST" }
  | { readonly type: "TRIM_HORIZON" }
  | { readonly type: "AT_TIMESTAMP"; readonly timestampUs: number };

/**
 * When and how an application starts, and where it goes on after a restart (a stop longer
 * than a shard iterator's lifetime), whatever its mode.
 */
export interface StartSettings {
  readonly startAt: StartPosition;
  /** When the application starts (its first iterators), from the run's start. */
  readonly launchAtUs: number;
  /**
   * Without the KCL: after a restart, go on after the last record received in each shard
   * (`lastRecord`: an application that stores its position) or start again per `startAt`.
   * KCL applications restart from their checkpoints.
   */
  readonly restartFrom: "lastRecord" | "startAt";
}

/** A polling consumer application, normalized from the experiment's `consumers[]` entry. */
export interface PollingConsumerSettings extends StartSettings {
  readonly name: string;
  readonly mode: "polling";
  readonly pollIntervalUs: number;
  /** GetRecords `Limit`. */
  readonly maxRecords: number;
  /** Processing time per record and per fetched batch; the next fetch waits for both. */
  readonly processing: ProcessingSettings;
  /** Wait after a throttled GetRecords before trying again. */
  readonly readBackoffUs: number;
  /** A KCL application: workers share the shards through leases. */
  readonly kcl?: KclSettings;
  /** How often a child shard's reader checks whether its parents are read to their ends. */
  readonly parentPollIntervalUs: number;
}

/** An enhanced fan-out consumer application (`mode: efo`), normalized. */
export interface EfoConsumerSettings extends StartSettings {
  readonly name: string;
  readonly mode: "efo";
  /** Processing time per record and per fetched batch; the next fetch waits for both. */
  readonly processing: ProcessingSettings;
  readonly parentPollIntervalUs: number;
  /** Delay from acceptance to push. */
  readonly propagationDelayUs: number;
  /** A KCL application on enhanced fan-out (the KCL's default retrieval, FanOutConfig). */
  readonly kcl?: KclSettings;
}

/** Counters of one consumer application, reported in the result. */
export class ConsumerStats {
  /** Records received, redeliveries included. */
  delivered = 0;
  /** Records received again after a failover (at-least-once: since the last checkpoint). */
  redelivered = 0;
  bytesDelivered = 0;
  getRecordsCalls = 0;
  /** GetRecords calls refused with ReadProvisionedThroughputExceeded. */
  readThrottled = 0;
  maxMillisBehindLatest = 0;
  /** Enhanced fan-out: SubscribeToShard connections made (one per shard, renewed every 5 min). */
  subscriptions = 0;
  /** Enhanced fan-out: SubscribeToShard calls refused (ResourceInUse within 5 s of a success). */
  subscribeRejected = 0;
  /** Polling: GetShardIterator calls made (start, restart, expired iterator, new shard, lease). */
  getShardIteratorCalls = 0;
  /** Polling: GetShardIterator calls refused (5 per second per shard, all applications). */
  getShardIteratorThrottled = 0;
  /** Polling: fetches that found their shard iterator expired (ExpiredIteratorException). */
  expiredIterators = 0;
}
