/**
 * A KCL application's settings (`consumers[].kcl`), normalized. Defaults follow the KCL
 * (kinesis-facts.md §9): failoverTimeMillis 10 s, renewal every failover ÷ 3 − 25 ms, a lease
 * taking pass every 2 × (failover + 25 ms), at most one lease stolen at a time.
 */
export interface KclSettings {
  readonly workers: number;
  readonly failoverTimeUs: number;
  readonly renewalIntervalUs: number;
  readonly takingIntervalUs: number;
  readonly maxLeasesToSteal: number;
  /** Checkpoint after this many processed records on a shard (0: after every batch). */
  readonly checkpointEveryRecords: number;
  /** …or when this long has passed since the shard's last checkpoint (0: no time rule). */
  readonly checkpointEveryUs: number;
}
