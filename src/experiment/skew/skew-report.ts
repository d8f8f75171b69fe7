import { evenSplit } from "../../../models/hashing/even-split.js";
import { shardId } from "../../../models/hashing/shard-id.js";
import {
  expectedShardLoads,
  heaviestKeys,
  heaviestTailKeyLoad,
  type KeyLoad,
  type ShardWriteLimits,
} from "../../../models/skew/expected-load.js";
import { round } from "../../stats/round.js";
import type { ExperimentConfig } from "../config/config-types.js";
import { isOverLimit } from "./over-limit.js";
import { type SkewModel, skewModel } from "./skew-model.js";

/** One shard's expected write load at the producers' peak. */
export interface ExpectedShard {
  shardId: string;
  recordsPerSecond: number;
  bytesPerSecond: number;
  /** Share of all records. */
  share: number;
  /** max(records/s ÷ records limit, bytes/s ÷ bytes limit); above 1 the shard throttles. */
  utilization: number;
}

/** The expected load of an even split into `shards` shards (as CreateStream makes them). */
export interface ShardCountSkew {
  shards: number;
  /** Every shard, in hash-key order. */
  perShard: ExpectedShard[];
  /** The hottest shard's utilization. */
  maxUtilization: number;
  hottestShardId: string;
  /** Max ÷ mean of the shards' expected records/s (1 = perfectly even; null: no traffic). */
  skewIndex: number | null;
  /** Shards expected above their limits (utilization > 1). */
  shardsOverLimit: number;
  overLimit: boolean;
}

/** The smallest even-split shard count with no shard expected above its limits. */
export type SmallestShardCount =
  | { possible: true; shards: number }
  | { possible: false; reason: string };

/**
 * Expected per-shard loads for each shard count, from the key distributions and the hash
 * ranges alone (no run): the producers at their peak rates, split as the simulator splits them.
 *
 * @example
 * skewForShardCounts(loadExperimentFile("experiments/hot-key.yaml"), [8, 16]);
 * // [{ shards: 8, maxUtilization: 1.69, overLimit: true, … }, { shards: 16, … }]
 * @throws RangeError if a shard count is not a positive integer.
 */
export function skewForShardCounts(
  config: ExperimentConfig,
  shardCounts: readonly number[],
  model: SkewModel = skewModel(config),
): ShardCountSkew[] {
  return shardCounts.map((shards) => {
    const loads = expectedShardLoads(model.producers, evenSplit(shards), model.limits, model.cache);
    const perShard = loads.map((load, i) => ({
      shardId: shardId(i),
      recordsPerSecond: round(load.recordsPerSecond, 3),
      bytesPerSecond: round(load.bytesPerSecond, 1),
      share: round(load.share, 6),
      utilization: round(load.utilization, 6),
    }));
    let hottest = 0;
    let maxRecords = 0;
    let totalRecords = 0;
    loads.forEach((load, i) => {
      if (load.utilization > (loads[hottest]?.utilization ?? 0)) hottest = i;
      maxRecords = Math.max(maxRecords, load.recordsPerSecond);
      totalRecords += load.recordsPerSecond;
    });
    const shardsOverLimit = loads.filter((load) => isOverLimit(load.utilization)).length;
    return {
      shards,
      perShard,
      maxUtilization: round(loads[hottest]?.utilization ?? 0, 6),
      hottestShardId: shardId(hottest),
      skewIndex: totalRecords > 0 ? round((maxRecords * shards) / totalRecords, 6) : null,
      shardsOverLimit,
      overLimit: shardsOverLimit > 0,
    };
  });
}

/**
 * The smallest even-split shard count at which no shard is expected above its limits at the
 * producers' peak, searching upward from the count the total load needs on average. It stops
 * early when no count can work: when one partition key alone exceeds a shard's limits (a
 * single key is never spread over shards) or when even `maxShards` shards are too few.
 *
 * @example
 * smallestShardCount(loadExperimentFile("experiments/capacity-example.yaml"));
 * // { possible: true, shards: 10 }
 */
export function smallestShardCount(
  config: ExperimentConfig,
  maxShards?: number,
  model: SkewModel = skewModel(config),
): SmallestShardCount {
  const { index, limits } = model;
  const most = maxShards ?? model.profile.maxShardsPerStream;
  const heaviest = heaviestSingleKey(model);
  if (heaviest !== undefined && isOverLimit(heaviest.utilization)) {
    return { possible: false, reason: singleKeyReason(heaviest, limits) };
  }
  const records = index.totalRecordsPerSecond;
  const bytes = index.totalBytesPerSecond;
  // Below this many shards the mean shard is already over a limit.
  const average = Math.max(records / limits.recordsPerSecond, bytes / limits.bytesPerSecond);
  const lowest = Math.max(1, Math.ceil(average - 1e-9));
  if (lowest > most) {
    return {
      possible: false,
      reason:
        `the producers' peak of ${int(records)} records/s and ${megabytes(bytes)} MB/s ` +
        `needs at least ${int(lowest)} shards, more than the ${int(most)} a stream may have`,
    };
  }
  let hottest = { shards: lowest, shardIndex: 0, utilization: 0 };
  for (let shards = lowest; shards <= most; shards++) {
    const shard = index.hottestEvenSplitShard(shards, limits);
    if (!isOverLimit(shard.utilization)) return { possible: true, shards };
    hottest = { shards, ...shard };
  }
  return {
    possible: false,
    reason:
      `no shard count up to ${int(most)} keeps every shard within its limits: at ` +
      `${int(hottest.shards)} shards ${shardId(hottest.shardIndex)} is still expected at ` +
      `${Math.round(hottest.utilization * 100)} % of its limit`,
  };
}

/** The heaviest single partition key of all producers, head or tail. */
export function heaviestSingleKey(model: SkewModel): KeyLoad | undefined {
  const [head] = heaviestKeys(model.producers, model.limits, 1, undefined, model.cache);
  const tail = heaviestTailKeyLoad(model.producers, model.limits);
  if (head === undefined) return tail;
  if (tail === undefined) return head;
  return tail.utilization > head.utilization ? tail : head;
}

/** "key user-42 alone needs 1.7 MB/s, more than a shard's 1.05 MB/s; …" */
function singleKeyReason(key: KeyLoad, limits: ShardWriteLimits): string {
  const recordsBind =
    key.recordsPerSecond / limits.recordsPerSecond >= key.bytesPerSecond / limits.bytesPerSecond;
  const need = recordsBind
    ? `${int(key.recordsPerSecond)} records/s, more than a shard's ${int(limits.recordsPerSecond)} records/s`
    : `${megabytes(key.bytesPerSecond)} MB/s, more than a shard's ${megabytes(limits.bytesPerSecond)} MB/s`;
  const alike =
    key.alike !== undefined && key.alike > 1
      ? ` (as does each of ${int(key.alike - 1)} other keys)`
      : "";
  return (
    `key ${key.key} alone needs ${need}${alike}; a single key cannot be spread over shards — ` +
    "use a more specific partition key or explicit hash keys"
  );
}

/** Whole number with thousands separators, the same on every machine. */
export function int(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Bytes as MB (10^6 bytes) with up to two decimals: 1,700,000 → "1.7". */
export function megabytes(bytes: number): string {
  return String(round(bytes / 1e6, 2));
}
