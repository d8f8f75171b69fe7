import { md5 } from "js-md5";
import { md5Input } from "./md5-hash-key.js";

/** Bits of a hash key below its top 53: a position is the hash key shifted right by these. */
export const POSITION_SHIFT = 75n;

/**
 * The top 53 bits of a partition key's hash key (its MD5, kinesis-facts.md §4), as an integer
 * double: `md5HashKey(key) >> 75n`, without making a bigint. Hashing a whole key set at
 * start-up (a million keys in about a quarter of a second) takes this many bits of each; a key
 * whose position equals a shard boundary's is routed by its full hash key (see
 * tail-shard-masses.ts). js-md5's byte output, the same in Node and in a browser.
 */
export function md5HashPosition(partitionKey: string): number {
  const b = md5.array(md5Input(partitionKey));
  return (
    (b[0] as number) * 2 ** 45 +
    (b[1] as number) * 2 ** 37 +
    (b[2] as number) * 2 ** 29 +
    (b[3] as number) * 2 ** 21 +
    (b[4] as number) * 2 ** 13 +
    (b[5] as number) * 2 ** 5 +
    ((b[6] as number) >>> 3)
  );
}

/** A hash key's top 53 bits, as {@link md5HashPosition} gives a partition key's. */
export function hashKeyPosition(hashKey: bigint): number {
  return Number(hashKey >> POSITION_SHIFT);
}
