import type { HashKeyCache } from "../../../models/hashing/hash-key-cache.js";
import type { HashRange } from "../../../models/hashing/hash-range.js";
import { ShardRouter } from "../../../models/hashing/shard-router.js";
import { heaviestSlots } from "../../../models/skew/heaviest-slots.js";
import { round } from "../../stats/round.js";

/** One producer's count of one key, from its bounded-memory sketch. */
export interface ObservedKeyCount {
  readonly key: string;
  /** The key's explicit hash key, when it is not routed by its MD5. */
  readonly hashKey?: bigint;
  readonly records: number;
  /** The sketch's bound: the true count is at least `records − error`. */
  readonly error: number;
}

/** A hottest key as observed in the run (`result.skew.observedKeys`). */
export interface ObservedKey {
  key: string;
  /** Records offered with this key (estimated when `observedKeysExact` is false). */
  records: number;
  recordsPerSecond: number;
  /** Of all records offered. */
  share: number;
  /** Upper bound of the overcount from the sketch: the true count is ≥ records − maxError. */
  maxError: number;
  /** The shard of the initial layout the key hashes to. */
  shardId: string;
}

/**
 * The `count` keys with the most records offered, all producers together (a key's counts
 * from several producers add up, as do their error bounds), heaviest first and equal counts
 * by key name, so the list is deterministic.
 */
export function observedKeys(
  counts: readonly ObservedKeyCount[],
  totalOffered: number,
  durationSeconds: number,
  layout: { readonly ranges: readonly HashRange[]; readonly ids: readonly string[] },
  cache: HashKeyCache | undefined,
  count: number,
): ObservedKey[] {
  // A slot per distinct key in parallel arrays: this runs cold at the end of every run, over
  // as many keys as the producers counted (10,000 in the quickstart).
  const slotOf = new Map<string, number>();
  const keys: string[] = [];
  const records: number[] = [];
  const errors: number[] = [];
  const hashKeys: (bigint | undefined)[] = [];
  for (let i = 0; i < counts.length; i++) {
    const entry = counts[i] as ObservedKeyCount;
    const slot = slotOf.get(entry.key);
    if (slot === undefined) {
      slotOf.set(entry.key, keys.length);
      keys.push(entry.key);
      records.push(entry.records);
      errors.push(entry.error);
      hashKeys.push(entry.hashKey);
    } else {
      records[slot] = (records[slot] as number) + entry.records;
      errors[slot] = (errors[slot] as number) + entry.error;
    }
  }
  const router = new ShardRouter(layout.ranges, cache);
  return heaviestSlots(keys, records, count).map((slot) => {
    const key = keys[slot] as string;
    const keyRecords = records[slot] as number;
    return {
      key,
      records: round(keyRecords, 1),
      recordsPerSecond: round(durationSeconds > 0 ? keyRecords / durationSeconds : 0, 3),
      share: round(totalOffered > 0 ? keyRecords / totalOffered : 0, 6),
      maxError: round(errors[slot] as number, 1),
      shardId: layout.ids[router.routeIndex(hashKeys[slot] ?? router.cache.hashKey(key))] as string,
    };
  });
}
