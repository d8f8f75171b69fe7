import type { HashRange } from "../hashing/hash-range.js";
import { rangeFraction } from "../hashing/hash-range.js";
import type { ShardRouter } from "../hashing/shard-router.js";
import type { KeySpace } from "./keys/key-space.js";
import { addTailMasses } from "./tail-shard-masses.js";

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
  if (keys.tailMass > 0 && keys.tailKeys !== undefined) {
    addTailMasses(keys.tailKeys, router, probabilities);
  } else if (keys.tailMass > 0 && keys.tailRange === undefined) {
    router.shards.forEach((shard, index) => {
      probabilities[index] =
        (probabilities[index] as number) + keys.tailMass * rangeFraction(shard);
    });
  } else if (keys.tailMass > 0 && keys.tailRange !== undefined) {
    // The tail covers only part of the key space (explicit hash keys in a range): each shard
    // gets it in proportion to how much of that part it overlaps.
    const tail = keys.tailRange;
    const tailWidth = rangeFraction(tail);
    router.shards.forEach((shard, index) => {
      // The overlap of two hash ranges (bigints, so no Math.min/max).
      let start = shard.startingHashKey;
      if (tail.startingHashKey > start) start = tail.startingHashKey;
      let end = shard.endingHashKey;
      if (tail.endingHashKey < end) end = tail.endingHashKey;
      if (end < start) return;
      const overlap = rangeFraction({ startingHashKey: start, endingHashKey: end });
      probabilities[index] =
        (probabilities[index] as number) + (keys.tailMass * overlap) / tailWidth;
    });
  }
  return probabilities;
}
