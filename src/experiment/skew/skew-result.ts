import type { ObservedKey } from "./observed-keys.js";

/**
 * The `skew` section of a run's result: where the traffic was expected to go (from the key
 * distributions and the hash ranges, at the producers' peak rates) beside where it went.
 * Plain JSON; every number is rounded so the same run prints the same bytes.
 */
export interface SkewResult {
  /** Every shard of the run (open and closed), in the order of `result.shards`. */
  shards: {
    shardId: string;
    /**
     * Share of the producers' records whose partition keys hash into this shard's range
     * (every key by its MD5; a tail too large to hash by its keys' drawn places). For shards
     * of the initial layout this is the share the shard was expected to take; a shard open for only part of the run takes
     * it only while open, so its observed share is smaller.
     */
    expectedShare: number;
    /** This shard's accepted records ÷ all accepted records. */
    observedShare: number;
  }[];
  /** The 5 hottest shards by peak demand, hottest first; "OfLimit" fields are fractions. */
  hottestShards: {
    shardId: string;
    /** Highest accepted + throttled attempts per second (retries included). */
    peakDemandRecordsPerSecond: number;
    peakRecordsPerSecond: number;
    peakBytesPerSecond: number;
    /** Peak demand ÷ the shard's records limit. */
    demandOfLimit: number;
    /** Peak accepted records/s ÷ the records limit. */
    recordsOfLimit: number;
    /** Peak accepted bytes/s ÷ the bytes limit. */
    bytesOfLimit: number;
  }[];
  /** The heaviest partition keys expected from the key distributions, heaviest first. */
  hottestKeys: {
    key: string;
    recordsPerSecond: number;
    bytesPerSecond: number;
    /** The key's load as a fraction of one shard's limits (max of records and bytes). */
    ofLimit: number;
    /** The shard of the initial layout the key hashes to. */
    shardId: string;
  }[];
  /**
   * The keys with the most records offered in the run, heaviest first, counted per producer
   * (models/skew/key-observer.ts: exactly up to 1,048,576 keys, else by a Space-Saving sketch).
   */
  observedKeys: ObservedKey[];
  /**
   * True when every record's key was counted (record-level runs and trace replays over at
   * most 1,048,576 keys); false when the counts are estimates (segment mode's few keys drawn
   * per tick, or the sketch's sample of larger key spaces).
   */
  observedKeysExact: boolean;
  /**
   * Max ÷ mean of accepted records over the shards open at the start (1 = perfectly even);
   * null when nothing was accepted.
   */
  skewIndex: number | null;
  /** The same ratio for the expected records/s of the initial layout. */
  expectedSkewIndex: number | null;
  /** The initial layout's hottest expected shard: its utilization (above 1 it throttles). */
  expectedMaxUtilization: number;
}
