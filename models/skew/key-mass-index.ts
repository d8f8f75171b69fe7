import { HashKeyCache } from "../hashing/hash-key-cache.js";
import { type HashRange, rangeFraction } from "../hashing/hash-range.js";
import { HASH_SPACE } from "../hashing/hash-space.js";
import { type ShardWriteLimits, utilization } from "./expected-load.js";
import type { ProducerLoad } from "./producer-load.js";

const TWO_POW_128 = 2 ** 128;

/** A position whose scaled hash key lies this close to a shard boundary is routed exactly. */
const BOUNDARY_MARGIN = 1e-6;

/**
 * The producers' peak traffic laid out along the hash key space: every head key at its MD5
 * hash key with its records/s and bytes/s (sorted by hash key), and the tail's records/s and
 * bytes/s spread uniformly (design.md §5). Answers "how much traffic does this hash
 * range draw" for any range, and the hottest shard of an even split, without building a
 * router for each layout. Agrees with `expectedShardLoads` (the simulator's own split).
 */
export class KeyMassIndex {
  /** Head keys' hash keys, ascending. */
  private readonly hashKeys: bigint[];
  /** The same hash keys ÷ 2^128, as doubles. */
  private readonly positions: Float64Array;
  private readonly records: Float64Array;
  private readonly bytes: Float64Array;
  readonly tailRecordsPerSecond: number;
  readonly tailBytesPerSecond: number;
  readonly totalRecordsPerSecond: number;
  readonly totalBytesPerSecond: number;

  constructor(producers: readonly ProducerLoad[], cache: HashKeyCache = new HashKeyCache()) {
    const entries: { hashKey: bigint; records: number; bytes: number }[] = [];
    let tailRecords = 0;
    let tailBytes = 0;
    let totalRecords = 0;
    for (const producer of producers) {
      const rate = producer.recordsPerSecond;
      if (!(rate > 0)) continue;
      const head = producer.keys.head;
      for (let i = 0; i < head.length; i++) {
        const { key, probability, hashKey } = head[i] as (typeof head)[number];
        const records = rate * probability;
        entries.push({
          hashKey: hashKey ?? cache.hashKey(key),
          records,
          bytes: records * producer.meanRecordBytes,
        });
      }
      tailRecords += rate * producer.keys.tailMass;
      tailBytes += rate * producer.keys.tailMass * producer.meanRecordBytes;
      totalRecords += rate;
    }
    // Sorted by the hash key as a double first (monotone in the key, and a cheap comparison),
    // the exact keys deciding only between equal doubles: the order of sorting by the keys alone.
    const positionOf = entries.map((entry) => Number(entry.hashKey) / TWO_POW_128);
    const order = Array.from(entries, (_, i) => i);
    order.sort((a, b) => {
      const byPosition = (positionOf[a] as number) - (positionOf[b] as number);
      if (byPosition !== 0) return byPosition;
      const keyA = (entries[a] as { hashKey: bigint }).hashKey;
      const keyB = (entries[b] as { hashKey: bigint }).hashKey;
      return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
    });
    const sorted = order.map((i) => entries[i] as (typeof entries)[number]);
    this.hashKeys = sorted.map((entry) => entry.hashKey);
    this.positions = Float64Array.from(order, (i) => positionOf[i] as number);
    this.records = Float64Array.from(sorted, (entry) => entry.records);
    this.bytes = Float64Array.from(sorted, (entry) => entry.bytes);
    this.tailRecordsPerSecond = tailRecords;
    this.tailBytesPerSecond = tailBytes;
    this.totalRecordsPerSecond = totalRecords;
    let totalBytes = tailBytes;
    for (const value of this.bytes) totalBytes += value;
    this.totalBytesPerSecond = totalBytes;
  }

  /**
   * The records/s and bytes/s whose partition keys hash into `range` (head keys exactly, the
   * tail by the range's width), whichever other shards are open.
   *
   * @example
   * index.loadInRange({ startingHashKey: 0n, endingHashKey: 2n ** 127n - 1n });
   */
  loadInRange(range: HashRange): { recordsPerSecond: number; bytesPerSecond: number } {
    const fraction = rangeFraction(range);
    let records = this.tailRecordsPerSecond * fraction;
    let bytes = this.tailBytesPerSecond * fraction;
    for (let i = this.firstAtOrAbove(range.startingHashKey); i < this.hashKeys.length; i++) {
      if ((this.hashKeys[i] as bigint) > range.endingHashKey) break;
      records += this.records[i] as number;
      bytes += this.bytes[i] as number;
    }
    return { recordsPerSecond: records, bytesPerSecond: bytes };
  }

  /**
   * The hottest shard of an even split into `shardCount` shards (as CreateStream makes them)
   * and its utilization: O(head keys + 1) per call, so a search over many shard counts stays
   * cheap. Routing is exact: a key whose position is within rounding of a boundary is routed
   * with bigint arithmetic.
   *
   * @example
   * index.hottestEvenSplitShard(8, limits); // { shardIndex: 5, utilization: 1.69 }
   */
  hottestEvenSplitShard(
    shardCount: number,
    limits: ShardWriteLimits,
  ): { shardIndex: number; utilization: number } {
    const width = HASH_SPACE / BigInt(shardCount);
    const regularFraction = Number(width) / TWO_POW_128;
    const lastFraction = 1 - (shardCount - 1) * regularFraction;
    const tailLoad = (index: number) => {
      const fraction = index === shardCount - 1 ? lastFraction : regularFraction;
      return [this.tailRecordsPerSecond * fraction, this.tailBytesPerSecond * fraction] as const;
    };
    let best = { shardIndex: 0, utilization: -1 };
    const consider = (index: number, records: number, bytes: number) => {
      const load = utilization(records, bytes, limits);
      if (load > best.utilization) best = { shardIndex: index, utilization: load };
    };
    let current = -1;
    let records = 0;
    let bytes = 0;
    let shardsWithKeys = 0;
    let firstEmpty = 0;
    for (let i = 0; i < this.hashKeys.length; i++) {
      const index = this.evenSplitIndex(i, shardCount, width);
      if (index !== current) {
        if (current >= 0) consider(current, records, bytes);
        if (index === firstEmpty) firstEmpty++;
        current = index;
        [records, bytes] = tailLoad(index);
        shardsWithKeys++;
      }
      records += this.records[i] as number;
      bytes += this.bytes[i] as number;
    }
    if (current >= 0) consider(current, records, bytes);
    if (shardsWithKeys < shardCount) {
      // Some shard holds tail traffic only; the first such one stands for them all (the last
      // shard's share of the tail is larger by at most shardCount ÷ 2^128, which is nothing).
      const [tailRecords, tailBytes] = tailLoad(firstEmpty);
      consider(firstEmpty, tailRecords, tailBytes);
    }
    return best;
  }

  /** Position of the shard holding head key `i` in an even split with ranges `width` wide. */
  private evenSplitIndex(i: number, shardCount: number, width: bigint): number {
    const scaled = (this.positions[i] as number) * shardCount;
    const index = Math.floor(scaled);
    if (scaled - index > BOUNDARY_MARGIN && index + 1 - scaled > BOUNDARY_MARGIN) {
      return Math.min(index, shardCount - 1);
    }
    const exact = Number((this.hashKeys[i] as bigint) / width);
    return Math.min(exact, shardCount - 1);
  }

  private firstAtOrAbove(hashKey: bigint): number {
    let low = 0;
    let high = this.hashKeys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.hashKeys[middle] as bigint) < hashKey) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
