import { evenSplit } from "../../models/hashing/even-split.js";
import type { HashRange } from "../../models/hashing/hash-range.js";
import { DEFAULT_PROFILE } from "../../models/limits/profile.js";
import { Shard } from "../../models/shards/shard.js";
import { ShardMetrics } from "../../models/shards/shard-metrics.js";

const S = 1_000_000;

/**
 * A shard as KinesisStream builds one, over the whole key space, with the bucket limiter and
 * metrics for 100 s: no coalescing unless asked.
 */
export function loneShard(retentionUs: number, coalesceUs = 0): Shard {
  return new Shard({
    index: 0,
    shardId: "shardId-000000000000",
    range: evenSplit(1)[0] as HashRange,
    parentShardIds: [],
    openedAtUs: 0,
    profile: DEFAULT_PROFILE,
    limiter: "bucket",
    retentionUs,
    coalesceUs,
    metrics: new ShardMetrics(S, 100 * S),
  });
}
