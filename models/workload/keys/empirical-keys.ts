import { createAliasTable } from "../../../src/engine/distributions/alias-table.js";
import type { Random } from "../../../src/engine/random-streams.js";
import { md5HashKey } from "../../hashing/md5-hash-key.js";
import { HEAD_KEY_LIMIT, type KeySpace, utf8Length, type WeightedKey } from "./key-space.js";
import { EXACT_TAIL_KEYS, type TailKeys } from "./tail-keys.js";

/**
 * The keys of a trace with their observed frequencies: key i has probability
 * counts[i] ÷ Σ counts. `hashKeys[i]` is the key's explicit hash key (decimal) or "" for MD5
 * routing. The heaviest {@link HEAD_KEY_LIMIT} keys are the head; the rest, if any, the tail,
 * whose keys shard probabilities route one by one as well (up to EXACT_TAIL_KEYS of them).
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
  const tailOrder = order.slice(HEAD_KEY_LIMIT);
  const tailKeys: TailKeys | undefined =
    tailOrder.length > 0 && tailOrder.length <= EXACT_TAIL_KEYS
      ? {
          count: tailOrder.length,
          keyName: (j) => keys[tailOrder[j] as number] as string,
          probability: (j) => (counts[tailOrder[j] as number] as number) / total,
          ...(hashes === undefined
            ? {}
            : { hashKeyOf: (j: number) => hashes[tailOrder[j] as number] as bigint }),
        }
      : undefined;
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
    ...(tailKeys === undefined ? {} : { tailKeys }),
    meanKeyBytes: total === 0 ? 0 : totalBytes / total,
  };
}
