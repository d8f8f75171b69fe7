import type { KclSettings } from "./kcl/kcl-settings.js";
import type { DurationDistribution } from "./processing-time.js";

/** How long an application takes over what it fetches, and how much it takes at once. */
export interface ProcessingSettings {
  readonly perRecord: DurationDistribution;
  readonly perBatch: DurationDistribution;
  /** Most records fetched but not yet processed, per shard. */
  readonly maxInFlight: number;
}

/** A polling consumer application, normalized from the experiment's `consumers[]` entry. */
export interface PollingConsumerSettings {
  readonly name: string;
  readonly mode: "polling";
  readonly pollIntervalUs: number;
  readonly startAt: "LATEST" | "TRIM_HORIZON";
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
export interface EfoConsumerSettings {
  readonly name: string;
  readonly mode: "efo";
  readonly startAt: "LATEST" | "TRIM_HORIZON";
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
}
