import { rangeFraction } from "../../../models/hashing/hash-range.js";
import type { Shard } from "../../../models/shards/shard.js";
import type { KinesisStream } from "../../../models/stream/kinesis-stream.js";
import type { Simulation } from "../../../src/engine/simulation.js";

const S = 1_000_000;

/**
 * Writes to a stream as many uniformly spread partition keys would, without the noise: once a
 * tick every open shard is offered its share of the key space times the current rate, through
 * the shard's own limiter, so what the scalers measure is what the shards accepted. Fractions
 * of a record are carried to the next tick.
 *
 * The tick is the depth of the stream's ingress buckets (`ingressBucketDepthSeconds`), so a
 * tick's put fits a bucket exactly when the shard's share is within its limits and is cut to
 * the limit when it is not; a deeper bucket than AWS's makes days of traffic cheap without
 * changing the per-minute rates the scalers see. Ticks fall at half-ticks, so never at the
 * same instant as a scaler's whole-minute look.
 */
export class SteadyLoad {
  private recordsPerSecond = 0;
  private bytesPerRecord = 1000;
  private userRecordsPerKinesisRecord = 1;
  /** Records refused by the shards' limits so far. */
  throttled = 0;
  private readonly carry = new Map<Shard, number>();
  private ticking = false;
  private readonly tickUs: number;

  constructor(
    private readonly simulation: Simulation,
    private readonly stream: KinesisStream,
  ) {
    this.tickUs = stream.options.profile.ingressBucketDepthSeconds * S;
  }

  /**
   * From `atUs` (a whole number of ticks) on, offers `recordsPerSecond` records of `bytesPerRecord`
   * bytes a second, packed `userRecordsPerKinesisRecord` to a Kinesis record as the KPL's
   * aggregation packs them (1: not aggregated). At a rate of 0 nothing is scheduled, so that
   * days of quiet cost nothing.
   */
  setAt(
    atUs: number,
    recordsPerSecond: number,
    bytesPerRecord = this.bytesPerRecord,
    userRecordsPerKinesisRecord = 1,
  ): void {
    this.simulation.scheduleAt(atUs, () => {
      this.recordsPerSecond = recordsPerSecond;
      this.bytesPerRecord = bytesPerRecord;
      this.userRecordsPerKinesisRecord = userRecordsPerKinesisRecord;
      if (!this.ticking && recordsPerSecond > 0) {
        this.ticking = true;
        this.simulation.schedule(this.tickUs / 2, () => this.tick());
      }
    });
  }

  private tick(): void {
    const now = this.simulation.nowUs;
    if (this.recordsPerSecond === 0) {
      this.ticking = false;
      return;
    }
    for (const shard of this.stream.openShards) {
      const owed =
        (this.carry.get(shard) ?? 0) +
        ((this.recordsPerSecond * this.tickUs) / S) * rangeFraction(shard.range);
      // A hair of tolerance: 0.25 × 1,600 may come out a rounding error below 400.
      const count = Math.floor(owed + 1e-9);
      this.carry.set(shard, owed - count);
      if (count === 0) continue;
      const segment = {
        count,
        bytes: count * this.bytesPerRecord,
        firstCreatedUs: now,
        lastCreatedUs: now,
        producer: 0,
        shard: shard.index,
        ...(this.userRecordsPerKinesisRecord === 1
          ? {}
          : { recordWeight: 1 / this.userRecordsPerKinesisRecord }),
      };
      this.throttled += count - shard.put(segment, now);
    }
    this.simulation.schedule(this.tickUs, () => this.tick());
  }
}
