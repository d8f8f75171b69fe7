import type { EventHandle } from "../../src/engine/simulation.js";
import type { Shard, ShardCursor } from "../shards/shard.js";
import type { ConsumerContext } from "./consumer-context.js";

/**
 * An application's reader of one shard: `waiting` for its parent shards to be read to their
 * ends, `reading`, or `finished` (a closed shard read to its end).
 */
export interface ShardReader {
  readonly shard: Shard;
  readonly cursor: ShardCursor;
  /** The reader's next scheduled fetch (poll or push), if any. */
  next: EventHandle | undefined;
  state: "waiting" | "reading" | "finished";
}

/**
 * The shards one consumer application reads and where it is in each: every open shard from
 * its starting position, then every shard opened later from its first record. After a
 * reshard it reads each parent to its end before its children, as the KCL does (kinesis-facts.md
 * §5: "Read the parent to exhaustion before the children"): a child's reader waits, looking
 * every `parentPollIntervalUs` (the KCL's parentShardPollIntervalMillis, 10 s, §9), until
 * every parent's reader has finished. The application supplies how a reader fetches
 * (`onReady`), so polling and enhanced fan-out share this bookkeeping.
 */
export class ShardReaders {
  readonly all: ShardReader[] = [];
  private readonly byShard = new Map<Shard, ShardReader>();
  running = false;
  /** Records before a LATEST starting position, never meant to be read. */
  skipped = 0;

  constructor(
    private readonly context: ConsumerContext,
    private readonly startAt: "LATEST" | "TRIM_HORIZON",
    private readonly parentPollIntervalUs: number,
    /** Starts (or restarts) a reader's fetch loop after `delayUs`. */
    private readonly onReady: (reader: ShardReader, delayUs: number) => void,
    /** Delay of each reader's first fetch when the application (re)starts. */
    private readonly firstFetchDelayUs: () => number,
    /** Called for every reader created (a KCL application makes it a lease). */
    private readonly onAdded: (reader: ShardReader) => void = () => {},
  ) {}

  /** Starts reading every open shard at the starting position, and follows reshards. */
  start(): void {
    for (const shard of this.context.stream.openShards) {
      const log = shard.log;
      const seq = this.startAt === "TRIM_HORIZON" ? log.trimSeq : log.nextSeq;
      this.skipped += seq - log.trimSeq;
      this.add(shard, seq, "reading");
    }
    this.context.stream.onShardOpened((shard) => this.add(shard, 0, "waiting"));
    this.resume();
  }

  /** Stops fetching (a crashed or paused application); cursors are kept. */
  pause(): void {
    this.running = false;
    for (const reader of this.all) {
      if (reader.next !== undefined) this.context.simulation.cancel(reader.next);
      reader.next = undefined;
    }
  }

  /** Resumes fetching from the cursors. */
  resume(): void {
    if (this.running) return;
    this.running = true;
    for (const reader of this.all) {
      if (reader.state === "reading") this.onReady(reader, this.firstFetchDelayUs());
    }
  }

  /** Marks a closed shard read to its end; its children may start at their next check. */
  finish(reader: ShardReader): void {
    reader.state = "finished";
  }

  /** Records accepted but never received (nor expired). */
  get unread(): number {
    let unread = 0;
    for (const { shard, cursor } of this.all) {
      unread += shard.log.nextSeq - Math.max(cursor.seq, cursor.deliveredSeq);
    }
    return unread;
  }

  get expiredUnread(): number {
    let expired = 0;
    for (const { cursor } of this.all) expired += cursor.expiredUnread;
    return expired;
  }

  private add(shard: Shard, seq: number, state: ShardReader["state"]): void {
    const cursor: ShardCursor = { seq, deliveredSeq: seq, expiredUnread: 0 };
    shard.addCursor(cursor);
    const reader: ShardReader = { shard, cursor, next: undefined, state };
    this.all.push(reader);
    this.byShard.set(shard, reader);
    this.onAdded(reader);
    if (state === "waiting") this.scheduleParentCheck(reader);
  }

  private scheduleParentCheck(reader: ShardReader): void {
    this.context.simulation.schedule(this.parentPollIntervalUs, () => {
      const stream = this.context.stream;
      const ready = reader.shard.parentShardIds.every((parentId) => {
        const parent = stream.findShard(parentId);
        const parentReader = parent === undefined ? undefined : this.byShard.get(parent);
        return parentReader === undefined || parentReader.state === "finished";
      });
      if (!ready) {
        this.scheduleParentCheck(reader);
        return;
      }
      reader.state = "reading";
      if (this.running) this.onReady(reader, 0);
    });
  }
}
