import type { HashRange } from "./hash-range.js";
import { HASH_SPACE, MAX_HASH_KEY } from "./hash-space.js";

/**
 * The hash ranges of a new N-shard stream, split as CreateStream does (kinesis-facts.md §4, "Even
 * split on CreateStream"; KL `createStream.js`): with `h = floor(2^128 / N)`, shard i covers
 * `[i·h, (i+1)·h − 1]`, except that the last shard ends at `2^128 − 1` and so also takes the
 * remainder `2^128 mod N`. For N = 3 these are exactly the AWS CLI example's ranges (§4).
 *
 * @example
 * evenSplit(2);
 * // [{ startingHashKey: 0n, endingHashKey: 2n ** 127n - 1n },
 * //  { startingHashKey: 2n ** 127n, endingHashKey: 2n ** 128n - 1n }]
 * @throws RangeError if `shardCount` is not a positive integer.
 */
export function evenSplit(shardCount: number): HashRange[] {
  if (!Number.isSafeInteger(shardCount) || shardCount < 1) {
    throw new RangeError(`shard count must be a positive integer, got ${shardCount}`);
  }
  const width = HASH_SPACE / BigInt(shardCount);
  const ranges: HashRange[] = [];
  for (let i = 0; i < shardCount; i++) {
    const start = BigInt(i) * width;
    const end = i === shardCount - 1 ? MAX_HASH_KEY : start + width - 1n;
    ranges.push({ startingHashKey: start, endingHashKey: end });
  }
  return ranges;
}
