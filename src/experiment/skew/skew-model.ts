import { HashKeyCache } from "../../../models/hashing/hash-key-cache.js";
import type { LimitsProfile } from "../../../models/limits/profile.js";
import { type ShardWriteLimits, shardWriteLimits } from "../../../models/skew/expected-load.js";
import { KeyMassIndex } from "../../../models/skew/key-mass-index.js";
import { type ProducerLoad, producerLoads } from "../../../models/skew/producer-load.js";
import type { KeySpace } from "../../../models/workload/keys/key-space.js";
import type { ExperimentConfig } from "../config/config-types.js";
import { resolveProfile } from "../config/resolve-profile.js";

/** What every skew computation for one experiment starts from. */
export interface SkewModel {
  readonly profile: LimitsProfile;
  readonly limits: ShardWriteLimits;
  readonly producers: readonly ProducerLoad[];
  /** Shared by every layout, so each head key is hashed once. */
  readonly cache: HashKeyCache;
  readonly index: KeyMassIndex;
}

/**
 * The producers' peak loads, the shard limits and a hash cache for `config`. A run passes
 * its stream's cache, which already holds the hashed head keys, and its producers' key spaces.
 */
export function skewModel(
  config: ExperimentConfig,
  cache = new HashKeyCache(),
  keySpaces?: readonly KeySpace[],
): SkewModel {
  const profile = resolveProfile(config);
  const producers = producerLoads(config.producers, profile.maxRecordBytes, keySpaces);
  return {
    profile,
    limits: shardWriteLimits(profile),
    producers,
    cache,
    index: new KeyMassIndex(producers, cache),
  };
}
