import { HashKeyCache } from "../../../models/hashing/hash-key-cache.js";
import { applyOverrides, type LimitsProfile, PROFILES } from "../../../models/limits/profile.js";
import { type ShardWriteLimits, shardWriteLimits } from "../../../models/skew/expected-load.js";
import { KeyMassIndex } from "../../../models/skew/key-mass-index.js";
import { type ProducerLoad, producerLoads } from "../../../models/skew/producer-load.js";
import type { ExperimentConfig } from "../config-types.js";
import { UserError } from "../user-error.js";

/** What every skew computation for one experiment starts from. */
export interface SkewModel {
  readonly profile: LimitsProfile;
  readonly limits: ShardWriteLimits;
  readonly producers: readonly ProducerLoad[];
  /** Shared by every layout, so each head key is hashed once. */
  readonly cache: HashKeyCache;
  readonly index: KeyMassIndex;
}

/** The experiment's limits profile (`profile` with `limits:` overrides applied). */
export function skewProfile(config: ExperimentConfig): LimitsProfile {
  const base = PROFILES[config.profile];
  if (base === undefined)
    throw new UserError(`profile: unknown profile "${config.profile}"`, "profile");
  return applyOverrides(base, config.limits);
}

/** The producers' peak loads, the shard limits and a hash cache for `config`. */
export function skewModel(config: ExperimentConfig): SkewModel {
  const profile = skewProfile(config);
  const producers = producerLoads(config.producers);
  const cache = new HashKeyCache();
  return {
    profile,
    limits: shardWriteLimits(profile),
    producers,
    cache,
    index: new KeyMassIndex(producers, cache),
  };
}

/** Rounds for output, so results print the same bytes on every machine. */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
