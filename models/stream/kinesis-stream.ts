import { evenSplit } from "../hashing/even-split.js";
import { HashKeyCache } from "../hashing/hash-key-cache.js";
import { type HashRange, mergeRanges, splitRange } from "../hashing/hash-range.js";
import { shardId } from "../hashing/shard-id.js";
import { ShardRouter } from "../hashing/shard-router.js";
import type { LimitsProfile } from "../limits/profile.js";
import type { Narrator } from "../narration/narrator.js";
import { NumberBlocks } from "../shards/number-blocks.js";
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
  /** Told about retention trimming (`kinesim explain`). */
  readonly narrator?: Narrator | undefined;
}

/**
 * A Kinesis data stream: every shard it ever had (indexed by shard number) and a router
 * over the open ones. Created with AWS's even split of the hash key space (kinesis-facts.md §4).
 */
export class KinesisStream {
  /** All shards, open and closed, by index: shard i is `shardId-` + i padded to 12 digits. */
  readonly shards: Shard[] = [];
  readonly hashKeys = new HashKeyCache();
  /** ACTIVE, or UPDATING while a resharding operation is in flight (kinesis-facts.md §5). */
  status: "ACTIVE" | "UPDATING" = "ACTIVE";
  private openRouter: ShardRouter<Shard>;
  private readonly shardsOpened: ((shard: Shard) => void)[] = [];
  /** The write path's numbers of every shard, side by side (number-blocks.ts). */
  private readonly numbers = new NumberBlocks();

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

  /** The shard with this id, open or closed, if it exists. */
  findShard(shardId: string): Shard | undefined {
    return this.shards.find((shard) => shard.shardId === shardId);
  }

  /** Calls `listener` with every shard opened from now on (by a split or a merge). */
  onShardOpened(listener: (shard: Shard) => void): void {
    this.shardsOpened.push(listener);
  }

  /**
   * SplitShard's effect (kinesis-facts.md §4, §5): the parent closes — no new writes, still readable
   * until its records expire — and two children open with [start, key − 1] and [key, end],
   * taking the next unused shard indices. New writes route to the children.
   */
  splitShard(parent: Shard, newStartingHashKey: bigint, nowUs: number): [Shard, Shard] {
    const [left, right] = splitRange(parent.range, newStartingHashKey);
    parent.close(nowUs);
    const first = this.createShard(left, [parent.shardId], nowUs);
    this.shards.push(first);
    const second = this.createShard(right, [parent.shardId], nowUs);
    this.shards.push(second);
    this.reroute([first, second]);
    return [first, second];
  }

  /**
   * MergeShards' effect (kinesis-facts.md §5): two adjacent open shards close and one child with
   * the union of their ranges opens; its parents are both (ParentShardId and
   * AdjacentParentShardId in the API).
   */
  mergeShards(a: Shard, b: Shard, nowUs: number): Shard {
    const [low, high] = a.startingHashKey < b.startingHashKey ? [a, b] : [b, a];
    const range = mergeRanges(low.range, high.range);
    low.close(nowUs);
    high.close(nowUs);
    const child = this.createShard(range, [low.shardId, high.shardId], nowUs);
    this.shards.push(child);
    this.reroute([child]);
    return child;
  }

  /** Whether `ancestor` is `shard` itself or one of its parents, grandparents, … */
  descendsFrom(shard: Shard, ancestor: Shard): boolean {
    if (shard === ancestor) return true;
    return shard.parentShardIds.some((parentId) => {
      const parent = this.findShard(parentId);
      return parent !== undefined && this.descendsFrom(parent, ancestor);
    });
  }

  /** The open shards whose hash ranges overlap `range`, in hash-key order. */
  openShardsOverlapping(range: HashRange): Shard[] {
    return this.openShards.filter(
      (shard) =>
        shard.startingHashKey <= range.endingHashKey &&
        shard.endingHashKey >= range.startingHashKey,
    );
  }

  private reroute(opened: readonly Shard[]): void {
    const open = this.shards
      .filter((shard) => shard.status === "OPEN")
      .sort((a, b) => (a.startingHashKey < b.startingHashKey ? -1 : 1));
    this.openRouter = new ShardRouter(open, this.hashKeys);
    for (const shard of opened) for (const listener of this.shardsOpened) listener(shard);
  }

  /** Stores every window's records up to `nowUs` (window/shard-window.ts). */
  settleWindows(nowUs: number): void {
    for (const shard of this.shards) shard.settle(nowUs);
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
    const { profile, limiter, retentionUs, coalesceUs, metricsResolutionUs, durationUs, narrator } =
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
      metrics: new ShardMetrics(metricsResolutionUs, durationUs, this.numbers),
      narrator,
      numbers: this.numbers,
    });
  }
}
