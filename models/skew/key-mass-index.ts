import { HashKeyCache } from "../hashing/hash-key-cache.js";
import { type HashRange, rangeFraction } from "../hashing/hash-range.js";
import { HASH_SPACE } from "../hashing/hash-space.js";
import { orderByHashKey } from "../hashing/order-by-hash-key.js";
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
    let headKeys = 0;
    for (const producer of producers) {
      if (producer.recordsPerSecond > 0) headKeys += producer.keys.head.length;
    }
    // Indexed loops into arrays made to size: this runs cold at the end of every run.
    const hashKeys: bigint[] = new Array(headKeys);
    const positions = new Float64Array(headKeys);
    const records = new Float64Array(headKeys);
    const bytes = new Float64Array(headKeys);
    let tailRecords = 0;
    let tailBytes = 0;
    let totalRecords = 0;
    let at = 0;
    for (const producer of producers) {
      const rate = producer.recordsPerSecond;
      if (!(rate > 0)) continue;
      const head = producer.keys.head;
      for (let i = 0; i < head.length; i++) {
        const { key, probability, hashKey } = head[i] as (typeof head)[number];
        const keyHash = hashKey ?? cache.hashKey(key);
        const keyRecords = rate * probability;
        hashKeys[at] = keyHash;
        positions[at] = Number(keyHash) / TWO_POW_128;
        records[at] = keyRecords;
        bytes[at] = keyRecords * producer.meanRecordBytes;
        at++;
      }
      tailRecords += rate * producer.keys.tailMass;
      tailBytes += rate * producer.keys.tailMass * producer.meanRecordBytes;
      totalRecords += rate;
    }
    const order = orderByHashKey(positions, hashKeys);
    this.hashKeys = new Array(headKeys);
    this.positions = new Float64Array(headKeys);
    this.records = new Float64Array(headKeys);
    this.bytes = new Float64Array(headKeys);
    for (let i = 0; i < headKeys; i++) {
      const from = order[i] as number;
      this.hashKeys[i] = hashKeys[from] as bigint;
      this.positions[i] = positions[from] as number;
      this.records[i] = records[from] as number;
      this.bytes[i] = bytes[from] as number;
    }
    this.tailRecordsPerSecond = tailRecords;
    this.tailBytesPerSecond = tailBytes;
    this.totalRecordsPerSecond = totalRecords;
    let totalBytes = tailBytes;
    for (let i = 0; i < headKeys; i++) totalBytes += this.bytes[i] as number;
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
    // Both ends by binary search: a bigint comparison per key was most of a cold run's cost
    // here. The sums run over the same keys in the same order.
    const end = this.firstAtOrAbove(range.endingHashKey + 1n);
    for (let i = this.firstAtOrAbove(range.startingHashKey); i < end; i++) {
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
