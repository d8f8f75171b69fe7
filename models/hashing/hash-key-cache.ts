import { md5HashKey } from "./md5-hash-key.js";

/**
 * A memo of {@link md5HashKey} results (design.md §6: "Cache key → hash").
 *
 * Bounded and deterministic: when it holds `maxEntries` keys and a new key arrives, it forgets
 * everything and starts over. That wastes a little work on very large key sets but needs no
 * eviction bookkeeping, and results never depend on the cache's history.
 */
export class HashKeyCache {
  private readonly entries = new Map<string, bigint>();
  private hitCount = 0;
  private missCount = 0;

  /**
   * @param maxEntries keys held before the cache is cleared; a positive integer.
   * @throws RangeError if `maxEntries` is not a positive integer.
   */
  constructor(readonly maxEntries = 100_000) {
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`HashKeyCache maxEntries must be a positive integer, got ${maxEntries}`);
    }
  }

  /**
   * The hash key of `partitionKey`, computed once and then remembered.
   *
   * @example
   * const cache = new HashKeyCache();
   * cache.hashKey("user-1") === md5HashKey("user-1"); // true
   */
  hashKey(partitionKey: string): bigint {
    const cached = this.entries.get(partitionKey);
    if (cached !== undefined) {
      this.hitCount++;
      return cached;
    }
    this.missCount++;
    const key = md5HashKey(partitionKey);
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(partitionKey, key);
    return key;
  }

  /** Lookups answered from the cache. */
  get hits(): number {
    return this.hitCount;
  }

  /** Lookups that had to compute MD5. */
  get misses(): number {
    return this.missCount;
  }

  /** Keys currently held. */
  get size(): number {
    return this.entries.size;
  }

  /** Forgets every key and resets the hit and miss counts. */
  clear(): void {
    this.entries.clear();
    this.hitCount = 0;
    this.missCount = 0;
  }
}
