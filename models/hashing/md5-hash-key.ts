import { md5 } from "@noble/hashes/legacy.js";
import { utf8ToBytes } from "@noble/hashes/utils.js";

/**
 * The hash key of a partition key: MD5 of its UTF-8 bytes, read as a 128-bit unsigned
 * big-endian integer in `[0, 2^128 − 1]` (fact sheet §4, "Hash": API PutRecords; KL
 * `partitionKeyToHashKey`). An ExplicitHashKey, when given, replaces this value (§4).
 *
 * Pure and isomorphic (no Node-only modules). Lone UTF-16 surrogates are encoded as U+FFFD,
 * as `TextEncoder` and Node's `Buffer` both do. Callers that hash the same keys repeatedly
 * should go through a {@link HashKeyCache}.
 *
 * @example
 * md5HashKey("a"); // 0x0cc175b9c0f1b6a831c399e269772661n
 */
export function md5HashKey(partitionKey: string): bigint {
  const digest = md5(utf8ToBytes(partitionKey));
  const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
  return (view.getBigUint64(0, false) << 64n) | view.getBigUint64(8, false);
}
