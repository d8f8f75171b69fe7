import type { Segment } from "../../shards/segment.js";
import type { KplClient } from "./kpl-client.js";
import { collectorLingerUs } from "./kpl-collector.js";
import {
  type CollectorLoad,
  collectorLoad,
  type ShardTick,
  type TickTiming,
  tickTiming,
} from "./kpl-segment-timing.js";
import { KplShardShares } from "./kpl-shard-shares.js";

/** A segment-mode tick as the KPL sends it: its Kinesis records, and when and in how many requests. */
export interface KplTickPlan {
  readonly kinesisRecords: Segment[];
  /** Without aggregation: undefined (the tick's own timing and request count hold). */
  readonly timing: TickTiming | undefined;
}

/**
 * Segment mode, KPL: each shard's records of a tick become the Kinesis records the KPL's
 * flush rule makes of them at the shard's expected rate from this producer (the producer's
 * mean rate over the tick × the shard's share of the keys), and leave when and in as many
 * requests as the rule says (kpl-segment-timing.ts).
 */
export class KplSegmentTicks {
  private readonly shares = new KplShardShares();
  /** The collector's load at the last rate and shares (recomputed when either changes). */
  private lastLoad:
    | { ratePerSecond: number; shares: Float64Array; load: CollectorLoad }
    | undefined;

  constructor(private readonly kpl: KplClient) {}

  /**
   * @param ratePerSecond the producer's mean rate over the tick.
   * @param shards the open shards, in the order of `probabilities` (their shares of the keys).
   */
  plan(
    segments: readonly Segment[],
    ratePerSecond: number,
    tickUs: number,
    shards: readonly { index: number }[],
    probabilities: Float64Array,
  ): KplTickPlan {
    const kpl = this.kpl;
    const shardTicks: ShardTick[] = [];
    const kinesisRecords = segments.map((segment) => {
      const recordsPerSecond =
        ratePerSecond * this.shares.shareOf(segment.shard, shards, probabilities);
      const occupancy = kpl.occupancy(recordsPerSecond);
      shardTicks.push({ userRecords: segment.count, recordsPerSecond, occupancy });
      return kpl.aggregate(segment, recordsPerSecond);
    });
    const { recordMaxBufferedTimeUs, aggregation, collectionMaxCount } = kpl.settings;
    // Without aggregation every record reaches the collector at once with its own deadline
    // (arrival + T): the collector is the producer's one T-window, as the tick already is.
    if (!aggregation) return { kinesisRecords, timing: undefined };
    const timing = tickTiming(
      shardTicks,
      this.collectorLoad(ratePerSecond, probabilities),
      tickUs,
      recordMaxBufferedTimeUs,
      collectorLingerUs(recordMaxBufferedTimeUs, aggregation),
      collectionMaxCount,
    );
    return { kinesisRecords, timing };
  }

  private collectorLoad(ratePerSecond: number, shares: Float64Array): CollectorLoad {
    const last = this.lastLoad;
    if (last !== undefined && last.ratePerSecond === ratePerSecond && last.shares === shares) {
      return last.load;
    }
    const load = collectorLoad(
      ratePerSecond,
      shares,
      (lambda) => this.kpl.occupancy(lambda).userRecordsPerKinesisRecord,
    );
    this.lastLoad = { ratePerSecond, shares, load };
    return load;
  }
}
