/**
 * The Kinesis hash key space: the 128-bit unsigned integers `[0, 2^128 − 1]` that MD5 maps
 * partition keys onto (kinesis-facts.md §4, "Hash"). Hash keys are `bigint`s (design.md §6).
 */

/** Number of hash keys: 2^128 (kinesis-facts.md §4). */
export const HASH_SPACE: bigint = 2n ** 128n;

/** The largest hash key, 2^128 − 1: the ending hash key of the last shard (kinesis-facts.md §4). */
export const MAX_HASH_KEY: bigint = HASH_SPACE - 1n;

/**
 * Whether `key` lies in the hash key space `[0, 2^128 − 1]`.
 *
 * @example
 * isHashKey(0n); // true
 * isHashKey(2n ** 128n); // false
 */
export function isHashKey(key: bigint): boolean {
  return key >= 0n && key <= MAX_HASH_KEY;
}
