import type { Segment } from "../shards/segment.js";
import type { Shard } from "../shards/shard.js";
import type { PutEvent, PutShardOutcome, ShardCounts, WriteLimit } from "./narration-events.js";
import type { Narrator } from "./narrator.js";

interface ShardTally {
  shardId: string;
  records: number;
  bytes: number;
  kinesisRecords: number;
  accepted: number;
  refusedBy: WriteLimit[];
}

/** The parts of a put event that the whole call shares. */
export type PutCall = Pick<PutEvent, "atUs" | "producer" | "api" | "kpl" | "attempt">;

/**
 * Adds up one put call's outcome per shard while a narrator listens, so that a PutRecords
 * batch of single records reads as one line per shard, not one per record.
 */
export class PutTally {
  private readonly byShard = new Map<number, ShardTally>();

  /** After `shard.put(segment)` accepted `accepted` of its records. */
  add(shard: Shard, segment: Segment, accepted: number): void {
    let tally = this.byShard.get(shard.index);
    if (tally === undefined) {
      tally = {
        shardId: shard.shardId,
        records: 0,
        bytes: 0,
        kinesisRecords: 0,
        accepted: 0,
        refusedBy: [],
      };
      this.byShard.set(shard.index, tally);
    }
    tally.records += segment.count;
    tally.bytes += segment.bytes;
    tally.kinesisRecords += segment.count * (segment.recordWeight ?? 1);
    tally.accepted += accepted;
    if (accepted < segment.count) {
      const refusal = shard.lastRefusal;
      if (!tally.refusedBy.some((known) => known.limit === refusal.limit)) {
        tally.refusedBy.push(refusal);
      }
    }
  }

  /** Tells the narrator the call's put event (nothing if no record reached a shard). */
  report(narrator: Narrator, call: PutCall): void {
    if (this.byShard.size === 0) return;
    const shards: PutShardOutcome[] = [];
    let records = 0;
    let bytes = 0;
    for (const index of [...this.byShard.keys()].sort((a, b) => a - b)) {
      const tally = this.byShard.get(index) as ShardTally;
      records += tally.records;
      bytes += tally.bytes;
      shards.push({
        shardId: tally.shardId,
        records: tally.records,
        bytes: tally.bytes,
        ...(call.kpl ? { kinesisRecords: Math.ceil(tally.kinesisRecords - 1e-9) } : {}),
        accepted: tally.accepted,
        throttled: tally.records - tally.accepted,
        refusedBy: tally.refusedBy,
      });
    }
    narrator.note({ kind: "put", ...call, records, bytes, shards });
  }
}

/** Records per shard id of `segments` (for retry and drop events). */
export function countByShard(segments: readonly Segment[], shards: readonly Shard[]): ShardCounts {
  const counts: Record<string, number> = {};
  for (const segment of [...segments].sort((a, b) => a.shard - b.shard)) {
    const id = (shards[segment.shard] as Shard).shardId;
    counts[id] = (counts[id] ?? 0) + segment.count;
  }
  return counts;
}
