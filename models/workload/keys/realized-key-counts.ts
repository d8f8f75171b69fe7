import { binomial } from "../../../src/engine/distributions/binomial.js";
import { type Random, randomStream } from "../../../src/engine/random-streams.js";
import type { HashRange } from "../../hashing/hash-range.js";

/** Bits of a hash key (kinesis-facts.md §4). */
const HASH_BITS = 128;

/**
 * Where `count` keys too many to hash (more than EXACT_TAIL_KEYS) fall in the hash key space:
 * one draw of "n keys, each at a uniform hash key", which is what MD5 does to distinct keys.
 * The count below any hash key is found by halving the space: of a half-space's keys,
 * Binomial(k, 1/2) lie in its lower half, drawn once per half-space from a random stream named
 * after the key set and the half-space (so the same key set lands the same way in every run
 * and whatever is asked first), down to a half-space holding one key, whose place is drawn
 * whole. Counts are consistent across layouts: a split shard's children share its keys.
 *
 * Spread by hash-range width instead, every shard would get its exact share of the keys,
 * where n keys over N shards give each Binomial(n, 1/N) of them: 10,000,000 keys over 1,000
 * shards, 10,000 ± 100 a shard, and the busiest about 3 % above the mean.
 */
export class RealizedKeyCounts {
  /** The lower half's count of each half-space already split, by its path ("0" = lower). */
  private readonly lowerCounts = new Map<string, number>();

  /**
   * @param count the keys (a safe integer).
   * @param name names the key set (its random streams are `name/path`).
   */
  constructor(
    readonly count: number,
    private readonly name: string,
  ) {}

  /** The keys whose hash key is below `hashKey`. */
  below(hashKey: bigint): number {
    let low = 0n;
    let bits = HASH_BITS;
    let keys = this.count;
    let path = "";
    let before = 0;
    for (;;) {
      if (keys === 0 || hashKey <= low) return before;
      const width = 1n << BigInt(bits);
      if (hashKey >= low + width) return before + keys;
      if (keys === 1) {
        // One key, at a uniform place in [low, low + width).
        const place = low + uniformBits(this.random(path), bits);
        return before + (place < hashKey ? 1 : 0);
      }
      const lower = this.lowerCount(path, keys);
      const middle = low + (width >> 1n);
      if (hashKey <= middle) {
        keys = lower;
        path += "0";
      } else {
        before += lower;
        keys -= lower;
        low = middle;
        path += "1";
      }
      bits--;
    }
  }

  /** The keys whose hash key lies in `range` (both ends inclusive). */
  inRange(range: HashRange): number {
    return this.below(range.endingHashKey + 1n) - this.below(range.startingHashKey);
  }

  private lowerCount(path: string, keys: number): number {
    let lower = this.lowerCounts.get(path);
    if (lower === undefined) {
      lower = binomial(this.random(path), keys, 0.5);
      this.lowerCounts.set(path, lower);
    }
    return lower;
  }

  private random(path: string): Random {
    return randomStream(this.name, path === "" ? "root" : path);
  }
}

/** A uniform integer of `bits` bits (0 ≤ bits ≤ 128), from 32 bits per draw. */
function uniformBits(random: Random, bits: number): bigint {
  let value = 0n;
  for (let drawn = 0; drawn < bits; drawn += 32) {
    value = (value << 32n) | BigInt(Math.floor(random() * 2 ** 32));
  }
  const extra = BigInt(Math.ceil(bits / 32) * 32 - bits);
  return value >> extra;
}
