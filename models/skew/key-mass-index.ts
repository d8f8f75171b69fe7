import { HashKeyCache } from "../hashing/hash-key-cache.js";
import { type HashRange, rangeFraction } from "../hashing/hash-range.js";
import { HASH_SPACE } from "../hashing/hash-space.js";
import { md5HashKey } from "../hashing/md5-hash-key.js";
import { hashKeyPosition } from "../hashing/md5-hash-position.js";
import { orderByHashKey } from "../hashing/order-by-hash-key.js";
import type { RealizedKeyCounts } from "../workload/keys/realized-key-counts.js";
import type { TailKeys } from "../workload/keys/tail-keys.js";
import { tailKeyPositions, tailMassByWidth } from "../workload/tail-shard-masses.js";
import { type ShardWriteLimits, utilization } from "./expected-load.js";
import type { ProducerLoad } from "./producer-load.js";

const TWO_POW_128 = 2 ** 128;

/** Positions (a hash key's top 53 bits, md5-hash-position.ts) per unit of the key space. */
const TWO_POW_53 = 2 ** 53;

/** A position whose scaled hash key lies this close to a shard boundary is routed exactly. */
const BOUNDARY_MARGIN = 1e-6;

/**
 * The producers' peak traffic laid out along the hash key space: every listed key (head keys,
 * and the tail's keys where the key space lists them: tail-keys.ts) at its MD5 hash key with
 * its records/s and bytes/s, sorted by hash key, and a tail too large to list spread uniformly
 * (design.md §5). Answers "how much traffic does this hash range draw" for any range, and the
 * hottest shard of an even split, without building a router for each layout. Agrees with
 * `expectedShardLoads` (the simulator's own split).
 */
export class KeyMassIndex {
  /** The keys' positions (their hash keys' top 53 bits), ascending. */
  private readonly positions: Float64Array;
  private readonly records: Float64Array;
  private readonly bytes: Float64Array;
  /** Key i's full hash key, for the few whose position does not decide a comparison. */
  private readonly hashKeyOf: (i: number) => bigint;
  /** Tails too large to list: groups of equally likely keys, with each key's load. */
  private readonly groups: { keys: RealizedKeyCounts; records: number; bytes: number }[] = [];
  /** All the groups' keys' records/s and bytes/s. */
  private groupRecordsPerSecond = 0;
  private groupBytesPerSecond = 0;
  readonly tailRecordsPerSecond: number;
  readonly tailBytesPerSecond: number;
  readonly totalRecordsPerSecond: number;
  readonly totalBytesPerSecond: number;

  constructor(producers: readonly ProducerLoad[], cache: HashKeyCache = new HashKeyCache()) {
    let listed = 0;
    for (const producer of producers) {
      if (producer.recordsPerSecond > 0) {
        listed += producer.keys.head.length + (producer.keys.tailKeys?.count ?? 0);
      }
    }
    // Indexed loops into arrays made to size: this runs cold at the end of every run.
    const positions = new Float64Array(listed);
    const records = new Float64Array(listed);
    const bytes = new Float64Array(listed);
    /** Each key's full hash key: a head key's, or how to work out a tail key's. */
    const headHashKeys: bigint[] = [];
    const tails: TailKeys[] = [];
    const tailOf = new Int32Array(listed);
    const indexIn = new Int32Array(listed);
    let tailRecords = 0;
    let tailBytes = 0;
    let totalRecords = 0;
    let at = 0;
    for (const producer of producers) {
      const rate = producer.recordsPerSecond;
      if (!(rate > 0)) continue;
      const { head, tailKeys, tailMass } = producer.keys;
      let listedMass = 0;
      for (let i = 0; i < head.length; i++) {
        const { key, probability, hashKey } = head[i] as (typeof head)[number];
        const keyHash = hashKey ?? cache.hashKey(key);
        const keyRecords = rate * probability;
        positions[at] = hashKeyPosition(keyHash);
        records[at] = keyRecords;
        bytes[at] = keyRecords * producer.meanRecordBytes;
        tailOf[at] = -1;
        indexIn[at] = headHashKeys.length;
        headHashKeys.push(keyHash);
        at++;
      }
      if (tailKeys !== undefined && tailMass > 0) {
        const tailPositions = tailKeyPositions(tailKeys);
        const tail = tails.length;
        tails.push(tailKeys);
        for (let j = 0; j < tailKeys.count; j++) {
          const probability = tailKeys.probability(j);
          listedMass += probability;
          const keyRecords = rate * probability;
          positions[at] = tailPositions[j] as number;
          records[at] = keyRecords;
          bytes[at] = keyRecords * producer.meanRecordBytes;
          tailOf[at] = tail;
          indexIn[at] = j;
          at++;
        }
      }
      for (const group of producer.keys.tailGroups ?? []) {
        const keyRecords = rate * group.probability;
        this.groups.push({
          keys: group.keys,
          records: keyRecords,
          bytes: keyRecords * producer.meanRecordBytes,
        });
      }
      // What neither the listed keys nor the groups carry is spread by width (design.md §5).
      const spread = tailMass > 0 ? tailMassByWidth(producer.keys, listedMass) : 0;
      tailRecords += rate * spread;
      tailBytes += rate * spread * producer.meanRecordBytes;
      totalRecords += rate;
    }
    const hashKeyOfListed = (i: number): bigint => {
      const tail = tailOf[i] as number;
      if (tail < 0) return headHashKeys[indexIn[i] as number] as bigint;
      const keys = tails[tail] as TailKeys;
      const j = indexIn[i] as number;
      return keys.hashKeyOf?.(j) ?? md5HashKey(keys.keyName(j));
    };
    const fractions = new Float64Array(listed);
    for (let i = 0; i < listed; i++) fractions[i] = (positions[i] as number) / TWO_POW_53;
    const order = orderByHashKey(fractions, hashKeyOfListed);
    this.positions = new Float64Array(listed);
    this.records = new Float64Array(listed);
    this.bytes = new Float64Array(listed);
    for (let i = 0; i < listed; i++) {
      const from = order[i] as number;
      this.positions[i] = positions[from] as number;
      this.records[i] = records[from] as number;
      this.bytes[i] = bytes[from] as number;
    }
    this.hashKeyOf = (i) => hashKeyOfListed(order[i] as number);
    this.tailRecordsPerSecond = tailRecords;
    this.tailBytesPerSecond = tailBytes;
    this.totalRecordsPerSecond = totalRecords;
    let totalBytes = tailBytes;
    for (let i = 0; i < listed; i++) totalBytes += this.bytes[i] as number;
    for (const group of this.groups) {
      this.groupRecordsPerSecond += group.records * group.keys.count;
      this.groupBytesPerSecond += group.bytes * group.keys.count;
    }
    totalBytes += this.groupBytesPerSecond;
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
    for (const group of this.groups) {
      const keys = group.keys.inRange(range);
      records += group.records * keys;
      bytes += group.bytes * keys;
    }
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
    // A key set too large to hash is taken at its range's share here (its drawn places vary
    // a shard's load by √(shards ÷ keys) about that): a search over thousands of shard
    // counts cannot afford a count per shard per layout. loadInRange counts its keys.
    const widthRecords = this.tailRecordsPerSecond + this.groupRecordsPerSecond;
    const widthBytes = this.tailBytesPerSecond + this.groupBytesPerSecond;
    const tailLoad = (index: number) => {
      const fraction = index === shardCount - 1 ? lastFraction : regularFraction;
      return [widthRecords * fraction, widthBytes * fraction] as const;
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
    for (let i = 0; i < this.positions.length; i++) {
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

  /** Position of the shard holding listed key `i` in an even split with ranges `width` wide. */
  private evenSplitIndex(i: number, shardCount: number, width: bigint): number {
    const scaled = ((this.positions[i] as number) / TWO_POW_53) * shardCount;
    const index = Math.floor(scaled);
    if (scaled - index > BOUNDARY_MARGIN && index + 1 - scaled > BOUNDARY_MARGIN) {
      return Math.min(index, shardCount - 1);
    }
    const exact = Number(this.hashKeyOf(i) / width);
    return Math.min(exact, shardCount - 1);
  }

  /** The first listed key at or above `hashKey`: by position, then by hash key among equals. */
  private firstAtOrAbove(hashKey: bigint): number {
    const position = hashKeyPosition(hashKey);
    let low = 0;
    let high = this.positions.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.positions[middle] as number) < position) low = middle + 1;
      else high = middle;
    }
    while (
      low < this.positions.length &&
      this.positions[low] === position &&
      this.hashKeyOf(low) < hashKey
    ) {
      low++;
    }
    return low;
  }
}
