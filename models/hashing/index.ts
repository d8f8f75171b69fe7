/** The hash key space: MD5 hash keys, hash ranges, the even split, shard ids and routing. */
export { evenSplit } from "./even-split.js";
export { HashKeyCache } from "./hash-key-cache.js";
export {
  areAdjacent,
  containsHashKey,
  evenSplitPoint,
  type HashRange,
  isSplitShardKeyAllowed,
  mergeRanges,
  rangeFraction,
  rangeWidth,
  splitRange,
} from "./hash-range.js";
export { HASH_SPACE, isHashKey, MAX_HASH_KEY } from "./hash-space.js";
export { md5HashKey } from "./md5-hash-key.js";
export { shardId, shardIndexOf } from "./shard-id.js";
export { ShardRouter } from "./shard-router.js";
