import { createAliasTable } from "../../../src/engine/distributions/alias-table.js";
import type { Random } from "../../../src/engine/random-streams.js";
import { md5HashKey } from "../../hashing/md5-hash-key.js";
import { HEAD_KEY_LIMIT, type KeySpace, utf8Length, type WeightedKey } from "./key-space.js";

/**
 * The keys of a trace with their observed frequencies: key i has probability
 * counts[i] ÷ Σ counts. `hashKeys[i]` is the key's explicit hash key (decimal) or "" for MD5
 * routing. The heaviest {@link HEAD_KEY_LIMIT} keys are routed exactly in shard
 * probabilities; the rest, if any, are spread by hash-range width like any light tail.
 */
export function empiricalKeys(
  keys: readonly string[],
  hashKeys: readonly string[],
  counts: readonly number[],
): KeySpace {
  let total = 0;
  for (const count of counts) total += count;
  const bytes = keys.map(utf8Length);
  let totalBytes = 0;
  keys.forEach((_, i) => {
    totalBytes += (bytes[i] as number) * (counts[i] as number);
  });
  const explicit = hashKeys.some((hashKey) => hashKey !== "");
  const hashes = explicit
    ? hashKeys.map((hashKey, i) =>
        hashKey === "" ? md5HashKey(keys[i] as string) : BigInt(hashKey),
      )
    : undefined;
  const order = keys.map((_, i) => i);
  // Heaviest first, ties in first-appearance order: a deterministic head.
  order.sort((a, b) => (counts[b] as number) - (counts[a] as number) || a - b);
  const head: WeightedKey[] = [];
  let tailMass = 0;
  order.forEach((index, rank) => {
    const probability = (counts[index] as number) / total;
    if (rank < HEAD_KEY_LIMIT) {
      const hashKey = hashes?.[index];
      head.push(
        hashKey === undefined
          ? { key: keys[index] as string, probability }
          : { key: keys[index] as string, probability, hashKey },
      );
    } else {
      tailMass += probability;
    }
  });
  const table = createAliasTable(counts);
  return {
    cardinality: keys.length,
    sampleIndex: (random: Random) => table.sample(random),
    keyName: (index) => keys[index] as string,
    keyBytes: (index) => bytes[index] as number,
    sample: (random: Random) => keys[table.sample(random)] as string,
    ...(hashes === undefined ? {} : { hashKeyOf: (index: number) => hashes[index] as bigint }),
    head,
    tailMass,
    meanKeyBytes: total === 0 ? 0 : totalBytes / total,
  };
}
