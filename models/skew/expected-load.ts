import { HashKeyCache } from "../hashing/hash-key-cache.js";
import type { HashRange } from "../hashing/hash-range.js";
import { ShardRouter } from "../hashing/shard-router.js";
import type { LimitsProfile } from "../limits/profile.js";
import { utf8Length } from "../workload/keys/key-space.js";
import { shardProbabilities } from "../workload/shard-probabilities.js";
import { heaviestSlots } from "./heaviest-slots.js";
import { addToSlot, KeySlots } from "./key-slots.js";
import { heaviestTailKey, type ProducerLoad } from "./producer-load.js";

/** A shard's write limits (kinesis-facts.md §1), from the limits profile. */
export interface ShardWriteLimits {
  readonly recordsPerSecond: number;
  readonly bytesPerSecond: number;
}

/** The write limits of one shard in `profile`. */
export function shardWriteLimits(profile: LimitsProfile): ShardWriteLimits {
  return {
    recordsPerSecond: profile.shardWriteRecordsPerSecond,
    bytesPerSecond: profile.shardWriteBytesPerSecond,
  };
}

/**
 * How full a load keeps one shard: the larger of records/s ÷ the records limit and bytes/s ÷
 * the bytes limit. Above 1 the shard throttles.
 *
 * @example
 * utilization(1500, 1_000_000, { recordsPerSecond: 1000, bytesPerSecond: 1_048_576 }); // 1.5
 */
export function utilization(
  recordsPerSecond: number,
  bytesPerSecond: number,
  limits: ShardWriteLimits,
): number {
  return Math.max(
    recordsPerSecond / limits.recordsPerSecond,
    bytesPerSecond / limits.bytesPerSecond,
  );
}

/** The expected write load of one shard at the producers' peak. */
export interface ExpectedShardLoad {
  readonly recordsPerSecond: number;
  readonly bytesPerSecond: number;
  /** This shard's share of all records (0 when there is no traffic). */
  readonly share: number;
  /** max(records/s ÷ records limit, bytes/s ÷ bytes limit); above 1 it throttles. */
  readonly utilization: number;
}

/**
 * Expected records/s and bytes/s of each open shard, summed over producers: each producer's
 * peak rate times P(its key lands on the shard), from the key distribution and the hash ranges
 * exactly as the simulator splits traffic (`shardProbabilities`: every key hashed with MD5,
 * a tail too large to hash placed by a draw, design.md §5). Bytes are records × the
 * producer's mean record bytes.
 *
 * @param ranges the open shards, sorted by starting hash key and covering the hash key space.
 * @returns one load per range, in the same order.
 * @example
 * const loads = expectedShardLoads(producerLoads(config.producers), evenSplit(8), limits);
 * Math.max(...loads.map((load) => load.utilization)); // > 1: some shard throttles at the peak
 */
export function expectedShardLoads(
  producers: readonly ProducerLoad[],
  ranges: readonly HashRange[],
  limits: ShardWriteLimits,
  cache: HashKeyCache = new HashKeyCache(),
): ExpectedShardLoad[] {
  const router = new ShardRouter(ranges, cache);
  const records = new Float64Array(ranges.length);
  const bytes = new Float64Array(ranges.length);
  let totalRecords = 0;
  for (const producer of producers) {
    if (!(producer.recordsPerSecond > 0)) continue;
    const probabilities = shardProbabilities(producer.keys, router);
    for (let i = 0; i < ranges.length; i++) {
      const shardRecords = producer.recordsPerSecond * (probabilities[i] as number);
      records[i] = (records[i] as number) + shardRecords;
      bytes[i] = (bytes[i] as number) + shardRecords * producer.meanRecordBytes;
    }
    totalRecords += producer.recordsPerSecond;
  }
  return ranges.map((_, i) => {
    const recordsPerSecond = records[i] as number;
    const bytesPerSecond = bytes[i] as number;
    return {
      recordsPerSecond,
      bytesPerSecond,
      share: totalRecords > 0 ? recordsPerSecond / totalRecords : 0,
      utilization: utilization(recordsPerSecond, bytesPerSecond, limits),
    };
  });
}

/** One partition key's expected load at the producers' peak. */
export interface KeyLoad {
  readonly key: string;
  readonly recordsPerSecond: number;
  /** Records × (mean data bytes + this key's own UTF-8 length), summed over producers. */
  readonly bytesPerSecond: number;
  /** The load as a fraction of one shard's limits (see {@link utilization}). */
  readonly utilization: number;
  /** Position of the shard the key hashes to, among `ranges` (when given). */
  readonly shardIndex?: number;
  /** Keys of the tail only: how many keys carry this same load (this one included). */
  readonly alike?: number;
}

/**
 * The `count` heaviest partition keys across producers, heaviest first (ties by key name):
 * each head key's probability × its producer's peak rate, summed over producers that share
 * the key. With `ranges`, each key also gets the position of the shard it hashes to.
 *
 * @example
 * heaviestKeys(producerLoads(config.producers), limits, 3, evenSplit(8));
 * // [{ key: "key-0", recordsPerSecond: 1500, …, shardIndex: 5 }, …]
 */
export function heaviestKeys(
  producers: readonly ProducerLoad[],
  limits: ShardWriteLimits,
  count: number,
  ranges?: readonly HashRange[],
  cache: HashKeyCache = new HashKeyCache(),
): KeyLoad[] {
  const { keys, hashKeys, records, bytes } = headKeyLoads(producers);
  const router = ranges === undefined ? undefined : new ShardRouter(ranges, cache);
  return heaviestSlots(keys, records, count).map((slot) => {
    const key = keys[slot] as string;
    const recordsPerSecond = records[slot] as number;
    const bytesPerSecond = bytes[slot] as number;
    return {
      key,
      recordsPerSecond,
      bytesPerSecond,
      utilization: utilization(recordsPerSecond, bytesPerSecond, limits),
      ...(router === undefined
        ? {}
        : { shardIndex: router.routeIndex(hashKeys[slot] ?? cache.hashKey(key)) }),
    };
  });
}

/** Every head key's records/s and bytes/s, summed over the producers that send it. */
interface HeadKeyLoads {
  readonly keys: readonly string[];
  readonly hashKeys: readonly (bigint | undefined)[];
  readonly records: readonly number[];
  readonly bytes: readonly number[];
}

/**
 * The head keys of the producers that send records, each once (in first-seen order), with
 * their loads. One producer whose head holds no key twice (`distinctHead`) needs no merging,
 * so its keys take their slots without a map (KeySlots).
 */
function headKeyLoads(producers: readonly ProducerLoad[]): HeadKeyLoads {
  const sending = producers.filter((producer) => producer.recordsPerSecond > 0);
  const slots = new KeySlots(sending.length === 1 && sending[0]?.keys.distinctHead === true);
  const records: number[] = [];
  const bytes: number[] = [];
  for (const producer of sending) {
    const head = producer.keys.head;
    for (let i = 0; i < head.length; i++) {
      const { key, probability, hashKey } = head[i] as (typeof head)[number];
      const keyRecords = producer.recordsPerSecond * probability;
      const slot = slots.slotOf(key, hashKey);
      addToSlot(records, slot, keyRecords);
      addToSlot(bytes, slot, keyRecords * (producer.dataBytes + utf8Length(key)));
    }
  }
  return { keys: slots.keys, hashKeys: slots.hashKeys, records, bytes };
}

/**
 * The heaviest single key of any producer's tail (the keys past its head list), or undefined. Only
 * uniform tails of very many keys can matter, at very high rates: such a key is one of `alike`
 * equally heavy keys.
 */
export function heaviestTailKeyLoad(
  producers: readonly ProducerLoad[],
  limits: ShardWriteLimits,
): KeyLoad | undefined {
  let best: KeyLoad | undefined;
  for (const producer of producers) {
    const tail = heaviestTailKey(producer.keysConfig);
    if (tail === undefined || !(producer.recordsPerSecond > 0)) continue;
    const records = producer.recordsPerSecond * tail.probability;
    const bytes = records * (producer.dataBytes + utf8Length(tail.key));
    const load = utilization(records, bytes, limits);
    if (best === undefined || load > best.utilization) {
      best = {
        key: tail.key,
        recordsPerSecond: records,
        bytesPerSecond: bytes,
        utilization: load,
        alike: tail.alike,
      };
    }
  }
  return best;
}
