/**
 * Whether an expected shard utilization (load ÷ limit) is above the limit. Expected loads are
 * sums of per-key rates, added in different orders by the per-shard table and by the search
 * for the smallest shard count, so a shard exactly at its limit (39 of 234 uniform keys at
 * 6,000 records/s on 9 shards is 1,000 records/s) can come out a unit in the last place
 * either side of 1 and the two would disagree. Within a relative 1e-9 of the limit counts as
 * at it: far below any difference a rate in an experiment file can express.
 */
export function isOverLimit(utilization: number): boolean {
  return utilization > 1 + 1e-9;
}
