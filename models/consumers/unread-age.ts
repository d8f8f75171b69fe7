import { TimeSeries } from "../../src/stats/time-series.js";
import type { Shard, ShardCursor } from "../shards/shard.js";

/** What the tracker needs of a reader (shard-readers.ts): its shard, position and state. */
interface ShardReader {
  readonly shard: Shard;
  readonly cursor: ShardCursor;
  age: UnreadAgeState | undefined;
}

/** A span during which a reader's oldest unread record was at least the lagging age. */
export interface LagSpan {
  readonly fromUs: number;
  /** When it was back under the lagging age; undefined while it still lags. */
  toUs: number | undefined;
}

/** What the tracker keeps per reader (on the reader: one tracker per application). */
export interface UnreadAgeState {
  /** Ages are known up to here; undefined while the reader has no position. */
  fromUs: number;
  /** The reader's position at `fromUs`: its oldest unread record then. */
  seq: number;
  /** Spans during which this reader lagged, in time order. */
  readonly lagging: LagSpan[];
}

/**
 * The age of each reader's oldest unread record (now minus when the shard accepted it), at
 * every instant, whether or not the application calls: what CloudWatch's
 * GetRecords.IteratorAgeMilliseconds and Lambda's IteratorAge show growing while records
 * wait (kinesis-facts.md §10), unlike MillisBehindLatest, which only a call reports
 * (§3, §7).
 *
 * Between two moves of a reader's position the age is a closed form: the position `s` stays,
 * so the age at t is t − A(s), A(s) being when record s was accepted (0 before it was), and
 * at most the retention period: a record that old has expired and the next one is the oldest
 * unread (§7: readable while now − arrival < retention). So nothing is sampled: each move
 * (a fetch, a push, a rewind, a trim) first fills the series from the last move to now, the
 * maximum of each metrics interval being the age at the interval's end (or at the move).
 */
export class UnreadAge {
  /** The application's largest age in each metrics interval (over its shards), in ms. */
  readonly series: TimeSeries;
  /** The largest age since the start (or the end of the warm-up), in ms. */
  maxMs = 0;
  /**
   * When record `seq` of the reader's shard was accepted. By default as the shard's log dates
   * it, interpolating across the runs it merged into one stored segment; exact where a
   * reader's position lies at a run start (a poll seals the run it read). Enhanced fan-out
   * moves a reader every tick, inside merged segments, so its pushes give the exact times of
   * the runs they keep (efo/segment-pushes.ts): interpolated times, up to tens of
   * milliseconds early, put a keeping-up reader's largest age at about 190 ms where record
   * mode finds the push delay, 70 ms.
   */
  acceptedAtUs: (reader: ShardReader, seq: number) => number = (reader, seq) =>
    reader.shard.log.acceptedAtUs(seq);

  /**
   * @param laggingUs an age from which the application counts as lagging (spans, "caught up").
   * @param readsByGetRecords the application polls: its ages count in the shards' GetRecords
   *   iterator age too (enhanced fan-out makes no GetRecords calls).
   */
  constructor(
    resolutionUs: number,
    durationUs: number,
    private readonly retentionUs: number,
    readonly laggingUs: number,
    private readonly readsByGetRecords = false,
  ) {
    this.series = new TimeSeries(resolutionUs, durationUs);
  }

  /** The reader has a position from `nowUs` on (the application started, or a shard opened). */
  begin(reader: ShardReader, nowUs: number): void {
    const state = reader.age;
    if (state === undefined) {
      reader.age = { fromUs: nowUs, seq: reader.cursor.seq, lagging: [] };
      return;
    }
    state.fromUs = Math.max(state.fromUs, nowUs);
    state.seq = reader.cursor.seq;
  }

  /**
   * Fills the ages from the last move up to `nowUs` at the old position, then goes on from
   * the reader's position now. Call before a position moves back (a rewind) or after it
   * moves forward (a delivery), with the time of the move.
   */
  sync(reader: ShardReader, nowUs: number): void {
    const state = reader.age;
    if (state === undefined) return;
    if (nowUs > state.fromUs) this.fill(reader, state, nowUs);
    state.fromUs = Math.max(state.fromUs, nowUs);
    state.seq = reader.cursor.seq;
    this.noteLagging(reader, state, nowUs);
  }

  /** Fills every reader's ages up to `nowUs` (before the run looks at them). */
  syncAll(readers: readonly ShardReader[], nowUs: number): void {
    for (const reader of readers) this.sync(reader, nowUs);
  }

  /** An age seen at `atUs` between moves (a push's oldest record just before it arrives). */
  observe(reader: ShardReader, atUs: number, ageUs: number): void {
    this.record(reader, atUs, Math.min(ageUs, this.retentionUs));
  }

  /** Starts the maximum afresh (end of a warm-up); the series keeps what it has. */
  resetMaximum(): void {
    this.maxMs = 0;
  }

  /**
   * The age at `nowUs` of the record at the reader's tracked position, or 0 when that record
   * was not accepted by then.
   */
  private ageAt(reader: ShardReader, seq: number, nowUs: number): number {
    const log = reader.shard.log;
    if (seq >= log.nextSeq) return 0;
    const acceptedUs = this.acceptedAtUs(reader, seq);
    return acceptedUs < nowUs ? Math.min(nowUs - acceptedUs, this.retentionUs) : 0;
  }

  /**
   * The ages over (state.fromUs, toUs], interval by interval, from the tracked position. In an
   * interval where the oldest unread record stays, the age grows to the interval's end; where
   * it expires, the age reached the retention period just before, and the oldest unread is
   * then the first record accepted less than a retention period ago.
   */
  private fill(reader: ShardReader, state: UnreadAgeState, toUs: number): void {
    const log = reader.shard.log;
    const retentionUs = this.retentionUs;
    // Records trimmed since the last move expired unread: the oldest unread is after them.
    let seq = Math.max(state.seq, log.trimSeq);
    if (seq >= log.nextSeq) return;
    let acceptedUs = this.acceptedAtUs(reader, seq);
    if (acceptedUs >= toUs) return;
    this.openLagging(state, acceptedUs, toUs);
    const resolutionUs = this.series.resolutionUs;
    const fromUs = Math.max(state.fromUs, acceptedUs);
    let endUs = (Math.floor(fromUs / resolutionUs) + 1) * resolutionUs;
    for (;;) {
      const atUs = Math.min(endUs, toUs);
      // An interval's end belongs to the next one: its last instant is a microsecond before.
      const bucketUs = atUs === endUs ? atUs - 1 : atUs;
      if (acceptedUs + retentionUs <= atUs) {
        this.record(reader, bucketUs, retentionUs);
        seq = Math.max(seq + 1, log.firstSeqAcceptedAfter(atUs - retentionUs));
        if (seq >= log.nextSeq) return;
        acceptedUs = this.acceptedAtUs(reader, seq);
      } else if (acceptedUs < atUs) {
        this.record(reader, bucketUs, atUs - acceptedUs);
      }
      if (atUs === toUs) return;
      endUs += resolutionUs;
    }
  }

  /** Opens a lagging span where the age of a record accepted at `acceptedUs` reaches the mark. */
  private openLagging(state: UnreadAgeState, acceptedUs: number, toUs: number): void {
    const last = state.lagging[state.lagging.length - 1];
    if (last !== undefined && last.toUs === undefined) return;
    const laggingFromUs = acceptedUs + this.laggingUs;
    if (laggingFromUs <= toUs) {
      state.lagging.push({ fromUs: Math.max(laggingFromUs, state.fromUs), toUs: undefined });
    }
  }

  /** Closes the reader's lagging span when its age is back under the lagging age at `nowUs`. */
  private noteLagging(reader: ShardReader, state: UnreadAgeState, nowUs: number): void {
    const open = state.lagging[state.lagging.length - 1];
    if (open === undefined || open.toUs !== undefined) return;
    if (this.ageAt(reader, Math.max(state.seq, reader.shard.log.trimSeq), nowUs) < this.laggingUs) {
      open.toUs = nowUs;
    }
  }

  private record(reader: ShardReader, atUs: number, ageUs: number): void {
    if (ageUs <= 0) return;
    const ageMs = ageUs / 1000;
    this.series.max(atUs, ageMs);
    reader.shard.metrics.oldestUnreadAgeMs.max(atUs, ageMs);
    if (this.readsByGetRecords) reader.shard.metrics.getRecordsIteratorAgeMs.max(atUs, ageMs);
    if (ageMs > this.maxMs) this.maxMs = ageMs;
  }
}
