import { HashKeyCache } from "./hash-key-cache.js";
import type { HashRange } from "./hash-range.js";
import { isHashKey, MAX_HASH_KEY } from "./hash-space.js";

/**
 * Routes hash keys and partition keys to the open shard whose range contains them (kinesis-facts.md
 * §4: open shards always cover the whole MD5 range; design.md §6: route by binary
 * search over open shards' starting keys).
 *
 * A router is immutable: after a reshard, build a new one from the new open shards (passing
 * the old router's {@link HashKeyCache} keeps the hashed keys).
 */
export class ShardRouter<T extends HashRange> {
  /** The open shards, sorted by starting hash key. */
  readonly shards: readonly T[];
  /** The cache {@link routePartitionKey} hashes through. */
  readonly cache: HashKeyCache;
  private readonly startingKeys: readonly bigint[];

  /**
   * @param shards the open shards, sorted by starting hash key, whose ranges together cover
   *   `[0, 2^128 − 1]` with no gap and no overlap.
   * @param cache the partition-key hash cache to use; a new one by default.
   * @throws RangeError if the shards are empty, unsorted, overlap, leave a gap, or do not
   *   reach both ends of the hash key space.
   *
   * @example
   * const router = new ShardRouter(evenSplit(4));
   * router.routeIndex(2n ** 127n); // 2
   */
  constructor(shards: readonly T[], cache: HashKeyCache = new HashKeyCache()) {
    checkCoverage(shards);
    this.shards = Object.freeze([...shards]);
    this.startingKeys = this.shards.map((shard) => shard.startingHashKey);
    this.cache = cache;
  }

  /**
   * The position in {@link shards} of the shard that owns `hashKey`.
   *
   * @throws RangeError if `hashKey` is outside `[0, 2^128 − 1]`.
   */
  routeIndex(hashKey: bigint): number {
    if (!isHashKey(hashKey)) {
      throw new RangeError(`hash key ${hashKey} is outside [0, ${MAX_HASH_KEY}]`);
    }
    // The last shard whose starting key is ≤ hashKey; shard 0 starts at 0, so one exists.
    let low = 0;
    let high = this.startingKeys.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((this.startingKeys[middle] as bigint) <= hashKey) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /**
   * The shard that owns `hashKey`.
   *
   * @example
   * new ShardRouter(evenSplit(2)).route(0n); // { startingHashKey: 0n, endingHashKey: 2n ** 127n - 1n }
   * @throws RangeError if `hashKey` is outside `[0, 2^128 − 1]`.
   */
  route(hashKey: bigint): T {
    return this.shards[this.routeIndex(hashKey)] as T;
  }

  /**
   * The shard a record with `partitionKey` (and no ExplicitHashKey) is written to: the one
   * owning the key's MD5 hash key (kinesis-facts.md §4), hashed through {@link cache}.
   *
   * @example
   * new ShardRouter(evenSplit(3)).routePartitionKey("user-1");
   */
  routePartitionKey(partitionKey: string): T {
    return this.route(this.cache.hashKey(partitionKey));
  }
}

function checkCoverage(shards: readonly HashRange[]): void {
  const first = shards[0];
  if (first === undefined) throw new RangeError("a shard router needs at least one shard");
  if (first.startingHashKey !== 0n) {
    throw new RangeError(`the first shard must start at hash key 0, not ${first.startingHashKey}`);
  }
  let previous: HashRange | undefined;
  for (const [i, shard] of shards.entries()) {
    if (shard.endingHashKey < shard.startingHashKey) {
      throw new RangeError(
        `shard ${i} has an empty hash range [${shard.startingHashKey}, ${shard.endingHashKey}]`,
      );
    }
    if (previous !== undefined && shard.startingHashKey !== previous.endingHashKey + 1n) {
      const problem =
        shard.startingHashKey <= previous.endingHashKey ? "overlaps" : "leaves a gap after";
      throw new RangeError(
        `shard ${i} starts at hash key ${shard.startingHashKey}, so it ${problem} shard ${i - 1}, ` +
          `which ends at ${previous.endingHashKey}; shards must be sorted and contiguous`,
      );
    }
    previous = shard;
  }
  if (previous !== undefined && previous.endingHashKey !== MAX_HASH_KEY) {
    throw new RangeError(
      `the last shard must end at hash key ${MAX_HASH_KEY}, not ${previous.endingHashKey}`,
    );
  }
}
