import type { Random } from "../../../src/engine/random-streams.js";
import type { HashRange } from "../../hashing/hash-range.js";
import type { TailGroup, TailKeys } from "./tail-keys.js";

/** A partition key with its probability. */
export interface WeightedKey {
  readonly key: string;
  readonly probability: number;
  /** The key's explicit hash key, when it is not routed by the MD5 of `key`. */
  readonly hashKey?: bigint;
}

/**
 * A distribution of partition keys. Records draw keys independently, which is what makes
 * Poisson splitting exact (design.md §5).
 *
 * For shard probabilities the distribution is cut in two: the `head`, keys listed with their
 * probabilities, and a `tailMass` of many light keys. The tail's keys are hashed one by one
 * too (`tailKeys`), up to EXACT_TAIL_KEYS of them; a larger tail of equally likely keys has
 * its keys' places drawn (`tailGroups`); what is left (a Zipf tail's lighter keys, keys that
 * follow the clock, explicit hash keys) is spread in proportion to hash-range width. See
 * {@link HEAD_KEY_LIMIT} for where the line is drawn.
 */
export interface KeySpace {
  /** Number of distinct keys; keys are numbered 0 … cardinality − 1. */
  readonly cardinality: number;
  /** Draws the index of one partition key. */
  sampleIndex(random: Random): number;
  /** The partition key with this index. */
  keyName(index: number): string;
  /** UTF-8 length of the partition key with this index. */
  keyBytes(index: number): number;
  /** Draws one partition key (its name). */
  sample(random: Random): string;
  /** Keys that follow the clock (timestamps): the key index at `timeUs`, instead of a draw. */
  indexAt?(timeUs: number): number;
  /** Explicit hash keys: the 128-bit hash key of key `index`, used instead of its MD5. */
  hashKeyOf?(index: number): bigint;
  /** The hash range the tail's mass is spread over (default: the whole key space). */
  readonly tailRange?: HashRange;
  readonly head: readonly WeightedKey[];
  /** True when no key appears twice in `head` (keys numbered after a prefix). */
  readonly distinctHead?: boolean;
  readonly tailMass: number;
  /** The tail's keys, to hash one by one; undefined for a tail too large (or none). */
  readonly tailKeys?: TailKeys;
  /**
   * A tail too large to hash, as groups of equally likely keys (each key of a group with its
   * `probability`), whose places in the hash key space are drawn (realized-key-counts.ts).
   */
  readonly tailGroups?: readonly TailGroup[];
  /** Expected UTF-8 length of a drawn key, counted against the byte limits. */
  readonly meanKeyBytes: number;
}

/**
 * At most this many keys are listed in a key space's head, each with its probability (the
 * heaviest keys, which the skew report names); the rest are its tail, hashed one by one for
 * shard probabilities as well (tail-keys.ts). A key below the line carries at most 1/10,000
 * of a uniform distribution's traffic and, for Zipf, less than the keys above it.
 */
export const HEAD_KEY_LIMIT = 10_000;

const encoder = new TextEncoder();

/** UTF-8 byte length of a string. */
export function utf8Length(text: string): number {
  // ASCII fast path: one byte per UTF-16 unit. A loop, not a regular expression: this runs
  // for every head key of every producer at the end of a run, cold.
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) return encoder.encode(text).length;
  }
  return text.length;
}

/** Mean number of decimal digits of the integers in [from, to). */
export function meanDecimalDigits(from: number, to: number): number {
  if (to <= from) return 1;
  let total = 0;
  let low = from;
  for (let digits = 1, bound = 10; low < to; digits++, bound *= 10) {
    if (low < bound) {
      const high = Math.min(to, bound);
      total += (high - low) * digits;
      low = high;
    }
  }
  return total / (to - from);
}

/** Number of decimal digits of a non-negative integer (no string allocation). */
export function decimalDigits(value: number): number {
  let digits = 1;
  for (let bound = 10; value >= bound && digits < 17; bound *= 10) digits++;
  return digits;
}

/** A key space whose keys are `prefix` followed by the key's index. */
export function prefixedKeys(
  prefix: string,
  cardinality: number,
  sampleIndex: (random: Random) => number,
  rest: Pick<KeySpace, "head" | "tailMass" | "tailKeys" | "tailGroups" | "meanKeyBytes">,
): KeySpace {
  const prefixBytes = utf8Length(prefix);
  return {
    cardinality,
    sampleIndex,
    keyName: (index) => `${prefix}${index}`,
    keyBytes: (index) => prefixBytes + decimalDigits(index),
    sample: (random) => `${prefix}${sampleIndex(random)}`,
    // Every head key is the prefix and a different number.
    distinctHead: true,
    ...rest,
  };
}
