/**
 * A KCL application's settings (`consumers[].kcl`), normalized. Defaults follow the KCL
 * (kinesis-facts.md §9, {@link KCL_DEFAULTS}): failoverTimeMillis 10 s, renewal every
 * failover ÷ 3 − 25 ms. KCL 2 (`version: 2`) balances by lease count: every worker runs a
 * taking pass every 2 × (failover + 25 ms) and steals at most one lease at a time. KCL 3
 * (`version: 3`, the default) elects a leader that assigns leases every 2 × failover and
 * rebalances by measured throughput, handing leases over gracefully.
 */
export type KclSettings = Kcl2Settings | Kcl3Settings;

/** What both versions share. */
export interface KclCommonSettings {
  readonly workers: number;
  readonly failoverTimeUs: number;
  readonly renewalIntervalUs: number;
  /** Checkpoint after this many processed records on a shard (0: after every batch). */
  readonly checkpointEveryRecords: number;
  /** …or when this long has passed since the shard's last checkpoint (0: no time rule). */
  readonly checkpointEveryUs: number;
}

/** KCL 2.x: every worker takes and steals leases itself (DynamoDBLeaseTaker). */
export interface Kcl2Settings extends KclCommonSettings {
  readonly version: 2;
  readonly takingIntervalUs: number;
  readonly maxLeasesToSteal: number;
}

/** KCL 3.x: a leader assigns leases by worker utilization (LeaseAssignmentManager). */
export interface Kcl3Settings extends KclCommonSettings {
  readonly version: 3;
  /** leaseAssignmentIntervalMillis: the leader's assignment pass. */
  readonly assignmentIntervalUs: number;
  /** How often a worker looks for leases the leader assigned to it (failover − 25 ms). */
  readonly discoveryIntervalUs: number;
  readonly rebalanceThresholdPercent: number;
  readonly dampeningPercent: number;
  /** The leader rebalances on every n-th pass. */
  readonly balanceEveryPasses: number;
  /** Graceful lease hand-off: the old owner checkpoints before the new one starts. */
  readonly gracefulHandoff: boolean;
  /** …given up (the lease moves without that checkpoint) after this long. */
  readonly handoffTimeoutUs: number;
  readonly leaderLockDurationUs: number;
  readonly leaderHeartbeatUs: number;
  readonly throughputEmaAlpha: number;
}
