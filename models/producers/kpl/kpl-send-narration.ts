import type { Narrator } from "../../narration/narrator.js";
import { countByShard, PutTally } from "../../narration/put-tally.js";
import type { Segment } from "../../shards/segment.js";
import type { Shard } from "../../shards/shard.js";
import type { KplSettings } from "./kpl-settings.js";

/**
 * What one KPL send tells `kinesim explain`: records expired, records the limiter held back,
 * the put and what it dropped. Kept apart from kpl-send.ts so that the sending rule reads
 * without the telling; the send calls these in the order the events happen.
 */
export class KplSendNarration {
  private readonly tally = new PutTally();

  constructor(
    private readonly narrator: Narrator,
    private readonly shards: readonly Shard[],
    private readonly settings: KplSettings,
    private readonly producer: string,
    private readonly atUs: number,
  ) {}

  expired(shard: number, records: number): void {
    this.narrator.note({
      kind: "kpl-expired",
      atUs: this.atUs,
      producer: this.producer,
      shardId: (this.shards[shard] as Shard).shardId,
      records,
      recordTtlUs: this.settings.recordTtlUs,
    });
  }

  /** One line per shard (record mode holds back Kinesis records one by one). */
  held(later: readonly Segment[]): void {
    if (later.length === 0) return;
    const heldByShard = new Map<number, number>();
    for (const held of later) {
      heldByShard.set(held.shard, (heldByShard.get(held.shard) ?? 0) + held.count);
    }
    for (const [shard, records] of heldByShard) {
      this.narrator.note({
        kind: "kpl-held",
        atUs: this.atUs,
        producer: this.producer,
        shardId: (this.shards[shard] as Shard).shardId,
        records,
        rateLimitPercent: this.settings.rateLimitPercent,
      });
    }
  }

  /** A segment put on `shard`, `accepted` of its records taken. */
  put(shard: Shard, segment: Segment, accepted: number): void {
    this.tally.add(shard, segment, accepted);
  }

  /** The put's outcome per shard, then what it dropped for good. */
  report(attempt: number, dropped: readonly Segment[]): void {
    this.tally.report(this.narrator, {
      atUs: this.atUs,
      producer: this.producer,
      api: "PutRecords",
      kpl: true,
      attempt,
    });
    if (dropped.length === 0) return;
    this.narrator.note({
      kind: "drop",
      atUs: this.atUs,
      producer: this.producer,
      records: dropped.reduce((sum, segment) => sum + segment.count, 0),
      byShard: countByShard(dropped, this.shards),
      attempts: attempt,
      why: this.settings.failIfThrottled ? "failIfThrottled" : "retries",
    });
  }
}
