import { uniformInt } from "../../../src/engine/distributions/uniform.js";
import type { Random } from "../../../src/engine/random-streams.js";
import {
  HEAD_KEY_LIMIT,
  type KeySpace,
  meanDecimalDigits,
  prefixedKeys,
  utf8Length,
  type WeightedKey,
} from "./key-space.js";
import { equallyLikelyGroup, prefixedTail } from "./tail-keys.js";

/** Keys `prefix0 … prefix(n−1)`, each equally likely. */
export function uniformKeys(cardinality: number, prefix: string): KeySpace {
  const head: WeightedKey[] = [];
  if (cardinality <= HEAD_KEY_LIMIT) {
    for (let i = 0; i < cardinality; i++)
      head.push({ key: `${prefix}${i}`, probability: 1 / cardinality });
  }
  // Listed key by key when prefixedTail will; too many to hash, drawn as one group.
  const tailKeys =
    head.length > 0 ? undefined : prefixedTail(prefix, 0, cardinality, () => 1 / cardinality);
  const tailGroups =
    head.length > 0 || tailKeys !== undefined
      ? undefined
      : [equallyLikelyGroup(prefix, 0, cardinality, 1 / cardinality)];
  return prefixedKeys(prefix, cardinality, (random: Random) => uniformInt(random, cardinality), {
    head,
    tailMass: head.length > 0 ? 0 : 1,
    tailKeys,
    tailGroups,
    meanKeyBytes: utf8Length(prefix) + meanDecimalDigits(0, cardinality),
  });
}
