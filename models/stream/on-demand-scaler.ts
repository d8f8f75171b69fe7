import { uniform } from "../../src/engine/distributions/uniform.js";
import type { Random } from "../../src/engine/random-streams.js";
import type { Simulation } from "../../src/engine/simulation.js";
import { US_PER_SECOND } from "../../src/engine/time-units.js";
import { rangeFraction } from "../hashing/hash-range.js";
import type { LimitsProfile } from "../limits/profile.js";
import type { Shard } from "../shards/shard.js";
import type { KinesisStream } from "./kinesis-stream.js";
import { PeakMemory } from "./peak-memory.js";
import type { StreamOperations } from "./stream-operations.js";

/** What the scaler knows of one open shard. */
interface ShardWatch {
  bytesAtLastLook: number;
  recordsAtLastLook: number;
  lastBytesPerSecond: number;
  lastRecordsPerSecond: number;
  /** Since when both rates have stayed below the scale-down line; undefined while busier. */
  quietSinceUs: number | undefined;
  splitPending: boolean;
  readonly peaks: PeakMemory;
}

/**
 * On-demand capacity, Standard and Advantage (kinesis-facts.md §6). Every evaluation interval
 * each open shard's accepted write rate is measured in bytes and in (Kinesis) records per
 * second. A shard above 500 KB/s or above the records trigger is split evenly "within 15
 * minutes" (a delay drawn up to the profile's maximum), if it is still above a trigger at the
 * last measurement before the split (a brief burst is not growth).
 *
 * The documented rules emerge rather than being imposed: a shard takes 1 MiB/s and 1,000
 * records/s, so splitting at half of each leaves room for twice the traffic that caused the
 * splits, and traffic that more than doubles faster than the splits arrive is throttled. Each
 * shard remembers the highest rates its hash range saw over the profile's peak memory (30
 * days); scale-down (timing not published) merges two adjacent shards that both stayed quiet
 * for the profile's duration only if their remembered peaks together stay within the split
 * triggers, so the stream keeps room for twice its 30-day peak and a weekday peak after a
 * quiet weekend finds its shards still there. Per-shard limits still apply, so a single
 * partition key above a shard's limits still throttles. Never fewer shards than `floorShards`
 * (the initial count, or an Advantage stream's warm throughput), and no split beyond the
 * mode's capacity (`onDemandMaxWriteBytesPerSecond`) or `maxShardsPerStream`: splits already
 * drawn count against both, and both are asked again when a split falls due.
 */
export class OnDemandScaler {
  private readonly watches = new Map<Shard, ShardWatch>();
  /** Splits drawn but not yet carried out (or dropped). */
  private pendingSplits = 0;

  constructor(
    private readonly simulation: Simulation,
    private readonly stream: KinesisStream,
    private readonly operations: StreamOperations,
    private readonly profile: LimitsProfile,
    private readonly random: Random,
    private readonly floorShards: number,
  ) {}

  start(): void {
    const now = this.simulation.nowUs;
    for (const shard of this.stream.openShards) this.watches.set(shard, this.newWatch(shard, now));
    this.stream.onShardOpened((shard) => this.inherit(shard));
    this.simulation.schedule(this.profile.onDemandEvaluationUs, () => this.evaluate());
  }

  private newWatch(shard: Shard, nowUs: number, peaks?: PeakMemory): ShardWatch {
    return {
      bytesAtLastLook: shard.metrics.bytesIn,
      recordsAtLastLook: shard.metrics.kinesisRecordsIn,
      lastBytesPerSecond: 0,
      lastRecordsPerSecond: 0,
      quietSinceUs: undefined,
      splitPending: false,
      peaks: peaks ?? new PeakMemory(this.profile.onDemandPeakMemoryUs, nowUs),
    };
  }

  /** A shard opened by a split or merge remembers its parents' peaks for its part of the range. */
  private inherit(child: Shard): void {
    const now = this.simulation.nowUs;
    const parents = child.parentShardIds
      .map((id) => this.stream.findShard(id))
      .filter((parent): parent is Shard => parent !== undefined);
    const memories = parents.map((parent) => this.watches.get(parent)?.peaks);
    let peaks: PeakMemory | undefined;
    if (parents.length === 1 && memories[0] !== undefined) {
      const parent = parents[0] as Shard;
      peaks = memories[0].scaled(rangeFraction(child.range) / rangeFraction(parent.range), now);
    } else if (parents.length === 2 && memories[0] !== undefined && memories[1] !== undefined) {
      peaks = PeakMemory.sum(memories[0], memories[1], now);
    }
    // Parents stay watched until the next evaluation: a split's second child inherits too.
    this.watches.set(child, this.newWatch(child, now, peaks));
  }

  private evaluate(): void {
    const p = this.profile;
    const now = this.simulation.nowUs;
    const windowSeconds = p.onDemandEvaluationUs / US_PER_SECOND;
    for (const shard of [...this.watches.keys()]) {
      if (shard.status !== "OPEN") this.watches.delete(shard);
    }
    for (const shard of this.stream.openShards) {
      const watch = this.watches.get(shard) ?? this.newWatch(shard, now);
      this.watches.set(shard, watch);
      const { bytesIn, kinesisRecordsIn } = shard.metrics;
      watch.lastBytesPerSecond = (bytesIn - watch.bytesAtLastLook) / windowSeconds;
      watch.lastRecordsPerSecond = (kinesisRecordsIn - watch.recordsAtLastLook) / windowSeconds;
      watch.bytesAtLastLook = bytesIn;
      watch.recordsAtLastLook = kinesisRecordsIn;
      watch.peaks.record(now, watch.lastBytesPerSecond, watch.lastRecordsPerSecond);
      if (this.aboveSplitTrigger(watch)) {
        watch.quietSinceUs = undefined;
        this.scheduleSplit(shard, watch);
      } else if (
        watch.lastBytesPerSecond < p.onDemandScaleDownBytesPerSecond &&
        watch.lastRecordsPerSecond < p.onDemandScaleDownRecordsPerSecond
      ) {
        watch.quietSinceUs ??= now - p.onDemandEvaluationUs;
      } else {
        watch.quietSinceUs = undefined;
      }
    }
    this.mergeOneQuietPair(now);
    this.simulation.schedule(p.onDemandEvaluationUs, () => this.evaluate());
  }

  private aboveSplitTrigger(watch: ShardWatch): boolean {
    return (
      watch.lastBytesPerSecond > this.profile.onDemandSplitBytesPerSecond ||
      watch.lastRecordsPerSecond > this.profile.onDemandSplitRecordsPerSecond
    );
  }

  private scheduleSplit(shard: Shard, watch: ShardWatch): void {
    if (watch.splitPending) return;
    // Splits already drawn count as made: shards crossing the trigger in the same look must
    // not each take the last room under the caps.
    if (!this.roomForSplit(shard, this.pendingSplits)) return;
    watch.splitPending = true;
    this.pendingSplits++;
    const delayUs = uniform(this.random, 0, this.profile.onDemandSplitMaxDelayUs);
    this.simulation.schedule(delayUs, () => {
      watch.splitPending = false;
      this.pendingSplits--;
      // Split only if the shard is still busy: a brief burst above the line is not growth.
      // The caps are asked again: the stream may have changed since the split was drawn.
      if (shard.status === "OPEN" && this.aboveSplitTrigger(watch) && this.roomForSplit(shard, 0)) {
        this.operations.performInternal({ kind: "split", shardId: shard.shardId }, "on-demand");
      }
    });
  }

  /**
   * Whether splitting `shard` keeps the stream within the mode's capacity cap and the shards a
   * stream may have, with `otherSplits` more splits still to come, and leaves no shard
   * narrower than one of the most a stream may have.
   */
  private roomForSplit(shard: Shard, otherSplits: number): boolean {
    const p = this.profile;
    const shardsAfter = this.stream.openShards.length + otherSplits + 1;
    return (
      shardsAfter * p.shardWriteBytesPerSecond <= p.onDemandMaxWriteBytesPerSecond &&
      shardsAfter <= p.maxShardsPerStream &&
      rangeFraction(shard.range) >= 2 / p.maxShardsPerStream
    );
  }

  /**
   * Merges the first adjacent pair (in hash-key order) that has been quiet long enough and
   * whose remembered peaks, added, stay within the split triggers: the merged shard would not
   * need splitting again at the peak of the last 30 days.
   */
  private mergeOneQuietPair(now: number): void {
    const p = this.profile;
    const open = this.stream.openShards;
    if (open.length <= this.floorShards) return;
    const quietEnough = (watch: ShardWatch | undefined): watch is ShardWatch =>
      watch !== undefined &&
      watch.quietSinceUs !== undefined &&
      now - watch.quietSinceUs >= p.onDemandScaleDownAfterUs &&
      !watch.splitPending;
    for (let i = 0; i + 1 < open.length; i++) {
      const left = open[i] as Shard;
      const right = open[i + 1] as Shard;
      const leftWatch = this.watches.get(left);
      const rightWatch = this.watches.get(right);
      if (!quietEnough(leftWatch) || !quietEnough(rightWatch)) continue;
      const together = PeakMemory.sum(leftWatch.peaks, rightWatch.peaks, now).peak(now);
      if (
        together.bytesPerSecond > p.onDemandSplitBytesPerSecond ||
        together.recordsPerSecond > p.onDemandSplitRecordsPerSecond
      ) {
        continue;
      }
      this.operations.performInternal(
        { kind: "merge", shardIds: [left.shardId, right.shardId] },
        "on-demand",
      );
      return;
    }
  }
}
