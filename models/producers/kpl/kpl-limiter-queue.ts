import type { Segment } from "../../shards/segment.js";

/**
 * How often the KPL's limiter looks again at the records it holds back: every 25 ms
 * (kinesis-facts.md §8: KPL aws/kinesis/core/limiter.h, `kDrainDelayMillis`), besides each
 * time a record arrives.
 */
export const KPL_LIMITER_DRAIN_US = 25_000;

/** Records waiting in the limiter: a run of one shard, and the attempt it is on (0 = first). */
export interface QueuedRun {
  segment: Segment;
  readonly attempt: number;
  /** Sent, expired or moved: no longer waiting here. */
  gone: boolean;
}

/** One shard's queue: runs front first, from `head`; runs before `armed` have an expiry set. */
export interface ShardQueue {
  runs: QueuedRun[];
  head: number;
  armed: number;
}

/**
 * The KPL limiter's queues, one per predicted shard (kinesis-facts.md §8: limiter.h). A
 * Kinesis record joins its shard's queue when the aggregator flushes it, or when a retry
 * puts it back (its deadline then RecordMaxBufferedTime ÷ 2 from the throttle); the limiter
 * sends the queue in deadline order while its token buckets allow, and fails as Expired what
 * outlived RecordTtl while waiting. Joining at the deadline makes deadline order the order
 * of joining, so each queue is first in, first out: a record held back or retried waits
 * behind those that joined before it, whatever their age, and an old record gets no
 * priority over a new one.
 */
export class KplLimiterQueues {
  private readonly queues = new Map<number, ShardQueue>();
  /** User records waiting in every queue. */
  records = 0;
  /** Whether a look again is already scheduled. */
  drainScheduled = false;

  /** Puts a run at the back of its shard's queue. */
  join(segment: Segment, attempt: number): void {
    this.queue(segment.shard).runs.push({ segment, attempt, gone: false });
    this.records += segment.count;
  }

  /** The shards with runs waiting, in the order their queues were first used. */
  shards(): number[] {
    const shards: number[] = [];
    for (const [shard, queue] of this.queues)
      if (queue.head < queue.runs.length) shards.push(shard);
    return shards;
  }

  queue(shard: number): ShardQueue {
    let queue = this.queues.get(shard);
    if (queue === undefined) {
      queue = { runs: [], head: 0, armed: 0 };
      this.queues.set(shard, queue);
    }
    return queue;
  }

  /** Drops the runs before the head once they dominate, keeping the queue's work amortised O(1). */
  compact(queue: ShardQueue): void {
    if (queue.head > 1024 && queue.head * 2 > queue.runs.length) {
      queue.runs = queue.runs.slice(queue.head);
      queue.armed = Math.max(0, queue.armed - queue.head);
      queue.head = 0;
    }
  }
}
