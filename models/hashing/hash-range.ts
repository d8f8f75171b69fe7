/**
 * Hash key ranges: the inclusive interval of hash keys a shard owns, and the arithmetic of
 * splitting and merging them (kinesis-facts.md §4 and §5).
 */

/**
 * An inclusive range of hash keys `[startingHashKey, endingHashKey]`, as in the Kinesis
 * `HashKeyRange` type (kinesis-facts.md §4). Valid ranges have `0 ≤ start ≤ end ≤ 2^128 − 1`.
 */
export interface HashRange {
  readonly startingHashKey: bigint;
  readonly endingHashKey: bigint;
}

const MASK_64 = (1n << 64n) - 1n;
const TWO_POW_64 = 2 ** 64;
const TWO_POW_128 = 2 ** 128;

function show(range: HashRange): string {
  return `[${range.startingHashKey}, ${range.endingHashKey}]`;
}

/**
 * The number of hash keys in `range`: `end − start + 1`.
 *
 * @example
 * rangeWidth({ startingHashKey: 10n, endingHashKey: 19n }); // 10n
 */
export function rangeWidth(range: HashRange): bigint {
  return range.endingHashKey - range.startingHashKey + 1n;
}

/**
 * The share of the whole hash key space that `range` covers, `width / 2^128`, as a double.
 * Since MD5 output is uniform, this is the probability that a random partition key lands in
 * the range (design.md §5). Computed from the high and low 64 bits separately so the
 * result is accurate to a double's precision even for very narrow or very wide ranges.
 *
 * @example
 * rangeFraction({ startingHashKey: 0n, endingHashKey: 2n ** 127n - 1n }); // 0.5
 */
export function rangeFraction(range: HashRange): number {
  const width = rangeWidth(range);
  return Number(width >> 64n) / TWO_POW_64 + Number(width & MASK_64) / TWO_POW_128;
}

/**
 * Whether `hashKey` lies in `range` (both ends inclusive).
 *
 * @example
 * containsHashKey({ startingHashKey: 10n, endingHashKey: 19n }, 19n); // true
 */
export function containsHashKey(range: HashRange, hashKey: bigint): boolean {
  return hashKey >= range.startingHashKey && hashKey <= range.endingHashKey;
}

/**
 * Splits `range` at `newStartingHashKey`, as SplitShard does (kinesis-facts.md §4, "SplitShard
 * validation"): the first child gets `[start, new − 1]`, the second `[new, end]`. The two
 * children partition the parent exactly.
 *
 * This checks only what the arithmetic needs, that both children are non-empty
 * (`start < new ≤ end`). The SplitShard API is stricter; check
 * {@link isSplitShardKeyAllowed} first when modelling an API call.
 *
 * @example
 * splitRange({ startingHashKey: 0n, endingHashKey: 99n }, 50n);
 * // [{ startingHashKey: 0n, endingHashKey: 49n }, { startingHashKey: 50n, endingHashKey: 99n }]
 * @throws RangeError if `newStartingHashKey` is not greater than the range's starting hash
 * key and at most its ending hash key.
 */
export function splitRange(range: HashRange, newStartingHashKey: bigint): [HashRange, HashRange] {
  const { startingHashKey: start, endingHashKey: end } = range;
  if (newStartingHashKey <= start || newStartingHashKey > end) {
    throw new RangeError(
      `cannot split hash range ${show(range)} at ${newStartingHashKey}: the new starting ` +
        `hash key must be greater than ${start} and at most ${end}`,
    );
  }
  return [
    { startingHashKey: start, endingHashKey: newStartingHashKey - 1n },
    { startingHashKey: newStartingHashKey, endingHashKey: end },
  ];
}

/**
 * Whether SplitShard accepts `newStartingHashKey` for a shard owning `range`: it must be
 * greater than `start + 1` and less than `end` (kinesis-facts.md §4, "SplitShard validation", from
 * KL `splitShard.js`, whose error text reads "not both greater than one plus the shard's
 * StartingHashKey … and less than the shard's EndingHashKey"). Every key allowed here is
 * also accepted by {@link splitRange}.
 *
 * @example
 * isSplitShardKeyAllowed({ startingHashKey: 0n, endingHashKey: 99n }, 50n); // true
 * isSplitShardKeyAllowed({ startingHashKey: 0n, endingHashKey: 99n }, 1n); // false
 */
export function isSplitShardKeyAllowed(range: HashRange, newStartingHashKey: bigint): boolean {
  return (
    newStartingHashKey > range.startingHashKey + 1n && newStartingHashKey < range.endingHashKey
  );
}

/**
 * The recommended split point of `range`, `(start + end) / 2` with integer division (kinesis-facts.md §4: DG23 kinesis-using-sdk-java-resharding-split.md). For the second child to start
 * there the range must hold at least three keys; narrower ranges cannot be split evenly.
 *
 * @example
 * evenSplitPoint({ startingHashKey: 0n, endingHashKey: 99n }); // 49n
 */
export function evenSplitPoint(range: HashRange): bigint {
  return (range.startingHashKey + range.endingHashKey) / 2n;
}

/**
 * Whether `a` and `b` are adjacent: one ends exactly one key before the other starts, so
 * together they form one contiguous range (kinesis-facts.md §4: only adjacent shards can be merged).
 * Symmetric in its arguments.
 *
 * @example
 * areAdjacent({ startingHashKey: 0n, endingHashKey: 9n }, { startingHashKey: 10n, endingHashKey: 19n }); // true
 */
export function areAdjacent(a: HashRange, b: HashRange): boolean {
  return a.endingHashKey + 1n === b.startingHashKey || b.endingHashKey + 1n === a.startingHashKey;
}

/**
 * The union of two adjacent ranges, as MergeShards produces (kinesis-facts.md §4 and §5). The
 * arguments may come in either order; `mergeRanges(...splitRange(r, k))` gives back `r`.
 *
 * @example
 * mergeRanges({ startingHashKey: 10n, endingHashKey: 19n }, { startingHashKey: 0n, endingHashKey: 9n });
 * // { startingHashKey: 0n, endingHashKey: 19n }
 * @throws RangeError if the ranges are not adjacent.
 */
export function mergeRanges(a: HashRange, b: HashRange): HashRange {
  if (!areAdjacent(a, b)) {
    throw new RangeError(
      `cannot merge hash ranges ${show(a)} and ${show(b)}: they are not adjacent`,
    );
  }
  const [low, high] = a.startingHashKey < b.startingHashKey ? [a, b] : [b, a];
  return { startingHashKey: low.startingHashKey, endingHashKey: high.endingHashKey };
}
