/**
 * The light keys of a key space (those past its head), listed so that each can be hashed:
 * key j's name and its probability. A key set's shard shares come from where its keys hash,
 * and a finite set of keys does not spread evenly: 1,000,000 keys over 1,000 shards give
 * each shard Binomial(10⁶, 1/1,000) keys, ±3.2 % (one standard deviation), and the shard
 * with the most about 10 % above the mean. Spread by hash-range width instead, a stream sized
 * at its limit showed no hot shard where the same keys routed record by record throttled.
 */
export interface TailKeys {
  /** Number of tail keys, numbered 0 … count − 1. */
  readonly count: number;
  /** Tail key j's partition key. */
  keyName(j: number): string;
  /** Tail key j's probability (they sum to the key space's `tailMass`). */
  probability(j: number): number;
  /** Tail key j's explicit hash key, when it is not routed by the MD5 of its name. */
  hashKeyOf?(j: number): bigint;
}

/**
 * The most tail keys hashed one by one: 2^22 (4,194,304), about a second of MD5 at start-up.
 * A larger tail is spread by hash-range width (design.md §5), where each shard holds so many
 * keys that their count varies by at most √(shards ÷ keys): ±1.5 % at 1,000 shards.
 */
export const EXACT_TAIL_KEYS = 2 ** 22;

/** Tail keys `prefix + (from + j)` for j < to − from, key i with probability `probability(i)`. */
export function prefixedTail(
  prefix: string,
  from: number,
  to: number,
  probability: (index: number) => number,
): TailKeys | undefined {
  if (to - from > EXACT_TAIL_KEYS || to <= from) return undefined;
  return {
    count: to - from,
    keyName: (j) => `${prefix}${from + j}`,
    probability: (j) => probability(from + j),
  };
}
