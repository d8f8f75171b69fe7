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
import { EXACT_TAIL_KEYS, equallyLikelyGroup, prefixedTail } from "./tail-keys.js";

/** Keys `prefix0 … prefix(n−1)`, each equally likely. */
export function uniformKeys(cardinality: number, prefix: string): KeySpace {
  const head: WeightedKey[] = [];
  if (cardinality <= HEAD_KEY_LIMIT) {
    for (let i = 0; i < cardinality; i++)
      head.push({ key: `${prefix}${i}`, probability: 1 / cardinality });
  }
  return prefixedKeys(prefix, cardinality, (random: Random) => uniformInt(random, cardinality), {
    head,
    tailMass: head.length > 0 ? 0 : 1,
    tailKeys:
      head.length > 0 ? undefined : prefixedTail(prefix, 0, cardinality, () => 1 / cardinality),
    tailGroups:
      head.length > 0 || cardinality <= EXACT_TAIL_KEYS
        ? undefined
        : [equallyLikelyGroup(prefix, 0, cardinality, 1 / cardinality)],
    meanKeyBytes: utf8Length(prefix) + meanDecimalDigits(0, cardinality),
  });
}
