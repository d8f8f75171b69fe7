import { refillOver } from "../token-bucket.js";

/**
 * One of a shard's write buckets, as a window of ticks sees it.
 *
 * Within a window a producer's records reach the shard on ticks at known times; the bucket
 * refills continuously at `refillPerSecond` (never above its depth) and each tick's records
 * take `perRecord` each. Its deficit (depth − balance) after the window's ticks follows
 * Lindley's recursion, D(j) = max(0, D(j − 1) − refill between ticks j − 1 and j) +
 * perRecord·a(j).
 */
export interface WalkBucket {
  /** Deficit just before the first tick's records arrive (refilled up to that tick). */
  readonly startDeficit: number;
  readonly refillPerSecond: number;
  readonly perRecord: number;
}

/**
 * Splits `count` records of ticks [fromTick, toTick) into those of [fromTick, midTick) and
 * the rest; returns the first part. With Poisson arrivals given their total, the records of
 * a span are multinomial over its ticks, so the split is binomial with the two spans' shares
 * of the expected count; a test passes the split of a known path instead.
 */
export type SplitCount = (
  count: number,
  fromTick: number,
  midTick: number,
  toTick: number,
) => number;

// Reused stack of blocks still to look at: the rightmost on top.
const stackFrom: number[] = [];
const stackTo: number[] = [];
const stackCount: number[] = [];

/**
 * Each bucket's deficit after ticks 0 … ticks − 1 (at `tickTimesUs`, ascending), whose
 * records are known only by blocks:
 * block i covers ticks [blockStarts[i], blockStarts[i + 1]) (the last ends at `ticks`) and
 * holds `blockCounts[i]` records. Written into `out`, one per bucket; returns how many splits
 * were drawn.
 *
 * Unrolled, Lindley's recursion gives the deficit after the last tick L as the largest of
 * D₀ + w·A − R(0, L) (the walk from the start: A records in all, R(m, L) the refill between
 * ticks m and L) and, for every tick m ≥ 1, w·S(m) − R(m, L), where S(m) counts the records
 * of ticks m … L. Only a few terms can be the largest: a block of c records lying entirely
 * before the ticks already passed (S of them) contributes at most w·(S + c) − R(k, L), k its
 * last tick, all its records there. So blocks are looked at right to left, a block that cannot beat the best
 * term so far is passed whole, and one that might is split in two (a binomial draw) until
 * it is decided or down to one tick, whose term is exact. The result is exactly the
 * recursion's for the path the splits draw; a shard far below its limits decides within a
 * few splits of the window's end, and one whose refill cannot reach the bucket's depth
 * within the window (R(0, L) ≤ D₀) within none.
 */
export function deficitsAfterTicks(
  buckets: readonly WalkBucket[],
  ticks: number,
  tickTimesUs: ArrayLike<number>,
  blockStarts: ArrayLike<number>,
  blockCounts: ArrayLike<number>,
  blocks: number,
  split: SplitCount,
  out: number[],
): number {
  const lastUs = tickTimesUs[ticks - 1] as number;
  let total = 0;
  for (let i = 0; i < blocks; i++) total += blockCounts[i] as number;
  for (let b = 0; b < buckets.length; b++) {
    const bucket = buckets[b] as WalkBucket;
    // The walk from the start (every suffix from tick 0 is at most this, D₀ ≥ 0); and a
    // deficit is never negative (the last tick's own term is at least 0).
    out[b] = Math.max(
      0,
      bucket.startDeficit +
        total * bucket.perRecord -
        refill(bucket, lastUs - (tickTimesUs[0] as number)),
    );
  }
  for (let i = 0; i < blocks; i++) {
    stackFrom[i] = blockStarts[i] as number;
    stackTo[i] = i + 1 < blocks ? (blockStarts[i + 1] as number) : ticks;
    stackCount[i] = blockCounts[i] as number;
  }
  let top = blocks;
  let splits = 0;
  let passed = 0;
  while (top > 0) {
    top--;
    const from = stackFrom[top] as number;
    const to = stackTo[top] as number;
    const count = stackCount[top] as number;
    // Time to refill between the block's last tick and the window's last.
    const slackUs = lastUs - (tickTimesUs[to - 1] as number);
    let decided = true;
    for (let b = 0; b < buckets.length; b++) {
      const bucket = buckets[b] as WalkBucket;
      const bound = (passed + count) * bucket.perRecord - refill(bucket, slackUs);
      if (bound > (out[b] as number)) {
        if (to - from === 1) {
          // One tick: the bound is its term exactly (tick 0's is the walk from the start).
          if (from > 0) out[b] = bound;
        } else {
          decided = false;
        }
      }
    }
    if (decided || count === 0) {
      passed += count;
      continue;
    }
    const mid = (from + to) >>> 1;
    const left = split(count, from, mid, to);
    splits++;
    stackFrom[top] = from;
    stackTo[top] = mid;
    stackCount[top] = left;
    top++;
    stackFrom[top] = mid;
    stackTo[top] = to;
    stackCount[top] = count - left;
    top++;
  }
  return splits;
}

/** What `bucket` refills in `elapsedUs` (token-bucket.ts's one refill rule). */
function refill(bucket: WalkBucket, elapsedUs: number): number {
  return refillOver(elapsedUs, bucket.refillPerSecond);
}

/**
 * The records and bytes buckets' deficits after ticks `from` … `to` − 1 (at `tickTimesUs`,
 * ascending) whose records are all known, `counts[i]` at tick i, each record of `perRecord`
 * bytes: Lindley's recursion step by step from the deficits just before tick `from`'s records
 * arrive, written into `out` (records, then bytes). What {@link deficitsAfterTicks} gives for
 * blocks of one tick each, without its bounds: near a limit, where every tick is drawn anyway
 * (shard-window.ts), a step costs a few subtractions and comparisons. Both buckets in one
 * pass, as the ticks' times and counts are read once.
 */
export function deficitsTickByTick(
  recordStartDeficit: number,
  byteStartDeficit: number,
  recordsPerSecond: number,
  bytesPerSecond: number,
  perRecord: number,
  tickTimesUs: ArrayLike<number>,
  counts: ArrayLike<number>,
  from: number,
  to: number,
  out: number[],
): void {
  const first = counts[from] as number;
  let records = recordStartDeficit + first;
  let bytes = byteStartDeficit + perRecord * first;
  for (let i = from + 1; i < to; i++) {
    const elapsedUs = (tickTimesUs[i] as number) - (tickTimesUs[i - 1] as number);
    const count = counts[i] as number;
    records = Math.max(0, records - refillOver(elapsedUs, recordsPerSecond)) + count;
    bytes = Math.max(0, bytes - refillOver(elapsedUs, bytesPerSecond)) + perRecord * count;
  }
  out[0] = records;
  out[1] = bytes;
}
