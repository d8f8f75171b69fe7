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
  /** Every listed key by hash key (built on first use). */
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
  // Built when first asked: sorting every listed key by hash key takes ~0.3 s for a million,
  // and a run's skew report needs it only for shards that were not open from the start.
  let index: KeyMassIndex | undefined;
  return {
    profile,
    limits: shardWriteLimits(profile),
    producers,
    cache,
    get index() {
      index ??= new KeyMassIndex(producers, cache);
      return index;
    },
  };
}
