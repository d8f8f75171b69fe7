/**
 * The KCL's own defaults (kinesis-facts.md §9), in microseconds. `consumers[].kcl` overrides the
 * ones it names; the others are fixed in the KCL and here.
 */
export const KCL_DEFAULTS = {
  /** failoverTimeMillis: a lease not renewed for this long is expired (§9: 10,000 ms). */
  failoverTimeUs: 10_000_000,
  /** epsilonMillis, the slack in the renewal and taking intervals (§9: 25 ms). */
  epsilonUs: 25_000,
  /** maxLeasesToStealAtOneTime, KCL 2's lease taker (§9: 1). */
  maxLeasesToSteal: 1,
  /** reBalanceThresholdPercentage, KCL 3: a worker this far from the fleet average triggers a rebalance (§9: 10). */
  rebalanceThresholdPercent: 10,
  /** dampeningPercentage, KCL 3: the share of a worker's excess load moved in one pass (§9: 60). */
  dampeningPercent: 60,
  /**
   * varianceBalancingFrequency, KCL 3: the leader rebalances on every third assignment pass
   * (§9: 3; expired and unassigned leases are given out on every pass).
   */
  balanceEveryPasses: 3,
  /** gracefulLeaseHandoffTimeoutMillis, KCL 3 (§9: 30,000 ms; graceful hand-off is on by default). */
  handoffTimeoutUs: 30_000_000,
  /**
   * The leader lock of KCL 3 (DynamoDBLockBasedLeaderDecider, §9): the leader heartbeats it every
   * 30 s; another worker takes it once it has seen it unchanged for 2 minutes; a worker that is
   * not the leader checks at most once per heartbeat period.
   */
  leaderLockDurationUs: 120_000_000,
  leaderHeartbeatUs: 30_000_000,
  /**
   * Exponential moving average weight of a lease's measured throughput, updated at every
   * renewal (LeaseStatsRecorder, §9: 0.5).
   */
  throughputEmaAlpha: 0.5,
  /**
   * idleTimeBetweenReadsInMillis of a polling KCL 2.x/3.x application (§9: 1,500 ms; KCL 1.x
   * used 1,000 ms): the time from a GetRecords response to the next call.
   */
  pollIntervalUs: 1_500_000,
} as const;
