import type { HashKeyCache } from "../../../models/hashing/hash-key-cache.js";
import type { HashRange } from "../../../models/hashing/hash-range.js";
import { ShardRouter } from "../../../models/hashing/shard-router.js";
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
  const merged = new Map<string, { records: number; error: number; hashKey?: bigint }>();
  for (const entry of counts) {
    const known = merged.get(entry.key);
    if (known === undefined) {
      merged.set(entry.key, {
        records: entry.records,
        error: entry.error,
        ...(entry.hashKey === undefined ? {} : { hashKey: entry.hashKey }),
      });
    } else {
      known.records += entry.records;
      known.error += entry.error;
    }
  }
  const router = new ShardRouter(layout.ranges, cache);
  return [...merged]
    .sort(([a, x], [b, y]) => y.records - x.records || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, count)
    .map(([key, { records, error, hashKey }]) => ({
      key,
      records: round(records, 1),
      recordsPerSecond: round(durationSeconds > 0 ? records / durationSeconds : 0, 3),
      share: round(totalOffered > 0 ? records / totalOffered : 0, 6),
      maxError: round(error, 1),
      shardId: layout.ids[router.routeIndex(hashKey ?? router.cache.hashKey(key))] as string,
    }));
}
