import type { HashRange } from "../hashing/hash-range.js";
import { rangeFraction } from "../hashing/hash-range.js";
import type { ShardRouter } from "../hashing/shard-router.js";
import type { KeySpace } from "./keys/key-space.js";
import { addTailMasses, tailMassByWidth } from "./tail-shard-masses.js";

/**
 * P(a record lands on open shard i), in the router's shard order: the head keys' exact mass
 * routed by their MD5 hash keys, plus the tail's: its keys routed one by one as well, or,
 * for a tail too large to hash, its mass spread by hash-range width (design.md §5).
 * Recompute whenever the open shards change.
 */
export function shardProbabilities<T extends HashRange>(
  keys: KeySpace,
  router: ShardRouter<T>,
): Float64Array {
  const probabilities = new Float64Array(router.shards.length);
  // Indexed, not for…of: this runs once at start-up over up to 100,000 keys, before the
  // loop is optimized, and an unoptimized for…of allocates a result object per key.
  const head = keys.head;
  for (let i = 0; i < head.length; i++) {
    const { key, probability, hashKey } = head[i] as (typeof head)[number];
    const index = router.routeIndex(hashKey ?? router.cache.hashKey(key));
    probabilities[index] = (probabilities[index] as number) + probability;
  }
  if (!(keys.tailMass > 0)) return probabilities;
  // The tail's listed keys one by one; a tail too large to list by its keys' drawn places
  // (equally likely keys) or, what is left of a Zipf tail, by width.
  const listed =
    keys.tailKeys === undefined ? 0 : addTailMasses(keys.tailKeys, router, probabilities);
  if (keys.tailGroups !== undefined) {
    for (const group of keys.tailGroups) {
      router.shards.forEach((shard, index) => {
        probabilities[index] =
          (probabilities[index] as number) + group.probability * group.keys.inRange(shard);
      });
    }
  }
  const spread = tailMassByWidth(keys, listed);
  if (spread > 0) spreadByWidth(spread, keys.tailRange, router, probabilities);
  return probabilities;
}

/**
 * Adds `mass` to the shards in proportion to their hash ranges' widths, or, when the mass lies
 * in `tailRange` only (explicit hash keys in a range), to how much of it each shard overlaps.
 */
function spreadByWidth<T extends HashRange>(
  mass: number,
  tailRange: HashRange | undefined,
  router: ShardRouter<T>,
  probabilities: Float64Array,
): void {
  if (tailRange === undefined) {
    router.shards.forEach((shard, index) => {
      probabilities[index] = (probabilities[index] as number) + mass * rangeFraction(shard);
    });
    return;
  }
  const tailWidth = rangeFraction(tailRange);
  router.shards.forEach((shard, index) => {
    // The overlap of two hash ranges (bigints, so no Math.min/max).
    let start = shard.startingHashKey;
    if (tailRange.startingHashKey > start) start = tailRange.startingHashKey;
    let end = shard.endingHashKey;
    if (tailRange.endingHashKey < end) end = tailRange.endingHashKey;
    if (end < start) return;
    const overlap = rangeFraction({ startingHashKey: start, endingHashKey: end });
    probabilities[index] = (probabilities[index] as number) + (mass * overlap) / tailWidth;
  });
}
