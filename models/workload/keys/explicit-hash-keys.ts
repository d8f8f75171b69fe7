import type { Random } from "../../../src/engine/random-streams.js";
import type { HashRange } from "../../hashing/hash-range.js";
import { HASH_SPACE } from "../../hashing/hash-space.js";
import type { KeySpace } from "./key-space.js";

/** Draws are indices in [0, 2^53): as fine a grid over the range as a double allows. */
const GRID = 2 ** 53;

/**
 * Records sent with an ExplicitHashKey (kinesis-facts.md §4: it overrides the partition key's MD5),
 * drawn uniformly from `range` (default: the whole hash key space). The partition key is
 * still required; a one-character key ("k") is assumed for the byte count.
 */
export function explicitHashKeys(
  range: HashRange = { startingHashKey: 0n, endingHashKey: HASH_SPACE - 1n },
): KeySpace {
  const width = range.endingHashKey - range.startingHashKey + 1n;
  const sampleIndex = (random: Random) => Math.floor(random() * GRID);
  const hashKeyOf = (index: number) =>
    range.startingHashKey + (width * BigInt(index)) / BigInt(GRID);
  return {
    cardinality: GRID,
    sampleIndex,
    keyName: (index) => hashKeyOf(index).toString(),
    keyBytes: () => 1,
    sample: (random) => hashKeyOf(sampleIndex(random)).toString(),
    hashKeyOf,
    head: [],
    tailMass: 1,
    tailRange: range,
    meanKeyBytes: 1,
  };
}
