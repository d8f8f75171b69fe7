import { evenSplit } from "../../../models/hashing/even-split.js";
import type { HashKeyCache } from "../../../models/hashing/hash-key-cache.js";
import type { HashRange } from "../../../models/hashing/hash-range.js";
import { shardId } from "../../../models/hashing/shard-id.js";
import {
  type ExpectedShardLoad,
  expectedShardLoads,
  heaviestKeys,
} from "../../../models/skew/expected-load.js";
import type { KeySpace } from "../../../models/workload/keys/key-space.js";
import { round } from "../../stats/round.js";
import type { ExperimentConfig } from "../config/config-types.js";
import type { RunResult, ShardResult } from "../run/result-types.js";
import { type ObservedKeyCount, observedKeys } from "./observed-keys.js";
import { skewModel } from "./skew-model.js";
import type { SkewResult } from "./skew-result.js";

const HOTTEST_SHARDS = 5;

/** What the producers counted of their keys during a run. */
export interface ObservedTraffic {
  readonly counts: readonly ObservedKeyCount[];
  /** Whether every record was counted (see `SkewResult.observedKeysExact`). */
  readonly exact: boolean;
  /** Records offered by all producers. */
  readonly offered: number;
}

/**
 * The skew analysis of a finished run (`result.skew`). Only the result's `shards` are read,
 * so it can be called on the result object before `skew` is added to it.
 *
 * @param topKeys how many of the heaviest keys to list (default 10).
 * @param keySpaces the run's producers' key spaces, in order (built again when absent).
 * @example
 * const skew = runSkew(result, config);
 * skew.hottestKeys[0]; // { key: "key-0", recordsPerSecond: 1500, ofLimit: 1.5, … }
 */
export function runSkew(
  result: Pick<RunResult, "shards">,
  config: ExperimentConfig,
  topKeys = 10,
  cache?: HashKeyCache,
  observed: ObservedTraffic = { counts: [], exact: true, offered: 0 },
  keySpaces?: readonly KeySpace[],
): SkewResult {
  const model = skewModel(config, cache, keySpaces);
  const { limits } = model;
  const totalAccepted = result.shards.reduce((sum, shard) => sum + shard.accepted, 0);
  const initial = initialLayout(result, config);
  const expected = expectedShardLoads(model.producers, initial.ranges, limits, model.cache);
  // A shard open from the start has its share among `expected`; only one opened later (a
  // child of a split or merge) asks the index, which sorts every listed key to answer.
  const initialLoads = new Map(initial.ids.map((id, i) => [id, i]));
  const expectedShare = (shard: ShardResult): number => {
    const i = initialLoads.get(shard.shardId);
    const range = rangeOf(shard);
    if (i !== undefined && sameRange(initial.ranges[i] as HashRange, range)) {
      return (expected[i] as ExpectedShardLoad).share;
    }
    const { index } = model;
    const total = index.totalRecordsPerSecond;
    return total > 0 ? index.loadInRange(range).recordsPerSecond / total : 0;
  };
  const shards = result.shards.map((shard) => ({
    shardId: shard.shardId,
    expectedShare: round(expectedShare(shard), 6),
    observedShare: round(totalAccepted > 0 ? shard.accepted / totalAccepted : 0, 6),
  }));

  const hottestShards = result.shards
    .map((shard, order) => ({ shard, order }))
    .sort(
      (a, b) =>
        b.shard.peakDemandRecordsPerSecond - a.shard.peakDemandRecordsPerSecond ||
        a.order - b.order,
    )
    .slice(0, HOTTEST_SHARDS)
    .map(({ shard }) => ({
      shardId: shard.shardId,
      peakDemandRecordsPerSecond: shard.peakDemandRecordsPerSecond,
      peakRecordsPerSecond: shard.peakRecordsPerSecond,
      peakBytesPerSecond: shard.peakBytesPerSecond,
      demandOfLimit: round(shard.peakDemandRecordsPerSecond / limits.recordsPerSecond, 6),
      recordsOfLimit: round(shard.peakRecordsPerSecond / limits.recordsPerSecond, 6),
      bytesOfLimit: round(shard.peakBytesPerSecond / limits.bytesPerSecond, 6),
    }));

  const hottestKeys = heaviestKeys(
    model.producers,
    limits,
    topKeys,
    initial.ranges,
    model.cache,
  ).map((key) => ({
    key: key.key,
    recordsPerSecond: round(key.recordsPerSecond, 3),
    bytesPerSecond: round(key.bytesPerSecond, 1),
    ofLimit: round(key.utilization, 6),
    shardId: initial.ids[key.shardIndex ?? 0] as string,
  }));

  return {
    shards,
    hottestShards,
    hottestKeys,
    observedKeys: observedKeys(
      observed.counts,
      observed.offered,
      config.durationUs / 1_000_000,
      initial,
      model.cache,
      topKeys,
    ),
    observedKeysExact: observed.exact,
    skewIndex: maxOverMean(initial.accepted),
    expectedSkewIndex: maxOverMean(expected.map((load) => load.recordsPerSecond)),
    expectedMaxUtilization: round(Math.max(0, ...expected.map((load) => load.utilization)), 6),
  };
}

/** The shards open at the start, sorted by hash key; the even split if the result lacks them. */
function initialLayout(
  result: Pick<RunResult, "shards">,
  config: ExperimentConfig,
): { ranges: HashRange[]; ids: string[]; accepted: number[] } {
  const atStart = result.shards
    .filter((shard) => shard.openedAtSeconds === 0 && shard.parentShardIds.length === 0)
    .map((shard) => ({ shard, range: rangeOf(shard) }))
    .sort((a, b) => (a.range.startingHashKey < b.range.startingHashKey ? -1 : 1));
  if (atStart.length > 0 && coversHashSpace(atStart.map((entry) => entry.range))) {
    return {
      ranges: atStart.map((entry) => entry.range),
      ids: atStart.map((entry) => entry.shard.shardId),
      accepted: atStart.map((entry) => entry.shard.accepted),
    };
  }
  const ranges = evenSplit(config.stream.shards);
  return { ranges, ids: ranges.map((_, i) => shardId(i)), accepted: [] };
}

function coversHashSpace(ranges: readonly HashRange[]): boolean {
  const reference = evenSplit(1)[0] as HashRange;
  let next = reference.startingHashKey;
  for (const range of ranges) {
    if (range.startingHashKey !== next) return false;
    next = range.endingHashKey + 1n;
  }
  return next === reference.endingHashKey + 1n;
}

function rangeOf(shard: ShardResult): HashRange {
  return {
    startingHashKey: BigInt(shard.startingHashKey),
    endingHashKey: BigInt(shard.endingHashKey),
  };
}

function maxOverMean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sum = values.reduce((total, value) => total + value, 0);
  if (!(sum > 0)) return null;
  return round((Math.max(...values) * values.length) / sum, 6);
}

function sameRange(a: HashRange, b: HashRange): boolean {
  return a.startingHashKey === b.startingHashKey && a.endingHashKey === b.endingHashKey;
}
