import type { CapacityMode } from "../../../models/stream/capacity-mode.js";
import type { LatencyCdfPoint } from "../../stats/latency-cdf.js";
import type { LatencySummaryMs } from "../../stats/latency-histogram.js";
import type { SkewResult } from "../skew/skew-result.js";

/**
 * The result of one run (design.md §14). Every field is deterministic for a given
 * experiment and seed except `engine.wallMs`. Hash keys are decimal strings; times carry
 * their unit in the field name.
 */
export interface RunResult {
  name: string;
  seed: number;
  configHash: string;
  version: string;
  profile: string;
  granularity: "segment" | "record";
  capacityMode: CapacityMode;
  durationSeconds: number;
  /** The experiment's startTime (UTC, ISO 8601), when it has one: time 0 on a clock. */
  startTime?: string;
  records: {
    offered: number;
    accepted: number;
    throttledAttempts: number;
    dropped: number;
    /** Sums over consumer applications: a record read by two applications counts twice. */
    delivered: number;
    expiredUnread: number;
    unread: number;
    pendingAtProducer: number;
  };
  /** Throttled put attempts ÷ all put attempts (records). */
  throttleRate: number;
  /**
   * `dropped` includes `oversize`: records larger than the stream's max record size, which the
   * producers never sent.
   */
  dataLoss: {
    records: number;
    fraction: number;
    dropped: number;
    oversize: number;
    expiredUnread: number;
  };
  /**
   * Records consumer applications ended the run not reading (summed over applications):
   * unread beyond what a healthy reader still has in flight at the end; `applications`
   * counts those with any. Each consumer's `unreadShards` says where and why.
   */
  unreadAtEnd: { records: number; applications: number };
  latencyMs: LatencySummaryMs;
  /**
   * The same distribution as 55 percentile points (0, 2, … 98, 99, 99.5, 99.9, 99.99, 100),
   * for the report's CDF; empty when nothing was delivered.
   */
  latencyCdf: LatencyCdfPoint[];
  /**
   * One shard's write limits from the limits profile, overrides applied (kinesis-facts.md §1:
   * 1,000 records/s, 1 MiB/s): the reference lines of the report's charts.
   */
  shardWriteLimits: { recordsPerSecond: number; bytesPerSecond: number };
  producers: ProducerResult[];
  shards: ShardResult[];
  consumers: ConsumerResult[];
  /** Every resharding request, accepted or not, in the order made. */
  operations: OperationResult[];
  /**
   * The experiment's consumer and KCL worker stops and starts and producer spikes, as the run
   * applied them (run-events.ts); the report marks them on its time charts. Absent from
   * results written before it existed.
   */
  events?: RunEvent[];
  cost: CostResult;
  engine: { events: number; wallMs: number };
  /** Expected (key distribution × hash ranges) against observed per-shard load. */
  skew: SkewResult;
}

export interface ProducerResult {
  name: string;
  /** KPL producers only (KPL metrics, kinesis-facts.md §8). */
  kpl?: {
    userRecordsPut: number;
    kinesisRecordsPut: number;
    userRecordsPerKinesisRecord: number;
    expired: number;
    retriesPerRecord: number;
    meanBufferingTimeMs: number;
    shardMapRefreshes: number;
  };
  offered: number;
  accepted: number;
  throttledAttempts: number;
  dropped: number;
  /** Of `dropped`: records larger than the stream's max record size, never sent. */
  oversize: number;
  retries: number;
  putCalls: number;
  pendingAtProducer: number;
}

export interface ShardResult {
  shardId: string;
  parentShardIds: string[];
  startingHashKey: string;
  endingHashKey: string;
  openedAtSeconds: number;
  closedAtSeconds: number | null;
  accepted: number;
  throttledAttempts: number;
  bytesIn: number;
  bytesOut: number;
  recordsOut: number;
  readThrottled: number;
  /** Highest accepted records per second over any metrics interval. */
  peakRecordsPerSecond: number;
  /** Highest accepted bytes per second over any metrics interval. */
  peakBytesPerSecond: number;
  /** Highest demand (accepted + throttled attempts) records per second over any interval. */
  peakDemandRecordsPerSecond: number;
}

export interface ConsumerResult {
  name: string;
  mode: "polling" | "efo";
  delivered: number;
  expiredUnread: number;
  /** Records accepted it had neither received, nor lost to retention, nor skipped. */
  unread: number;
  /** Of those, what a healthy reader still has in flight at the end (the last fetch's worth). */
  unreadInFlight: number;
  /** The rest, by shard: records it is not reading at the end, and why. */
  unreadShards: { shardId: string; unread: number; reason: string }[];
  /** Records before its start positions (LATEST, AT_TIMESTAMP, a restart): never meant to be read. */
  skipped: number;
  /** Polling: GetRecords calls made, and refused with ReadProvisionedThroughputExceeded. */
  getRecordsCalls: number;
  readThrottled: number;
  /** Polling: GetShardIterator calls made and refused, and iterators found expired. */
  getShardIteratorCalls: number;
  getShardIteratorThrottled: number;
  expiredIterators: number;
  /** Enhanced fan-out: SubscribeToShard connections (one per shard, renewed every 5 min). */
  subscriptions: number;
  /** Enhanced fan-out: SubscribeToShard calls refused with ResourceInUse (within 5 s of a success). */
  subscribeRejected: number;
  /** Records received again after a failover (included in `delivered`). */
  redelivered: number;
  /** KCL applications only. */
  kcl?: KclResult;
  /** The largest MillisBehindLatest a call (a fetch or a push) reported. */
  maxMillisBehindLatest: number;
  /**
   * The largest age of the application's oldest unread record, at any instant, called or not
   * (GetRecords.IteratorAgeMilliseconds' meaning; models/consumers/unread-age.ts). Absent from
   * results written before it existed.
   */
  maxOldestUnreadAgeMs?: number;
  /**
   * When the oldest unread record was at least `laggingSeconds` old: from when, and when the
   * application caught up again (null: still behind at the end).
   */
  lagging?: {
    laggingSeconds: number;
    spans: { fromSeconds: number; caughtUpAtSeconds: number | null }[];
  };
  latencyMs: LatencySummaryMs;
  /**
   * This application's latency distribution as the same 55 points as the run's `latencyCdf`,
   * so the report draws one curve per application from result.json alone; empty when it
   * received nothing. Absent from results written before it existed.
   */
  latencyCdf?: LatencyCdfPoint[];
}

/** A KCL application's workers and leases. */
export interface KclResult {
  /** KCL major version: 3 (a leader assigns leases by throughput) or 2 (workers take and steal). */
  version: 2 | 3;
  workers: number;
  /**
   * Every change of the worker processing a lease: taken (expired or new), stolen (KCL 2),
   * handed-off (KCL 3, after the old owner checkpointed), rebalanced (KCL 3 without that
   * checkpoint), or released at shard end.
   */
  leaseTimeline: { atSeconds: number; shardId: string; worker: number | null; how: string }[];
  /** Each stopped worker, and when all of its leases were owned by live workers again. */
  failovers: {
    worker: number;
    stoppedAtSeconds: number;
    leases: number;
    recoveredAtSeconds: number | null;
    recoverySeconds: number | null;
  }[];
  /** KCL 3: each worker that became the leader, and when. */
  leaderChanges: { atSeconds: number; worker: number }[];
  /** When the run ends: the leases each live worker processes and their measured bytes/s. */
  workerLoads: { worker: number; leases: number; bytesPerSecond: number }[];
}

export interface OperationResult {
  atSeconds: number;
  /** "events" (the experiment file), "autoscaling" or "on-demand". */
  origin: string;
  split?: string;
  newStartingHashKey?: string;
  merge?: string[];
  updateShardCount?: number;
  outcome: "in progress" | "completed" | "rejected";
  /** Kinesis's exception name when rejected, e.g. ResourceInUseException. */
  error?: string;
  reason?: string;
  completedAtSeconds: number | null;
  /** Shards this operation opened and closed (for UpdateShardCount, every step's). */
  opened: string[];
  closed: string[];
}

/** One scheduled event of the experiment file, when the run applied it. */
export interface RunEvent {
  atSeconds: number;
  kind: "stopConsumer" | "startConsumer" | "stopWorker" | "startWorker" | "spike";
  /** The consumer application, "application/worker", or the producer. */
  target: string;
  /** One sentence saying what happened, e.g. "consumer application archiver stopped". */
  text: string;
}

export interface CostItem {
  item: string;
  quantity: number;
  unit: string;
  unitPriceUsd: number;
  usd: number;
}

export interface CostResult {
  usd: number;
  /** The hours of a month for monthly figures (the limits profile's `hoursPerMonth`). */
  monthHours: number;
  items: CostItem[];
}

/** Per-interval series, kept apart from the result (they are large); see `--out`. */
export interface RunSeries {
  resolutionSeconds: number;
  shards: {
    shardId: string;
    incomingRecords: Float64Array;
    incomingBytes: Float64Array;
    throttledRecords: Float64Array;
    outgoingRecords: Float64Array;
    outgoingBytes: Float64Array;
    /**
     * GetRecords calls refused per interval. Only in a run's own series (timeseries.csv does
     * not carry it), like the consumers' fields marked so below.
     */
    readThrottled?: Float64Array;
    /** The largest age of a record some application had not read, per interval (ms); run only. */
    oldestUnreadAgeMs?: Float64Array;
    /** The same over polling applications only (GetRecords callers), per interval (ms); run only. */
    getRecordsIteratorAgeMs?: Float64Array;
  }[];
  consumers: {
    name: string;
    millisBehindLatest: Float64Array;
    /** The largest age of the application's oldest unread record per interval (ms); run only. */
    oldestUnreadAgeMs?: Float64Array;
    /** How many MillisBehindLatest readings (calls or events) each interval had; run only. */
    millisBehindLatestReadings?: Float64Array;
    /** Records returned to the application per interval, re-reads included; run only. */
    recordsReceived?: Float64Array;
  }[];
}
