import { uniform } from "../../src/engine/distributions/uniform.js";
import type { Random } from "../../src/engine/random-streams.js";
import type { Simulation } from "../../src/engine/simulation.js";
import { US_PER_SECOND } from "../../src/engine/time-units.js";
import { rangeFraction } from "../hashing/hash-range.js";
import type { LimitsProfile } from "../limits/profile.js";
import type { Shard } from "../shards/shard.js";
import type { KinesisStream } from "./kinesis-stream.js";
import type { StreamOperations } from "./stream-operations.js";

/**
 * On-demand capacity (kinesis-facts.md §6). Every evaluation interval each open shard's write rate
 * is measured; a shard above 500 KB/s is split evenly "within 15 minutes" (a delay drawn up
 * to the profile's maximum), if it is still above the line at the last measurement before
 * the split (a brief burst is not growth). Because a shard takes 1 MB/s, a stream split at 500 KB/s
 * absorbs up to twice its previous peak; traffic that more than doubles faster than the
 * splits arrive is throttled — the documented 2× rule emerges rather than being imposed.
 * Per-shard limits still apply, so a hot key still throttles. Scale-down (not published):
 * two adjacent shards that both stayed below the profile's threshold for its duration are
 * merged, never below the initial shard count.
 */
export class OnDemandScaler {
  private readonly bytesAtLastLook = new Map<Shard, number>();
  private readonly lastRate = new Map<Shard, number>();
  private readonly quietSinceUs = new Map<Shard, number>();
  private readonly splitPending = new Set<Shard>();

  constructor(
    private readonly simulation: Simulation,
    private readonly stream: KinesisStream,
    private readonly operations: StreamOperations,
    private readonly profile: LimitsProfile,
    private readonly random: Random,
  ) {}

  start(): void {
    this.simulation.schedule(this.profile.onDemandEvaluationUs, () => this.evaluate());
  }

  private evaluate(): void {
    const p = this.profile;
    const now = this.simulation.nowUs;
    const windowSeconds = p.onDemandEvaluationUs / US_PER_SECOND;
    for (const shard of this.stream.openShards) {
      const bytes = shard.metrics.bytesIn;
      const rate = (bytes - (this.bytesAtLastLook.get(shard) ?? 0)) / windowSeconds;
      this.bytesAtLastLook.set(shard, bytes);
      this.lastRate.set(shard, rate);
      if (rate > p.onDemandSplitBytesPerSecond) {
        this.quietSinceUs.delete(shard);
        this.scheduleSplit(shard);
      } else if (rate < p.onDemandScaleDownBytesPerSecond) {
        if (!this.quietSinceUs.has(shard))
          this.quietSinceUs.set(shard, now - p.onDemandEvaluationUs);
      } else {
        this.quietSinceUs.delete(shard);
      }
    }
    this.mergeOneQuietPair(now);
    this.simulation.schedule(p.onDemandEvaluationUs, () => this.evaluate());
  }

  private scheduleSplit(shard: Shard): void {
    const p = this.profile;
    const open = this.stream.openShards.length;
    if (this.splitPending.has(shard)) return;
    // Capacity cap of the mode, and no shard narrower than one of the most a stream may have.
    if ((open + 1) * p.shardWriteBytesPerSecond > p.onDemandMaxWriteBytesPerSecond) return;
    if (open + 1 > p.maxShardsPerStream || rangeFraction(shard.range) < 2 / p.maxShardsPerStream)
      return;
    this.splitPending.add(shard);
    const delayUs = uniform(this.random, 0, p.onDemandSplitMaxDelayUs);
    this.simulation.schedule(delayUs, () => {
      this.splitPending.delete(shard);
      // Split only if the shard is still busy: a brief burst above the line is not growth.
      const stillBusy = (this.lastRate.get(shard) ?? 0) > p.onDemandSplitBytesPerSecond;
      if (shard.status === "OPEN" && stillBusy) {
        this.operations.performInternal({ kind: "split", shardId: shard.shardId }, "on-demand");
      }
    });
  }

  private mergeOneQuietPair(now: number): void {
    const p = this.profile;
    const open = this.stream.openShards;
    if (open.length <= p.onDemandInitialShards) return;
    const quietEnough = (shard: Shard) => {
      const since = this.quietSinceUs.get(shard);
      return (
        since !== undefined &&
        now - since >= p.onDemandScaleDownAfterUs &&
        !this.splitPending.has(shard)
      );
    };
    for (let i = 0; i + 1 < open.length; i++) {
      const left = open[i] as Shard;
      const right = open[i + 1] as Shard;
      if (quietEnough(left) && quietEnough(right)) {
        this.operations.performInternal(
          { kind: "merge", shardIds: [left.shardId, right.shardId] },
          "on-demand",
        );
        return;
      }
    }
  }
}
