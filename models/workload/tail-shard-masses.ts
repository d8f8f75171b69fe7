import type { HashRange } from "../hashing/hash-range.js";
import { md5HashKey } from "../hashing/md5-hash-key.js";
import { hashKeyPosition, md5HashPosition } from "../hashing/md5-hash-position.js";
import type { ShardRouter } from "../hashing/shard-router.js";
import type { KeySpace } from "./keys/key-space.js";
import type { TailKeys } from "./keys/tail-keys.js";

/**
 * The part of a key space's tail mass spread by hash-range width (design.md §5), given the
 * mass its listed tail keys carry: none when the tail is listed whole or drawn as groups, what
 * the listed keys leave of a partial (Zipf) tail, and all of a tail neither lists nor draws
 * (keys that follow the clock, explicit hash keys).
 */
export function tailMassByWidth(keys: KeySpace, listedMass: number): number {
  if (keys.tailGroups !== undefined) return 0;
  if (keys.tailKeys === undefined) return keys.tailMass;
  return keys.tailKeys.partial === true ? Math.max(0, keys.tailMass - listedMass) : 0;
}

/** Each tail's keys' hash positions, worked out once (the shards may change many times). */
const positionsByTail = new WeakMap<TailKeys, Float64Array>();

/** The tail's keys' positions (md5-hash-position.ts), by key, worked out on first use. */
export function tailKeyPositions(tail: TailKeys): Float64Array {
  let positions = positionsByTail.get(tail);
  if (positions === undefined) {
    positions = new Float64Array(tail.count);
    const explicit = tail.hashKeyOf;
    for (let j = 0; j < tail.count; j++) {
      positions[j] =
        explicit === undefined ? md5HashPosition(tail.keyName(j)) : hashKeyPosition(explicit(j));
    }
    positionsByTail.set(tail, positions);
  }
  return positions;
}

/**
 * Adds each tail key's probability to the shard its hash key routes to, in the router's shard
 * order (design.md §5): what routing every key's record would give. A key is placed by the top
 * 53 bits of its hash key (its position) against the shards' starting keys' positions; one
 * whose position equals a starting key's could lie on either side of it and is routed by its
 * full hash key. Returns the probability added (the listed keys').
 */
export function addTailMasses<T extends HashRange>(
  tail: TailKeys,
  router: ShardRouter<T>,
  probabilities: Float64Array,
): number {
  const positions = tailKeyPositions(tail);
  const shards = router.shards;
  const starts = new Float64Array(shards.length);
  for (let i = 0; i < shards.length; i++) {
    starts[i] = hashKeyPosition((shards[i] as T).startingHashKey);
  }
  const last = shards.length - 1;
  let added = 0;
  for (let j = 0; j < positions.length; j++) {
    const position = positions[j] as number;
    // The last shard whose starting position is at or below the key's (shard 0 starts at 0).
    let low = 0;
    let high = last;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((starts[middle] as number) <= position) low = middle;
      else high = middle - 1;
    }
    let index = low;
    if (low > 0 && (starts[low] as number) === position) {
      const hashKey = tail.hashKeyOf?.(j) ?? md5HashKey(tail.keyName(j));
      index = router.routeIndex(hashKey);
    }
    const probability = tail.probability(j);
    probabilities[index] = (probabilities[index] as number) + probability;
    added += probability;
  }
  return added;
}
