import { createHash } from "node:crypto";
import type { HashRange } from "../../models/hashing/hash-range.js";

/** MD5 of the UTF-8 key as a big-endian 128-bit integer, by node:crypto (not kinesim's code). */
export function nodeMd5HashKey(key: string): bigint {
  return BigInt(`0x${createHash("md5").update(key, "utf8").digest("hex")}`);
}

/**
 * The expected split of a key set over `ranges`, computed key by key, independently of
 * kinesim's routing: each key's probability on the range its node MD5 falls in.
 */
export function md5Split(
  keys: Iterable<readonly [string, number]>,
  ranges: readonly HashRange[],
): Float64Array {
  const split = new Float64Array(ranges.length);
  for (const [key, probability] of keys) {
    const hash = nodeMd5HashKey(key);
    const index = ranges.findIndex(
      (range) => range.startingHashKey <= hash && hash <= range.endingHashKey,
    );
    split[index] = (split[index] as number) + probability;
  }
  return split;
}

/** Keys `prefix + i` for i in [from, to), each with probability `probability`. */
export function* prefixedKeys(
  prefix: string,
  from: number,
  to: number,
  probability: number,
): Generator<readonly [string, number]> {
  for (let i = from; i < to; i++) yield [`${prefix}${i}`, probability];
}
