/**
 * Shard ids: `shardId-` followed by the shard's index, zero-padded to 12 digits, e.g.
 * `shardId-000000000000` (kinesis-facts.md §4, "Shard IDs"; KL `db.shardIdName`). Children of a
 * split or merge take the next unused index (§4).
 */

const PREFIX = "shardId-";
const DIGITS = 12;
const MAX_INDEX = 10 ** DIGITS - 1;
const PATTERN = /^shardId-(\d{12})$/;

/**
 * The shard id for `index`.
 *
 * @example
 * shardId(0); // "shardId-000000000000"
 * shardId(17); // "shardId-000000000017"
 * @throws RangeError if `index` is not an integer in `[0, 999999999999]`.
 */
export function shardId(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0 || index > MAX_INDEX) {
    throw new RangeError(`shard index must be an integer from 0 to ${MAX_INDEX}, got ${index}`);
  }
  return PREFIX + String(index).padStart(DIGITS, "0");
}

/**
 * The index in a shard id made by {@link shardId}, or `undefined` if `id` is not of the form
 * `shardId-` + exactly 12 digits.
 *
 * @example
 * shardIndexOf("shardId-000000000017"); // 17
 * shardIndexOf("shard-17"); // undefined
 */
export function shardIndexOf(id: string): number | undefined {
  const match = PATTERN.exec(id);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
