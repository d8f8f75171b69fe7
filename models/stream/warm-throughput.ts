import type { LimitsProfile } from "../limits/profile.js";

/**
 * Shards an On-demand Advantage stream needs for its warm throughput (kinesis-facts.md §6:
 * UpdateStreamWarmThroughput's WarmThroughputMiBps is "the throughput capacity that will be
 * immediately available for write operations"): one per shard's write bytes per second, so
 * 100 MiB/s is 100 shards of 1 MiB/s, created as an even split of the hash key space and never
 * merged away while the warm throughput stands.
 */
export function warmThroughputShards(bytesPerSecond: number, profile: LimitsProfile): number {
  return Math.ceil(bytesPerSecond / profile.shardWriteBytesPerSecond);
}
