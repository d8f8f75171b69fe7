import { clearlyWithin } from "../../../src/engine/clearly-within.js";
import { binomial } from "../../../src/engine/distributions/binomial.js";
import { poisson } from "../../../src/engine/distributions/poisson.js";
import type { PoissonTables } from "../../../src/engine/distributions/poisson-tables.js";
import { RepeatedMeanPoisson } from "../../../src/engine/distributions/repeated-mean-poisson.js";
import type { Random } from "../../../src/engine/random-streams.js";
import type { AppendListener } from "../append-listener.js";
import type { BucketIngressLimiter } from "../ingress-limiter.js";
import { densityOver } from "../segment.js";
import { refillOver } from "../token-bucket.js";
import { deficitsAfterTicks, deficitsTickByTick, type WalkBucket } from "./window-deficits.js";
import type { WindowTicks } from "./window-ticks.js";

/**
 * The shard a window writes into (Shard implements it; no import of Shard here, whose module
 * imports this one: the import graph has no circles).
 */
export interface WindowHost {
  readonly limiter: BucketIngressLimiter;
  /**
   * Stores a window part's records, accepted from its first tick to its last, and counts
   * them, as a put accepted whole stores a tick's run; returns the first record's sequence
   * index. Append listeners are not told.
   */
  storeWindowRun(part: Readonly<WindowPart>): number;
  /**
   * Whether applications are told of every run appended (enhanced fan-out pushes each tick's
   * records): the window then draws its ticks one by one and tells them tick by tick.
   */
  readonly listened: boolean;
  /** Tells the append listeners of one tick's records, as the tick's own put would. */
  readonly tellAppend: AppendListener;
}

/** A window part: the records of clear ticks, stored as one run (see ShardWindow.realize). */
export interface WindowPart {
  count: number;
  bytes: number;
  firstCreatedUs: number;
  lastCreatedUs: number;
  producer: number;
  /** The producer's rate over the part, as a tick's run carries it (segment-draws.ts). */
  density: number;
  /** The part's first tick and its last. */
  firstAcceptedUs: number;
  lastAcceptedUs: number;
}

/** The producer whose records a window holds. */
export interface WindowOwner {
  readonly producer: number;
  /** Its counters: a window's records are offered and accepted as they are realized. */
  readonly stats: { offered: number; accepted: number; pending: number };
  /** Draws the window's counts and splits (named per producer). */
  readonly random: Random;
  /** Data bytes of every record. */
  readonly dataBytes: number;
  /** Partition-key bytes counted per record (the keys' mean length, as segment mode counts). */
  readonly keyBytes: number;
  /** Told when a shard's clear run is cut short: it decides again at that tick. */
  readonly due: { mark(position: number, tick: number): void };
  /** Poisson tables its shards share (shards with equal shares draw from one). */
  readonly poissonTables: PoissonTables;
}

/**
 * A shard whose records drift this far below its refill keeps its buckets' deficit near the
 * window's end (window-deficits.ts then decides within a few splits), so its clear runs of
 * ticks may be long. A cost choice only: results are exact whatever it is.
 */
const DRIFTING_BELOW = 0.8;

/**
 * A run of ticks is made clear only when its records fit the balances by this many standard
 * deviations of their Poisson count (else the drawn count would often not fit, and halving
 * it costs draws). A cost choice only, like {@link DRIFTING_BELOW}.
 */
const FIT_SDS = 4;

/**
 * Runs of ticks shorter than this are drawn tick by tick rather than as one count: a count
 * costs a draw, and a split each time the run is looked at partway, where a tick costs a
 * draw of a small mean and a step of the walk. A cost choice only.
 */
const DRAWN_AT_ONCE_FROM = 30;

/**
 * One shard's records from one producer, drawn for runs of ticks at a time rather than tick
 * by tick: cost that follows what happens, not the clock (design.md §17).
 *
 * At its producer's tick, a shard picks a run of the window's ticks (WindowTicks) from this
 * one and draws their records' Poisson count at once. The run is *clear* when that count fits
 * the shard's balances as they stand: then none of its ticks can be throttled (balances only
 * refill until those records arrive), so nothing needs deciding tick by tick. Given their
 * count, Poisson records are multinomial over the ticks, so a clear run's ticks are realized
 * only when someone looks at the shard (a read, a put, the next decision): every tick up to
 * that time, drawn by a binomial split of what is left and stored as one run. The buckets take
 * the realized records through Lindley's recursion, drawing only the splits that decide the
 * balances (window-deficits.ts). A count that does not fit is halved (binomially) until it
 * does; a tick whose records alone may not fit goes through the ordinary put path.
 *
 * Where such a run would be short, or its walk would split nearly every tick (near a limit,
 * where a full bucket loses refill), the shard draws its ticks' records one tick at a time
 * instead, as long as their sum fits the balances as they stand: those ticks are a clear run
 * too, stored when someone looks, and the buckets take them step by step (no splits). The
 * first tick that does not fit keeps its drawn count for its own tick, where it is decided
 * again and, if it still may not fit, put the ordinary way.
 *
 * A shard whose appends an application is told of (enhanced fan-out pushes each tick's
 * records) always draws tick by tick, and tells it of each non-empty tick when the clear
 * ticks are stored ({@link tellTicks}), as each tick's put would have.
 *
 * So a reader at time t sees the records a tick-by-tick run would have stored by t, in
 * distribution, and the balances are those of the tick-by-tick run. How runs are drawn is a
 * matter of cost only: one count where the walk decides with few splits (the buckets cannot
 * fill up within the run, or the shard is well below its limits), tick by tick elsewhere.
 */
export class ShardWindow {
  /** The producer's window of ticks this shard is drawing in. */
  ticks: WindowTicks | undefined;
  /** The first tick not yet realized. */
  private next = 0;
  /**
   * Ticks before this one are clear: `clearCount` records of ticks `next` … `clearUntil` − 1,
   * realized when looked at.
   */
  clearUntil = 0;
  private clearCount = 0;
  /**
   * Records drawn for ticks `clearUntil` … `pendingUntil` − 1 that are not clear: decided at
   * their producer's ticks, as a count already drawn (never drawn again: which counts were
   * kept must not depend on their size). Ticks from `pendingUntil` on are not drawn yet.
   */
  private pendingUntil = 0;
  private pendingCount = 0;
  /**
   * Whether the clear run's records were drawn tick by tick (`tickCounts`) rather than as one
   * count: near a limit, where a walk over one count would split nearly every tick.
   */
  private dense = false;
  /**
   * Ticks before this one have their records drawn one tick at a time, in `tickCounts` (by
   * the window's tick; `countsBefore[i]` sums those of ticks 0 … i − 1 drawn so): those from
   * `clearUntil` on are drawn but not decided yet (never drawn again, like `pendingCount`).
   */
  private denseUntil = 0;
  private tickCounts = new Float64Array(0);
  private countsBefore = new Float64Array(1);
  /** Draws this shard's tick after tick with one mean (its share of a steady producer). */
  private readonly denseDraws: RepeatedMeanPoisson;
  /** The first realized tick whose records the buckets have not taken yet. */
  private walkFrom = 0;
  /** Realized parts since `walkFrom`: where each starts and its records. */
  private readonly blockStarts: number[] = [];
  private readonly blockCounts: number[] = [];
  private blocks = 0;
  private readonly walkTimesUs: number[] = [];
  private readonly walkStarts: number[] = [];
  private readonly deficits: number[] = [0, 0];
  /** Bytes each record takes from the byte bucket: data and the keys' mean length. */
  private readonly perRecord: number;
  /** The part `realize` hands the host (one object, filled anew for each part). */
  private readonly part: WindowPart = {
    count: 0,
    bytes: 0,
    firstCreatedUs: 0,
    lastCreatedUs: 0,
    producer: 0,
    density: 0,
    firstAcceptedUs: 0,
    lastAcceptedUs: 0,
  };

  /**
   * @param share the shard's share of its producer's records (Poisson splitting: its records
   *   are Poisson with that share of the producer's mean).
   */
  constructor(
    private readonly host: WindowHost,
    private readonly owner: WindowOwner,
    private readonly share: number,
    /** The shard's place among its producer's (see WindowOwner.due). */
    private readonly position = 0,
  ) {
    this.perRecord = owner.dataBytes + owner.keyBytes;
    this.denseDraws = new RepeatedMeanPoisson(owner.poissonTables);
  }

  /** Realizes what is left of the window (all its ticks are past) and ends it. */
  private finish(): void {
    const ticks = this.ticks;
    if (ticks === undefined) return;
    this.realize(this.clearUntil);
    if (this.next < ticks.ticks) {
      throw new Error("invariant violated: a window ended with ticks not drawn");
    }
    this.takeRecords(this.next);
    this.ticks = undefined;
  }

  /** The clear ticks at or before `nowUs`, realized: what a reader at `nowUs` sees. */
  settle(nowUs: number): void {
    const ticks = this.ticks;
    if (ticks === undefined || this.clearUntil <= this.next) return;
    const due = ticksAtOrBefore(ticks.timesUs, this.next, this.clearUntil, nowUs);
    if (due > this.next) this.realize(due);
  }

  /** Before a put at `nowUs`: the window's ticks up to now stored, the buckets up to date. */
  beforePut(nowUs: number): void {
    this.settle(nowUs);
    this.takeRecords(this.next);
  }

  /**
   * After a put at `nowUs`: if the clear ticks' records no longer fit, they are no longer
   * clear, and are decided at their producer's ticks.
   */
  afterPut(nowUs: number): void {
    if (this.clearUntil > this.next && !this.fits(this.clearCount, nowUs)) {
      // Drawn tick by tick, the ticks' counts stay drawn in `tickCounts`.
      if (!this.dense) this.pendingCount += this.clearCount;
      this.clearCount = 0;
      this.clearUntil = this.next;
      this.owner.due.mark(this.position, this.next);
    }
  }

  /**
   * At its producer's tick at `nowUs`, tick `tick` of `ticks`, when no clear run covers it:
   * draws a run of ticks from it and makes it clear, returning −1; or, when this tick's
   * records alone may not fit, draws them for the producer to put through the ordinary path
   * (they may be throttled) and returns how many.
   */
  decide(nowUs: number, ticks: WindowTicks, tick: number): number {
    if (this.ticks !== ticks) {
      this.finish();
      this.ticks = ticks;
      this.next = 0;
      this.clearUntil = 0;
      this.clearCount = 0;
      this.pendingUntil = 0;
      this.pendingCount = 0;
      this.walkFrom = 0;
      this.dense = false;
      this.denseUntil = 0;
      if (this.tickCounts.length < ticks.ticks) {
        this.tickCounts = new Float64Array(ticks.ticks);
        this.countsBefore = new Float64Array(ticks.ticks + 1);
      }
    } else if (!this.dense) {
      // The clear ticks before this one are all past: stored (drawn tick by tick, they are
      // stored when someone looks), and, below, their records taken.
      this.realize(this.clearUntil);
    }
    const from = this.clearUntil;
    if (from !== tick || ticks.timeUs(from) !== nowUs) {
      throw new Error("invariant violated: a window decided off its producer's tick");
    }
    this.takeRecords(from);
    const random = this.owner.random;
    if (this.pendingUntil <= from) {
      if (this.denseUntil > from || this.host.listened) {
        return this.decideTickByTick(nowUs, ticks, from);
      }
      const length = this.runLength(ticks, from, nowUs);
      if (length < DRAWN_AT_ONCE_FROM) return this.decideTickByTick(nowUs, ticks, from);
      if (this.dense) {
        this.realize(from);
        this.dense = false;
      }
      this.pendingUntil = from + length;
      this.pendingCount = poisson(random, this.share * ticks.expected(from, this.pendingUntil));
    }
    let to = this.pendingUntil;
    let count = this.pendingCount;
    while (to - from > 1 && !this.fits(count, nowUs)) {
      const mid = (from + to) >>> 1;
      count = binomial(random, count, ticks.share(from, mid, to));
      to = mid;
    }
    this.pendingCount -= count;
    if (to - from === 1 && !this.fits(count, nowUs)) {
      // This tick's records alone may not fit: they go the ordinary way.
      this.next = to;
      this.clearUntil = to;
      this.walkFrom = to;
      return count;
    }
    this.clearUntil = to;
    this.clearCount = count;
    this.dense = false;
    return -1;
  }

  /**
   * {@link decide} near a limit: the ticks' records are drawn one tick at a time, as long as
   * their sum fits the balances as they stand; those ticks are a clear run, whose walk needs
   * no splits (each tick's records are known). The first tick that does not fit keeps its
   * drawn count for its own tick (decided again there); if it is this tick, its records go
   * the ordinary way. Each tick costs a draw and a step of the walk, not a put.
   */
  private decideTickByTick(nowUs: number, ticks: WindowTicks, from: number): number {
    const limiter = this.host.limiter;
    const recordRoom = limiter.recordBalance(nowUs);
    const byteRoom = limiter.byteBalance(nowUs);
    const perRecord = this.perRecord;
    const counts = this.tickCounts;
    const random = this.owner.random;
    if (this.denseUntil < from) {
      this.denseUntil = from;
      this.countsBefore[from] = 0;
    }
    let to = from;
    let sum = 0;
    while (to < ticks.ticks) {
      if (to === this.denseUntil) {
        const drawn = this.denseDraws.draw(random, this.share * ticks.expected(to, to + 1));
        counts[to] = drawn;
        this.countsBefore[to + 1] = (this.countsBefore[to] as number) + drawn;
        this.denseUntil = to + 1;
      }
      const next = sum + (counts[to] as number);
      if (!fitsRoom(next, perRecord, recordRoom, byteRoom)) break;
      sum = next;
      to++;
    }
    if (to === from) {
      // The clear ticks before are stored before this one's records are put.
      this.realize(from);
      this.next = from + 1;
      this.clearUntil = from + 1;
      this.walkFrom = from + 1;
      return counts[from] as number;
    }
    // Added to the clear ticks not stored yet (this run continues them).
    this.clearUntil = to;
    this.clearCount += sum;
    this.dense = true;
    return -1;
  }

  /**
   * How many ticks from `from` to draw at once: as many as fit the balances with a margin,
   * and whose deficit the walk decides cheaply (see the class comment); at least one.
   */
  private runLength(ticks: WindowTicks, from: number, nowUs: number): number {
    const limiter = this.host.limiter;
    const perRecord = this.perRecord;
    const recordBalance = limiter.recordBalance(nowUs);
    const byteBalance = limiter.byteBalance(nowUs);
    const room = Math.min(recordBalance, byteBalance / perRecord);
    const last = ticks.ticks - 1;
    // A shard over its limit has no room for a second tick: decided before the rest is worked
    // out, as the loop below would (it runs for every such shard on every tick).
    if (from + 1 > last) return 1;
    const firstTwo = this.share * ticks.expected(from, from + 2);
    if (firstTwo + FIT_SDS * Math.sqrt(firstTwo) + 1 > room) return 1;
    const recordDeficit = limiter.recordsDepth - recordBalance;
    const byteDeficit = limiter.bytesDepth - byteBalance;
    const rate = densityOver(
      this.share * ticks.expected(from, last + 1),
      ticks.createdStartUs(from),
      ticks.timeUs(last),
    );
    // Each bucket's walk decides cheaply if the shard drifts well below that bucket's rate,
    // or if the bucket cannot refill to its depth within the run (then it needs no split).
    const recordsDrift = rate <= DRIFTING_BELOW * limiter.recordsPerSecond;
    const bytesDrift = rate * perRecord <= DRIFTING_BELOW * limiter.bytesPerSecond;
    const startUs = ticks.timeUs(from);
    let length = 1;
    for (let j = from + 1; j <= last; j++) {
      const mean = this.share * ticks.expected(from, j + 1);
      if (mean + FIT_SDS * Math.sqrt(mean) + 1 > room) break;
      const spanUs = ticks.timeUs(j) - startUs;
      if (!recordsDrift && refillOver(spanUs, limiter.recordsPerSecond) > recordDeficit) break;
      if (!bytesDrift && refillOver(spanUs, limiter.bytesPerSecond) > byteDeficit) break;
      length++;
    }
    return length;
  }

  /** When the records of the tick just put started to be created. */
  get drawnCreatedStartUs(): number {
    return (this.ticks as WindowTicks).createdStartUs(this.next - 1);
  }

  /** The producer's expected records of the tick just put. */
  get drawnExpected(): number {
    return (this.ticks as WindowTicks).expected(this.next - 1, this.next);
  }

  /** Whether `records` of this producer fit the balances at `nowUs`. */
  private fits(records: number, nowUs: number): boolean {
    if (records === 0) return true;
    const limiter = this.host.limiter;
    return fitsRoom(
      records,
      this.perRecord,
      limiter.recordBalance(nowUs),
      limiter.byteBalance(nowUs),
    );
  }

  /**
   * Realizes clear ticks `next` … `to` − 1: their records drawn from the clear ones left,
   * stored as one run.
   */
  private realize(to: number): void {
    const from = this.next;
    if (to <= from) return;
    const ticks = this.ticks as WindowTicks;
    const count =
      to === this.clearUntil
        ? this.clearCount
        : this.dense
          ? (this.countsBefore[to] as number) - (this.countsBefore[from] as number)
          : binomial(this.owner.random, this.clearCount, ticks.share(from, to, this.clearUntil));
    if (!this.dense) {
      this.blockStarts[this.blocks] = from;
      this.blockCounts[this.blocks] = count;
      this.blocks++;
    }
    this.next = to;
    this.clearCount -= count;
    if (count === 0) return;
    const owner = this.owner;
    const part = this.part;
    part.count = count;
    part.bytes = recordBytes(count, owner.dataBytes, owner.keyBytes);
    part.firstCreatedUs = ticks.createdStartUs(from);
    part.lastCreatedUs = ticks.timeUs(to - 1);
    part.producer = owner.producer;
    part.density = densityOver(ticks.expected(from, to), part.firstCreatedUs, part.lastCreatedUs);
    part.firstAcceptedUs = ticks.timeUs(from);
    part.lastAcceptedUs = ticks.timeUs(to - 1);
    const firstSeq = this.host.storeWindowRun(part);
    owner.stats.offered += count;
    owner.stats.accepted += count;
    if (this.host.listened) this.tellTicks(ticks, from, to, firstSeq);
  }

  /**
   * Tells the host's append listeners of clear ticks `from` … `to` − 1, stored from `firstSeq`
   * on: each non-empty tick as its own run, accepted at its tick, created over it, as a put of
   * each tick would have told them (enhanced fan-out pushes each). Drawn tick by tick, the
   * ticks' counts are known (a listened shard's ticks always are: see {@link decide}).
   */
  private tellTicks(ticks: WindowTicks, from: number, to: number, firstSeq: number): void {
    if (!this.dense) {
      throw new Error("invariant violated: a listened window's ticks were drawn as one count");
    }
    const { dataBytes, keyBytes } = this.owner;
    const counts = this.tickCounts;
    let seq = firstSeq;
    for (let tick = from; tick < to; tick++) {
      const count = counts[tick] as number;
      if (count === 0) continue;
      const atUs = ticks.timeUs(tick);
      this.host.tellAppend(
        atUs,
        seq,
        count,
        recordBytes(count, dataBytes, keyBytes),
        ticks.createdStartUs(tick),
        atUs,
      );
      seq += count;
    }
  }

  /**
   * The buckets take the records of the clear ticks before `to`: of the realized parts, or,
   * drawn tick by tick, of every tick (stored or not).
   */
  private takeRecords(to: number): void {
    if (this.dense) this.walkDrawn(to);
    else this.walkRealized();
  }

  /** The buckets take the realized parts' records (window-deficits.ts decides the balances). */
  private walkRealized(): void {
    const blocks = this.blocks;
    if (blocks === 0) return;
    const ticks = this.ticks as WindowTicks;
    const from = this.walkFrom;
    const walked = this.next - from;
    const times = this.walkTimesUs;
    for (let i = 0; i < walked; i++) times[i] = ticks.timeUs(from + i);
    const starts = this.walkStarts;
    for (let b = 0; b < blocks; b++) starts[b] = (this.blockStarts[b] as number) - from;
    const limiter = this.host.limiter;
    const startUs = ticks.timeUs(from);
    const buckets: WalkBucket[] = [
      {
        startDeficit: limiter.recordsDepth - limiter.recordBalance(startUs),
        refillPerSecond: limiter.recordsPerSecond,
        perRecord: 1,
      },
      {
        startDeficit: limiter.bytesDepth - limiter.byteBalance(startUs),
        refillPerSecond: limiter.bytesPerSecond,
        perRecord: this.perRecord,
      },
    ];
    const random = this.owner.random;
    deficitsAfterTicks(
      buckets,
      walked,
      times,
      starts,
      this.blockCounts,
      blocks,
      (count, lo, mid, hi) =>
        binomial(random, count, ticks.share(from + lo, from + mid, from + hi)),
      this.deficits,
    );
    limiter.setBalances(
      limiter.recordsDepth - (this.deficits[0] as number),
      limiter.bytesDepth - (this.deficits[1] as number),
      ticks.timeUs(this.next - 1),
    );
    this.blocks = 0;
    this.walkFrom = this.next;
  }

  /** The buckets take ticks `walkFrom` … `to` − 1, drawn tick by tick: the recursion step by step. */
  private walkDrawn(to: number): void {
    const from = this.walkFrom;
    if (to <= from) return;
    const ticks = this.ticks as WindowTicks;
    const limiter = this.host.limiter;
    const startUs = ticks.timeUs(from);
    deficitsTickByTick(
      limiter.recordsDepth - limiter.recordBalance(startUs),
      limiter.bytesDepth - limiter.byteBalance(startUs),
      limiter.recordsPerSecond,
      limiter.bytesPerSecond,
      this.perRecord,
      ticks.timesUs,
      this.tickCounts,
      from,
      to,
      this.deficits,
    );
    limiter.setBalances(
      limiter.recordsDepth - (this.deficits[0] as number),
      limiter.bytesDepth - (this.deficits[1] as number),
      ticks.timeUs(to - 1),
    );
    this.walkFrom = to;
  }
}

/**
 * Bytes of `count` records of `dataBytes` each with partition keys of `keyBytes` on average,
 * as segment mode counts a run (segment-draws.ts): whether a window stores them or puts them.
 */
export function recordBytes(count: number, dataBytes: number, keyBytes: number): number {
  return count * dataBytes + Math.round(count * keyBytes);
}

/** Whether `records` of `perRecord` bytes each fit balances of `recordRoom` and `byteRoom`. */
function fitsRoom(records: number, perRecord: number, recordRoom: number, byteRoom: number) {
  return (
    records === 0 ||
    (clearlyWithin(records, recordRoom) && clearlyWithin(records * perRecord, byteRoom))
  );
}

/** The index after the last of `timesUs[from … to − 1]` at or before `nowUs`. */
function ticksAtOrBefore(
  timesUs: readonly number[],
  from: number,
  to: number,
  nowUs: number,
): number {
  let low = from;
  let high = to;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((timesUs[mid] as number) <= nowUs) low = mid + 1;
    else high = mid;
  }
  return low;
}
