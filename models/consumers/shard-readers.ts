import type { EventHandle } from "../../src/engine/simulation.js";
import type { Shard, ShardCursor } from "../shards/shard.js";
import type { ConsumerContext } from "./consumer-context.js";
import type { StartSettings } from "./consumer-settings.js";
import { startSeq } from "./start-position.js";
import type { UnreadAge, UnreadAgeState } from "./unread-age.js";

/**
 * An application's reader of one shard: `idle` until the application starts (it has no
 * position yet), `waiting` for its parent shards to be read to their ends, `reading`, or
 * `finished` (a closed shard read to its end).
 */
export interface ShardReader {
  readonly shard: Shard;
  readonly cursor: ShardCursor;
  /** The reader's next scheduled fetch (poll, push or subscription attempt), if any. */
  next: EventHandle | undefined;
  state: "idle" | "waiting" | "reading" | "finished";
  /** Polling: when its current shard iterator was returned; undefined when it has none. */
  iteratorUs: number | undefined;
  /**
   * Records its last fetch could see but did not return (a capped read); undefined before
   * its first fetch. What arrived after that fetch is in flight, not behind.
   */
  behindAtLastFetch: number | undefined;
  /** Whether it has received a record of this shard: it then knows where to go on after. */
  received: boolean;
  /** Where it was registered; records from here to its start position are skipped. */
  readonly originSeq: number;
  /** The age of its oldest unread record, tracked from when it has a position (unread-age.ts). */
  age: UnreadAgeState | undefined;
}

export interface ShardReadersOptions extends StartSettings {
  /** How often a child shard's reader checks that its parents are read to their ends. */
  readonly parentPollIntervalUs: number;
  /** Starts (or restarts) a reader's fetch loop after `delayUs`. */
  readonly onReady: (reader: ShardReader, delayUs: number) => void;
  /** Delay of each reader's first fetch when the application (re)starts. */
  readonly firstFetchDelayUs: () => number;
  /** Called for every reader that gets a position (a KCL application makes it a lease). */
  readonly onAdded?: (reader: ShardReader) => void;
  /** KCL applications: the reader's checkpoint, where a restart goes on from. */
  readonly checkpointOf?: (reader: ShardReader) => number | undefined;
  /** Told of every reader when the application stops (enhanced fan-out closes its subscriptions). */
  readonly onStop?: (reader: ShardReader) => void;
  /**
   * Brings a reader's deliveries up to now before its state is looked at (enhanced fan-out in
   * segment runs delivers lazily: a parent's end may have been pushed since).
   */
  readonly settle?: (reader: ShardReader) => void;
  /** The application's oldest-unread ages, told of every move of a reader's position. */
  readonly unreadAge: UnreadAge;
}

/**
 * The shards one consumer application reads and where it is in each. When the application
 * starts (`launchAtUs`) every shard gets a position per `startAt` (kinesis-facts.md §7);
 * shards opened later are read from their first record. After a reshard it reads each
 * parent to its end before its children, as the KCL does (kinesis-facts.md §5: "Read the
 * parent to exhaustion before the children"): a child's reader waits, looking every
 * `parentPollIntervalUs` (the KCL's parentShardPollIntervalMillis, 10 s, §9), until every
 * parent's reader has finished. The application supplies how a reader fetches (`onReady`),
 * so polling and enhanced fan-out share this bookkeeping.
 *
 * A stop (`pause`) of at most a shard iterator's lifetime (5 min, §7) is a pause: the
 * application goes on where it was. After a longer one its iterators have expired and it
 * restarts like a new process: a KCL application from its checkpoints, any other after the
 * last record it received in each shard (`restartFrom: lastRecord`) or per `startAt` at
 * that moment (`restartFrom: startAt`, and on shards it had received nothing from).
 */
export class ShardReaders {
  readonly all: ShardReader[] = [];
  private readonly byShard = new Map<Shard, ShardReader>();
  running = false;
  /** Whether the application has started (its readers have positions). */
  launched = false;
  /** When the application last stopped, while it is stopped. */
  private stoppedAtUs: number | undefined;
  /** Records before a start position (LATEST, AT_TIMESTAMP, a restart), never meant to be read. */
  skipped = 0;

  constructor(
    private readonly context: ConsumerContext,
    private readonly options: ShardReadersOptions,
  ) {}

  /** Registers every shard (and every shard opened later), and starts at `launchAtUs`. */
  start(): void {
    for (const shard of this.context.stream.shards) this.add(shard, shard.log.trimSeq, "idle");
    this.context.stream.onShardOpened((shard) =>
      this.add(shard, 0, this.launched ? "waiting" : "idle"),
    );
    const { simulation } = this.context;
    if (this.options.launchAtUs <= simulation.nowUs) this.launch();
    else simulation.scheduleAt(this.options.launchAtUs, () => this.launch());
  }

  /** Stops fetching (a crashed or paused application); positions are kept. */
  pause(): void {
    if (!this.running) return;
    this.running = false;
    this.stoppedAtUs = this.context.simulation.nowUs;
    for (const reader of this.all) {
      this.cancelFetch(reader);
      this.options.onStop?.(reader);
    }
  }

  /** Resumes fetching: where it was after a short stop, per its restart rule after a long one. */
  resume(): void {
    if (this.running || !this.launched) return;
    const nowUs = this.context.simulation.nowUs;
    const stoppedForUs = nowUs - (this.stoppedAtUs ?? nowUs);
    this.stoppedAtUs = undefined;
    if (stoppedForUs > this.context.profile.shardIteratorLifetimeUs) {
      for (const reader of this.all) {
        if (reader.state === "reading") this.moveTo(reader, this.restartSeq(reader));
      }
    }
    this.startFetching();
  }

  /** Whether the last stop lasted longer than an iterator lives (so `resume` restarts). */
  stoppedLongerThanIterators(nowUs: number): boolean {
    return (
      this.stoppedAtUs !== undefined &&
      nowUs - this.stoppedAtUs > this.context.profile.shardIteratorLifetimeUs
    );
  }

  /** Marks a closed shard read to its end; its children may start at their next check. */
  finish(reader: ShardReader): void {
    reader.state = "finished";
  }

  /** The reader of `shard`, if the application has one. */
  readerOf(shard: Shard): ShardReader | undefined {
    return this.byShard.get(shard);
  }

  /** Records accepted but never received (nor expired, nor skipped). */
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

  /** The application starts: every shard gets its position per `startAt`, now. */
  private launch(): void {
    this.launched = true;
    const { startAt, restartFrom, checkpointOf } = this.options;
    // A restart per startAt may go back to the start position: keep it in memory.
    const mayRewind =
      restartFrom === "startAt" && startAt.type !== "LATEST" && checkpointOf === undefined;
    for (const reader of this.all) {
      const { shard, cursor } = reader;
      const seq = Math.max(startSeq(startAt, shard), cursor.seq);
      this.skipped += seq - reader.originSeq;
      cursor.seq = seq;
      cursor.deliveredSeq = seq;
      delete cursor.idle;
      if (mayRewind) cursor.retainSeq = seq;
      // LATEST skips closed shards whole: nothing after their newest record will come.
      if (startAt.type === "LATEST" && shard.status === "CLOSED") {
        reader.state = "finished";
        continue;
      }
      // Parents (lower shard indices) are placed first: a child whose parent is read waits.
      reader.state =
        startAt.type !== "LATEST" && this.unfinishedParents(reader).length > 0
          ? "waiting"
          : "reading";
      this.trackAge(reader);
      this.options.onAdded?.(reader);
      if (reader.state === "waiting") this.scheduleParentCheck(reader);
    }
    this.startFetching();
  }

  private startFetching(): void {
    this.running = true;
    for (const reader of this.all) {
      if (reader.state === "reading")
        this.options.onReady(reader, this.options.firstFetchDelayUs());
    }
  }

  /** Where a restarted application goes on in this shard. */
  private restartSeq(reader: ShardReader): number {
    const checkpoint = this.options.checkpointOf?.(reader);
    if (this.options.checkpointOf !== undefined) return checkpoint ?? reader.cursor.seq;
    if (this.options.restartFrom === "lastRecord" && reader.received) return reader.cursor.seq;
    return startSeq(this.options.startAt, reader.shard);
  }

  /**
   * Moves the reader to `seq` (a new iterator): records it jumps over are skipped; going
   * back delivers records again (at-least-once), as far back as retention allows.
   */
  private moveTo(reader: ShardReader, seq: number): void {
    const nowUs = this.context.simulation.nowUs;
    const unreadAge = this.options.unreadAge;
    unreadAge.sync(reader, nowUs);
    this.jump(reader, seq);
    unreadAge.begin(reader, nowUs);
  }

  private jump(reader: ShardReader, seq: number): void {
    const { cursor, shard } = reader;
    if (seq >= cursor.seq) {
      this.skipped += Math.max(0, seq - Math.max(cursor.seq, cursor.deliveredSeq));
      cursor.deliveredSeq = Math.max(cursor.deliveredSeq, seq);
      cursor.seq = seq;
    } else {
      cursor.seq = Math.max(seq, shard.log.trimSeq);
    }
  }

  private cancelFetch(reader: ShardReader): void {
    if (reader.next !== undefined) this.context.simulation.cancel(reader.next);
    reader.next = undefined;
  }

  private add(shard: Shard, seq: number, state: ShardReader["state"]): void {
    const cursor: ShardCursor = { seq, deliveredSeq: seq, expiredUnread: 0 };
    if (state === "idle") cursor.idle = true;
    shard.addCursor(cursor);
    const reader: ShardReader = {
      shard,
      cursor,
      next: undefined,
      state,
      iteratorUs: undefined,
      behindAtLastFetch: undefined,
      received: false,
      originSeq: seq,
      age: undefined,
    };
    this.all.push(reader);
    this.byShard.set(shard, reader);
    if (state === "idle") return;
    this.trackAge(reader);
    this.options.onAdded?.(reader);
    if (state === "waiting") this.scheduleParentCheck(reader);
  }

  /**
   * From now on the reader's oldest unread record is tracked: the ages before a retention trim
   * moves its position are filled in first (at the old position).
   */
  private trackAge(reader: ShardReader): void {
    const unreadAge = this.options.unreadAge;
    const simulation = this.context.simulation;
    unreadAge.begin(reader, simulation.nowUs);
    reader.cursor.beforeExpiry = () => unreadAge.sync(reader, simulation.nowUs);
  }

  /** The readers of this reader's parents that have not read them to their ends. */
  unfinishedParents(reader: ShardReader): ShardReader[] {
    const stream = this.context.stream;
    const unfinished: ShardReader[] = [];
    for (const parentId of reader.shard.parentShardIds) {
      const parent = stream.findShard(parentId);
      const parentReader = parent === undefined ? undefined : this.byShard.get(parent);
      if (parentReader !== undefined && parentReader.state !== "finished") {
        unfinished.push(parentReader);
      }
    }
    return unfinished;
  }

  private scheduleParentCheck(reader: ShardReader): void {
    this.context.simulation.schedule(this.options.parentPollIntervalUs, () => {
      const settle = this.options.settle;
      if (settle !== undefined) for (const parent of this.unfinishedParents(reader)) settle(parent);
      if (this.unfinishedParents(reader).length > 0) {
        this.scheduleParentCheck(reader);
        return;
      }
      reader.state = "reading";
      if (this.running) this.options.onReady(reader, 0);
    });
  }
}
