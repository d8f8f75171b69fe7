import type { HashKeyCache } from "../../../models/hashing/hash-key-cache.js";
import type { HashRange } from "../../../models/hashing/hash-range.js";
import { ShardRouter } from "../../../models/hashing/shard-router.js";
import { heaviestSlots } from "../../../models/skew/heaviest-slots.js";
import { addToSlot, KeySlots } from "../../../models/skew/key-slots.js";
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
  const slots = new KeySlots();
  const records: number[] = [];
  const errors: number[] = [];
  for (let i = 0; i < counts.length; i++) {
    const entry = counts[i] as ObservedKeyCount;
    const slot = slots.slotOf(entry.key, entry.hashKey);
    addToSlot(records, slot, entry.records);
    addToSlot(errors, slot, entry.error);
  }
  const { keys, hashKeys } = slots;
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
