import type { KeySpace } from "./key-space.js";

/** Epoch milliseconds of the run's t = 0 in key names (2026-11-25T00:00:00Z). */
const EPOCH_MS = 1_795_564_800_000;

/**
 * Monotonically increasing keys: each record's partition key is its creation time in epoch
 * milliseconds, truncated to `resolutionUs` — the "timestamp as partition key" pattern.
 * MD5 spreads consecutive timestamps evenly over the shards, but all records of one
 * timestamp share a key and so a shard.
 */
export function timestampKeys(resolutionUs: number): KeySpace {
  const resolutionMs = resolutionUs / 1000;
  const keyName = (index: number) => String(Math.floor(EPOCH_MS + index * resolutionMs));
  return {
    // Keys follow the clock: unbounded in principle; routes are cached sparsely.
    cardinality: Number.MAX_SAFE_INTEGER,
    sampleIndex: () => 0,
    indexAt: (timeUs) => Math.floor(timeUs / resolutionUs),
    keyName,
    keyBytes: (index) => keyName(index).length,
    sample: () => keyName(0),
    head: [],
    tailMass: 1,
    meanKeyBytes: 13,
  };
}
