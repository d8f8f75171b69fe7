import { onDemandBilledBytesOf, putPayloadUnitsOf } from "../cost/billing-units.js";
import type { HashRange } from "../hashing/hash-range.js";
import type { LimitsProfile } from "../limits/profile.js";
import type { WriteLimit } from "../narration/narration-events.js";
import type { Narrator } from "../narration/narrator.js";
import type { AppendListener } from "./append-listener.js";
import { EgressLimiter } from "./egress-limiter.js";
import {
  BucketIngressLimiter,
  createIngressLimiter,
  type IngressLimiter,
  LIMITER_NUMBERS,
} from "./ingress-limiter.js";
import { admitListed } from "./listed-admission.js";
import { NumberBlocks } from "./number-blocks.js";
import { headBytes, headLastCreatedUs, type Segment, segmentTail } from "./segment.js";
import { LOG_NUMBERS, ShardLog } from "./shard-log.js";
import type { ShardMetrics } from "./shard-metrics.js";
import type { ShardWindow, WindowHost, WindowPart } from "./window/shard-window.js";

/**
 * A consumer application's position in one shard: the next sequence index to read. The
 * shard advances it past trimmed records and counts them as expired for that application.
 */
export interface ShardCursor {
  /** The next record the application will read. */
  seq: number;
  /**
   * One past the highest record the application has received; above `seq` only while it
   * re-reads after a failover (at-least-once redelivery).
   */
  deliveredSeq: number;
  expiredUnread: number;
  /**
   * The lowest position the application may return to (a KCL checkpoint: after a failover
   * it re-reads from there), when below `seq`. Records from here on are kept in memory.
   */
  retainSeq?: number;
  /**
   * The application has no position in this shard yet (it has not started): records
   * trimmed meanwhile were never meant for it, so they are not counted as expired for it.
   */
  idle?: boolean;
  /** Called before retention moves `seq` forward (the application tracks its unread ages). */
  beforeExpiry?: () => void;
}

export type ShardStatus = "OPEN" | "CLOSED";

export type { AppendListener };

export interface ShardOptions {
  readonly index: number;
  readonly shardId: string;
  readonly range: HashRange;
  readonly parentShardIds: readonly string[];
  readonly openedAtUs: number;
  readonly profile: LimitsProfile;
  readonly limiter: "bucket" | "window";
  readonly retentionUs: number;
  readonly coalesceUs: number;
  readonly metrics: ShardMetrics;
  /** Told about retention trimming (`kinesim explain`). */
  readonly narrator?: Narrator | undefined;
  /** Where the shard keeps the numbers its write path uses (shared by a stream's shards). */
  readonly numbers?: NumberBlocks;
}

/**
 * A shard: a hash range with ingress limiters, a log of accepted segments with per-shard
 * sequence numbers, a shared egress limiter for polling consumers, and retention trimming.
 */
export class Shard implements WindowHost {
  readonly index: number;
  readonly shardId: string;
  readonly range: HashRange;
  readonly startingHashKey: bigint;
  readonly endingHashKey: bigint;
  readonly parentShardIds: readonly string[];
  readonly openedAtUs: number;
  closedAtUs: number | undefined;
  status: ShardStatus = "OPEN";
  private readonly logStore: ShardLog;
  readonly egress: EgressLimiter;
  private readonly metricStore: ShardMetrics;
  private readonly ingress: IngressLimiter;
  /**
   * A producer's window of ticks whose records are stored only when someone looks
   * (window/shard-window.ts), and the simulated clock it is looked at by.
   */
  private window: ShardWindow | undefined;
  private clock: (() => number) | undefined;
  private readonly retentionUs: number;
  private readonly profile: LimitsProfile;
  private readonly cursors: ShardCursor[] = [];
  private readonly appendListeners: AppendListener[] = [];
  private readonly closeListeners: ((nowUs: number) => void)[] = [];
  /**
   * When read records are next released, and the time before which `trim` has nothing to do
   * (no release is due and nothing stored has outlived retention: kept so that the write
   * path, called for every shard on every producer tick, does not look into the log and the
   * cursors each time), in the shard's block of numbers: `n[o + TRIM_DUE_US]`.
   */
  private readonly n: number[];
  private readonly o: number;
  private readonly narrator: Narrator | undefined;
  /** Records trimmed before at least one registered application had read them. */
  expiredUnreadByAnyApplication = 0;

  constructor(options: ShardOptions) {
    this.index = options.index;
    this.shardId = options.shardId;
    this.range = options.range;
    this.startingHashKey = options.range.startingHashKey;
    this.endingHashKey = options.range.endingHashKey;
    this.parentShardIds = options.parentShardIds;
    this.openedAtUs = options.openedAtUs;
    const numbers = options.numbers ?? new NumberBlocks(SHARD_NUMBERS);
    const block = numbers.allocate(OWN_NUMBERS);
    this.n = block.values;
    this.o = block.offset;
    this.ingress = createIngressLimiter(options.limiter, options.profile, numbers);
    this.egress = new EgressLimiter(options.profile);
    // Released runs are remembered at 1/10,000 of the retention period (at least the
    // coalescing interval): a 7-day retention keeps about one entry per minute.
    this.logStore = new ShardLog(
      options.coalesceUs,
      Math.max(options.coalesceUs, Math.round(options.retentionUs / 10_000)),
      numbers,
    );
    this.retentionUs = options.retentionUs;
    this.profile = options.profile;
    this.metricStore = options.metrics;
    this.narrator = options.narrator;
  }

  /**
   * The shard's log: with a window's records stored up to the simulated time (a window
   * stores its ticks only when the shard is looked at).
   */
  get log(): ShardLog {
    if (this.window !== undefined) this.window.settle((this.clock as () => number)());
    return this.logStore;
  }

  /** The shard's metrics, with a window's records counted up to the simulated time. */
  get metrics(): ShardMetrics {
    if (this.window !== undefined) this.window.settle((this.clock as () => number)());
    return this.metricStore;
  }

  /**
   * Lets `window` hold a producer's records for this shard until someone looks (at the time
   * `clock` gives). Only with the bucket limiter, whose balances a window's walk sets.
   */
  attachWindow(window: ShardWindow, clock: () => number): void {
    if (!(this.ingress instanceof BucketIngressLimiter)) {
      throw new Error("invariant violated: windows of ticks need the bucket limiter");
    }
    this.window = window;
    this.clock = clock;
  }

  /** Stores a window's records up to `nowUs`: what the shard holds by then. */
  settle(nowUs: number): void {
    this.window?.settle(nowUs);
  }

  /** The write limiter a window's walk takes its records from (bucket shape only). */
  get limiter(): BucketIngressLimiter {
    if (!(this.ingress instanceof BucketIngressLimiter)) {
      throw new Error("invariant violated: windows of ticks need the bucket limiter");
    }
    return this.ingress;
  }

  /**
   * A window's part: records of several ticks, accepted whole (see WindowHost). Append
   * listeners are not told of it: the window tells them tick by tick ({@link tellAppend}).
   * Returns the sequence index of its first record.
   */
  storeWindowRun(part: Readonly<WindowPart>): number {
    this.trimAt(part.lastAcceptedUs);
    const rows = this.logStore.segmentCount;
    const firstSeq = this.logStore.nextSeq;
    this.storeRun(
      part.count,
      part.bytes,
      1,
      part.firstCreatedUs,
      part.lastCreatedUs,
      part.producer,
      undefined,
      part.density,
      part.lastAcceptedUs,
      false,
    );
    // Stored as a run of its own (not merged into the last one): accepted from its first tick.
    if (this.logStore.segmentCount !== rows) this.logStore.backdateLastRun(part.firstAcceptedUs);
    return firstSeq;
  }

  /** Whether anyone is told of every run appended (enhanced fan-out in a segment run). */
  get listened(): boolean {
    return this.appendListeners.length > 0;
  }

  /** Tells the append listeners of a run: each put's, or each tick of a window's part. */
  readonly tellAppend: AppendListener = (atUs, firstSeq, count, bytes, firstUs, lastUs) => {
    const listeners = this.appendListeners;
    for (let i = 0; i < listeners.length; i++) {
      (listeners[i] as AppendListener)(atUs, firstSeq, count, bytes, firstUs, lastUs);
    }
  };

  /**
   * Offers a segment to the shard at `nowUs`: accepts what the ingress limiter admits (record
   * by record when the segment lists its records' sizes, else the longest prefix), appends it
   * to the log, and returns the records refused (undefined when every record was accepted).
   */
  offer(segment: Segment, nowUs: number): Segment | undefined {
    if (segment.listed === undefined) {
      const accepted = this.put(segment, nowUs);
      if (accepted === segment.count) return undefined;
      return accepted === 0 ? segment : segmentTail(segment, accepted);
    }
    this.beforeWrite(nowUs);
    const { accepted, refused } = admitListed(this.ingress, nowUs, segment, segment.listed);
    if (accepted !== undefined) this.store(withoutListed(accepted), nowUs);
    if (refused !== undefined) this.metricStore.recordThrottled(nowUs, refused.count);
    this.window?.afterPut(nowUs);
    return refused;
  }

  /**
   * Offers a segment without listed sizes to the shard at `nowUs`. Accepts the longest prefix
   * the ingress limiter admits, appends it to the log, and returns the number of records
   * accepted.
   */
  put(segment: Segment, nowUs: number): number {
    if (segment.listed !== undefined)
      throw new Error("invariant violated: a segment with listed sizes must be offered");
    return this.putRun(
      segment.count,
      segment.bytes,
      segment.firstCreatedUs,
      segment.lastCreatedUs,
      segment.producer,
      segment.density,
      nowUs,
      segment.recordWeight ?? 1,
      segment.keyIndex,
    );
  }

  /**
   * {@link put} of a run given by its fields (records of one size): a tick puts a run on every
   * shard, and a run accepted whole, with no append listener to tell, needs no segment object.
   * Returns the number of records accepted; the caller builds the refused rest itself.
   */
  putRun(
    count: number,
    bytes: number,
    firstCreatedUs: number,
    lastCreatedUs: number,
    producer: number,
    density: number | undefined,
    nowUs: number,
    recordWeight = 1,
    keyIndex?: number,
  ): number {
    this.beforeWrite(nowUs);
    const accepted = this.ingress.admit(nowUs, count, bytes / count, recordWeight);
    if (this.window !== undefined) this.window.afterPut(nowUs);
    if (accepted === count) {
      this.storeRun(
        count,
        bytes,
        recordWeight,
        firstCreatedUs,
        lastCreatedUs,
        producer,
        keyIndex,
        density,
        nowUs,
      );
      return accepted;
    }
    // Throttled: the accepted prefix is stored as segmentHead would cut it from the run (a
    // part keeps no key index: only runs of several records are split).
    if (accepted > 0) {
      this.storeRun(
        accepted,
        headBytes(bytes, accepted, count),
        recordWeight,
        firstCreatedUs,
        headLastCreatedUs(firstCreatedUs, lastCreatedUs, accepted, count),
        producer,
        undefined,
        density,
        nowUs,
      );
    }
    this.metricStore.recordThrottled(nowUs, count - accepted);
    return accepted;
  }

  private beforeWrite(nowUs: number): void {
    if (this.status !== "OPEN")
      throw new Error(`invariant violated: write to closed shard ${this.shardId}`);
    // A window's ticks up to now are stored first, and its records taken from the buckets.
    if (this.window !== undefined) this.window.beforePut(nowUs);
    this.trimAt(nowUs);
  }

  /** Appends accepted records to the log and counts them (metrics, billing). */
  private store(stored: Segment, nowUs: number): void {
    this.storeRun(
      stored.count,
      stored.bytes,
      stored.recordWeight ?? 1,
      stored.firstCreatedUs,
      stored.lastCreatedUs,
      stored.producer,
      stored.keyIndex,
      stored.density,
      nowUs,
    );
  }

  /** {@link store} of a run given by its fields (`keyIndex` only for a record-level one). */
  private storeRun(
    accepted: number,
    bytes: number,
    recordWeight: number,
    firstCreatedUs: number,
    lastCreatedUs: number,
    producer: number,
    keyIndex: number | undefined,
    density: number | undefined,
    nowUs: number,
    tellListeners = true,
  ): void {
    const firstSeq = this.logStore.nextSeq;
    this.logStore.appendRun(
      accepted,
      bytes,
      recordWeight,
      firstCreatedUs,
      lastCreatedUs,
      producer,
      keyIndex,
      density,
      nowUs,
    );
    // The run just stored expires a retention period from now: trimming is due by then.
    const expiresUs = nowUs + this.retentionUs;
    if (expiresUs < (this.n[this.o + TRIM_DUE_US] as number))
      this.n[this.o + TRIM_DUE_US] = expiresUs;
    if (tellListeners)
      this.tellAppend(nowUs, firstSeq, accepted, bytes, firstCreatedUs, lastCreatedUs);
    // Billing meters (kinesis-facts.md §11): PUT payload units, and on-demand Data-In bytes.
    // Billing counts Kinesis records: aggregated user records are billed as the records
    // that carry them.
    const kinesisRecords = accepted * recordWeight;
    const profile = this.profile;
    this.metricStore.recordIncoming(
      nowUs,
      accepted,
      bytes,
      kinesisRecords,
      putPayloadUnitsOf(kinesisRecords, bytes, profile),
      onDemandBilledBytesOf(kinesisRecords, bytes, profile),
    );
  }

  /**
   * The write limit that refused records in the last `put` that throttled any (for
   * narration; meaningless before the first throttle).
   */
  get lastRefusal(): WriteLimit {
    const { refusedBy: limit, shape } = this.ingress;
    const perSecond =
      limit === "records"
        ? this.profile.shardWriteRecordsPerSecond
        : this.profile.shardWriteBytesPerSecond;
    return { limit, shape, perSecond };
  }

  /** Closes the shard (after a split or merge): no more writes; readable until it expires. */
  close(nowUs: number): void {
    if (this.window !== undefined) {
      throw new Error("invariant violated: a shard with windows of ticks closed");
    }
    this.status = "CLOSED";
    this.closedAtUs = nowUs;
    for (const listener of this.closeListeners) listener(nowUs);
  }

  /**
   * Calls `listener` whenever records are appended (enhanced fan-out pushes on new data), with
   * the run as accepted, before the log merges it into a stored segment.
   */
  onAppend(listener: AppendListener): void {
    // A window draws its ticks one by one for a listened shard, from its first decision on.
    if (this.window?.ticks !== undefined) {
      throw new Error("invariant violated: an append listener came after a window began");
    }
    this.appendListeners.push(listener);
  }

  /**
   * Calls `listener` when the shard closes: an enhanced fan-out subscription then sends its
   * last event, the one with the shard's children (ChildShards), even with no new records.
   */
  onClose(listener: (nowUs: number) => void): void {
    this.closeListeners.push(listener);
  }

  /** Registers an application's cursor so that trimming can account for what it missed. */
  addCursor(cursor: ShardCursor): void {
    this.cursors.push(cursor);
  }

  /**
   * Trims records that have outlived the retention period at `nowUs`: a record is readable
   * while now − arrival < retention (kinesis-facts.md §7; trim granularity UNCONFIRMED).
   */
  trim(nowUs: number): void {
    this.window?.settle(nowUs);
    this.trimAt(nowUs);
  }

  /** {@link trim}, a window's records already stored up to `nowUs`. */
  private trimAt(nowUs: number): void {
    if (nowUs < (this.n[this.o + TRIM_DUE_US] as number)) return;
    this.trimNow(nowUs);
    this.n[this.o + TRIM_DUE_US] = Math.min(
      this.n[this.o + NEXT_RELEASE_US] as number,
      this.logStore.oldestLastAcceptedUs + this.retentionUs,
    );
  }

  private trimNow(nowUs: number): void {
    if (nowUs >= (this.n[this.o + NEXT_RELEASE_US] as number)) this.releaseRead(nowUs);
    const cutoffUs = nowUs - this.retentionUs;
    if (this.logStore.oldestLastAcceptedUs > cutoffUs) return;
    const before = this.logStore.trimSeq;
    // Applications whose position retention is about to move learn it while the records
    // they have not read are still in the log.
    const expiring = this.logStore.trimSeqAfterTrimming(cutoffUs);
    for (const cursor of this.cursors) {
      if (cursor.seq < expiring && cursor.idle !== true) cursor.beforeExpiry?.();
    }
    const after = this.logStore.trimAcceptedAtOrBefore(cutoffUs);
    if (after === before) return;
    let lowestCursor = after;
    for (const cursor of this.cursors) {
      if (cursor.idle === true) {
        // An application that has not started has nothing to lose: its start position
        // (at or after the trim horizon) decides what it reads.
        if (cursor.seq < after) cursor.seq = after;
        if (cursor.deliveredSeq < after) cursor.deliveredSeq = after;
        continue;
      }
      // Records the application already received once are not lost if they expire before
      // it reads them again.
      const unreadFrom = Math.max(cursor.seq, cursor.deliveredSeq);
      if (unreadFrom < after) {
        lowestCursor = Math.min(lowestCursor, unreadFrom);
        cursor.expiredUnread += after - unreadFrom;
        cursor.deliveredSeq = after;
      }
      if (cursor.seq < after) cursor.seq = after;
    }
    const unread = after - Math.max(before, lowestCursor);
    this.expiredUnreadByAnyApplication += unread;
    // Only losses are told: in a record-level run every record is trimmed on its own.
    if (this.narrator !== undefined && unread > 0) {
      this.narrator.note({
        kind: "retention-expired",
        atUs: nowUs,
        shardId: this.shardId,
        records: after - before,
        unread,
        retentionUs: this.retentionUs,
      });
    }
  }

  /**
   * Every registered application is known from the start of a run and never reads below its
   * cursor, so records every cursor has passed are released from memory (once per simulated
   * second). Retention accounting is unaffected: released records were read by everyone.
   */
  private releaseRead(nowUs: number): void {
    this.n[this.o + NEXT_RELEASE_US] = nowUs + RELEASE_INTERVAL_US;
    let lowest = this.logStore.nextSeq;
    for (const cursor of this.cursors) lowest = Math.min(lowest, cursor.retainSeq ?? cursor.seq);
    this.logStore.releaseBefore(lowest);
  }
}

const RELEASE_INTERVAL_US = 1_000_000;

// Where the shard's own numbers lie in its block.
const NEXT_RELEASE_US = 0;
const TRIM_DUE_US = 1;
const OWN_NUMBERS = 2;

/** Numbers a shard keeps in blocks (its own, its write limiter's and its log's). */
export const SHARD_NUMBERS = OWN_NUMBERS + LIMITER_NUMBERS + LOG_NUMBERS;

/** The segment without its listed sizes (a shard's log keeps runs of records). */
function withoutListed(segment: Segment): Segment {
  if (segment.listed === undefined) return segment;
  const { count, bytes, firstCreatedUs, lastCreatedUs, producer, shard, density } = segment;
  return { count, bytes, firstCreatedUs, lastCreatedUs, producer, shard, density };
}
