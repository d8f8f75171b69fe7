import { md5 } from "js-md5";

/** Matches an unpaired UTF-16 surrogate, which UTF-8 encoders replace with U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const encoder = new TextEncoder();

/**
 * The hash key of a partition key: MD5 of its UTF-8 bytes, read as a 128-bit unsigned
 * big-endian integer in `[0, 2^128 − 1]` (kinesis-facts.md §4, "Hash": API PutRecords; KL
 * `partitionKeyToHashKey`). An ExplicitHashKey, when given, replaces this value (§4).
 *
 * Pure and isomorphic (js-md5 runs in browsers and Node; ~1 µs per short key). Lone UTF-16
 * surrogates are encoded as U+FFFD, as `TextEncoder` and Node's `Buffer` both do. Callers
 * that hash the same keys repeatedly should go through a {@link HashKeyCache}.
 *
 * @example
 * md5HashKey("a"); // 0x0cc175b9c0f1b6a831c399e269772661n
 */
export function md5HashKey(partitionKey: string): bigint {
  // js-md5 encodes well-formed strings to UTF-8 itself; others go through TextEncoder.
  const input = LONE_SURROGATE.test(partitionKey) ? encoder.encode(partitionKey) : partitionKey;
  const view = new DataView(md5.arrayBuffer(input));
  return (view.getBigUint64(0, false) << 64n) | view.getBigUint64(8, false);
}
