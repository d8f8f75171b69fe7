import { RealizedKeyCounts } from "./realized-key-counts.js";

/** Equally likely keys too many to hash, each with `probability`. */
export interface TailGroup {
  readonly keys: RealizedKeyCounts;
  readonly probability: number;
}

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
  /**
   * Only the tail's heaviest keys are listed (a Zipf tail past EXACT_TAIL_KEYS keys): the rest
   * of the tail's mass is spread by hash-range width.
   */
  readonly partial?: boolean;
}

/**
 * The most tail keys hashed one by one: 2^22 (4,194,304), about a second of MD5 at start-up.
 * The places of a larger tail of equally likely keys are drawn instead (realized-key-counts.ts,
 * design.md §5); of a larger Zipf tail the heaviest 2^22 keys are hashed and the lighter rest
 * is spread by hash-range width.
 */
export const EXACT_TAIL_KEYS = 2 ** 22;

/**
 * Keys `prefix + i` for i in [from, to), each with `probability`, when there are too many to
 * hash: their places in the hash key space drawn (realized-key-counts.ts), one draw per key set.
 */
export function equallyLikelyGroup(
  prefix: string,
  from: number,
  to: number,
  probability: number,
): TailGroup {
  return {
    keys: new RealizedKeyCounts(to - from, `keys/${prefix}/${from}-${to}`),
    probability,
  };
}

/**
 * Tail keys `prefix + (from + j)` for j < to − from, key i with probability `probability(i)`;
 * none when there are more than EXACT_TAIL_KEYS, unless they come `heaviestFirst` (then the
 * first EXACT_TAIL_KEYS of them, a partial tail).
 */
export function prefixedTail(
  prefix: string,
  from: number,
  to: number,
  probability: (index: number) => number,
  heaviestFirst = false,
): TailKeys | undefined {
  if (to <= from) return undefined;
  const partial = to - from > EXACT_TAIL_KEYS;
  if (partial && !heaviestFirst) return undefined;
  return {
    count: Math.min(to - from, EXACT_TAIL_KEYS),
    keyName: (j) => `${prefix}${from + j}`,
    probability: (j) => probability(from + j),
    ...(partial ? { partial } : {}),
  };
}
