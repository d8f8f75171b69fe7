import {
  createZipfSampler,
  zipfNormalization,
  zipfProbability,
} from "../../../src/engine/distributions/zipf.js";
import type { Random } from "../../../src/engine/random-streams.js";
import {
  HEAD_KEY_LIMIT,
  type KeySpace,
  meanDecimalDigits,
  prefixedKeys,
  utf8Length,
  type WeightedKey,
} from "./key-space.js";
import { prefixedTail } from "./tail-keys.js";

/** Keys `prefix0 … prefix(n−1)` where key k has probability ∝ 1/(k+1)^exponent. */
export function zipfKeys(cardinality: number, exponent: number, prefix: string): KeySpace {
  const sampler = createZipfSampler(cardinality, exponent);
  const normalization = zipfNormalization(cardinality, exponent);
  const head: WeightedKey[] = [];
  let headMass = 0;
  let headDigits = 0;
  const headSize = Math.min(cardinality, HEAD_KEY_LIMIT);
  for (let k = 0; k < headSize; k++) {
    const probability = zipfProbability(k, cardinality, exponent, normalization);
    head.push({ key: `${prefix}${k}`, probability });
    headMass += probability;
    headDigits += probability * String(k).length;
  }
  const tailMass = headSize === cardinality ? 0 : Math.max(0, 1 - headMass);
  // Tail keys are light and many: their digit count is taken as uniform over the tail.
  const digits = headDigits + tailMass * meanDecimalDigits(headSize, cardinality);
  return prefixedKeys(prefix, cardinality, (random: Random) => sampler(random), {
    head,
    tailMass,
    tailKeys:
      tailMass > 0
        ? prefixedTail(
            prefix,
            headSize,
            cardinality,
            (k) => zipfProbability(k, cardinality, exponent, normalization),
            true,
          )
        : undefined,
    meanKeyBytes: utf8Length(prefix) + digits / (headMass + tailMass),
  });
}
