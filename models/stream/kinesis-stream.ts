import { evenSplit } from "../hashing/even-split.js";
import { HashKeyCache } from "../hashing/hash-key-cache.js";
import { shardId } from "../hashing/shard-id.js";
import { ShardRouter } from "../hashing/shard-router.js";
import type { LimitsProfile } from "../limits/profile.js";
import { Shard } from "../shards/shard.js";
import { ShardMetrics } from "../shards/shard-metrics.js";

export interface StreamOptions {
  readonly shardCount: number;
  readonly profile: LimitsProfile;
  readonly limiter: "bucket" | "window";
  readonly retentionUs: number;
  /** How long consecutive appends may be merged into one stored segment. */
  readonly coalesceUs: number;
  readonly metricsResolutionUs: number;
  readonly durationUs: number;
}

/**
 * A Kinesis data stream: every shard it ever had (indexed by shard number) and a router
 * over the open ones. Created with AWS's even split of the hash key space (fact sheet §4).
 */
export class KinesisStream {
  /** All shards, open and closed, by index: shard i is `shardId-` + i padded to 12 digits. */
  readonly shards: Shard[] = [];
  readonly hashKeys = new HashKeyCache();
  private openRouter: ShardRouter<Shard>;

  constructor(readonly options: StreamOptions) {
    for (const range of evenSplit(options.shardCount)) {
      this.shards.push(this.createShard(range, [], 0));
    }
    this.openRouter = new ShardRouter(this.shards, this.hashKeys);
  }

  /** The open shards, sorted by starting hash key. */
  get openShards(): readonly Shard[] {
    return this.openRouter.shards;
  }

  get router(): ShardRouter<Shard> {
    return this.openRouter;
  }

  /** Trims every shard at `nowUs` (used at the end of a run). */
  trimAll(nowUs: number): void {
    for (const shard of this.shards) shard.trim(nowUs);
  }

  private createShard(
    range: { startingHashKey: bigint; endingHashKey: bigint },
    parentShardIds: string[],
    openedAtUs: number,
  ): Shard {
    const index = this.shards.length;
    const { profile, limiter, retentionUs, coalesceUs, metricsResolutionUs, durationUs } =
      this.options;
    return new Shard({
      index,
      shardId: shardId(index),
      range,
      parentShardIds,
      openedAtUs,
      profile,
      limiter,
      retentionUs,
      coalesceUs,
      metrics: new ShardMetrics(metricsResolutionUs, durationUs),
    });
  }
}
