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

/**
 * `share` of the traffic on `hotKeys` keys (`prefix0 … prefix(h−1)`), the rest uniform over
 * the other `cardinality − hotKeys` keys. With no other keys all traffic is hot.
 */
export function hotShareKeys(
  share: number,
  hotKeys: number,
  cardinality: number,
  prefix: string,
): KeySpace {
  const coldKeys = Math.max(0, cardinality - hotKeys);
  const hotShare = coldKeys === 0 ? 1 : share;
  const head: WeightedKey[] = [];
  let tailMass = 0;
  if (hotKeys <= HEAD_KEY_LIMIT) {
    for (let i = 0; i < hotKeys; i++)
      head.push({ key: `${prefix}${i}`, probability: hotShare / hotKeys });
  } else {
    tailMass += hotShare;
  }
  if (coldKeys > 0 && coldKeys <= HEAD_KEY_LIMIT) {
    for (let i = hotKeys; i < cardinality; i++) {
      head.push({ key: `${prefix}${i}`, probability: (1 - hotShare) / coldKeys });
    }
  } else {
    tailMass += 1 - hotShare;
  }
  // The tail is the hot keys, the cold ones, or both: keys from…to − 1, whichever are not listed.
  const tailFrom = hotKeys <= HEAD_KEY_LIMIT ? hotKeys : 0;
  const tailTo =
    coldKeys > 0 && coldKeys <= HEAD_KEY_LIMIT ? hotKeys : Math.max(cardinality, hotKeys);
  const tailKeys =
    tailMass > 0
      ? prefixedTail(prefix, tailFrom, tailTo, (i) =>
          i < hotKeys ? hotShare / hotKeys : (1 - hotShare) / coldKeys,
        )
      : undefined;
  // Too many to hash: the hot and the cold keys not listed in the head, each a group.
  const tailGroups =
    tailMass > 0 && tailKeys === undefined
      ? [
          ...(hotKeys > HEAD_KEY_LIMIT
            ? [equallyLikelyGroup(prefix, 0, hotKeys, hotShare / hotKeys)]
            : []),
          ...(coldKeys > HEAD_KEY_LIMIT
            ? [equallyLikelyGroup(prefix, hotKeys, cardinality, (1 - hotShare) / coldKeys)]
            : []),
        ]
      : undefined;
  const digits =
    hotShare * meanDecimalDigits(0, hotKeys) +
    (1 - hotShare) * meanDecimalDigits(hotKeys, cardinality);
  const sampleIndex = (random: Random) =>
    random() < hotShare ? uniformInt(random, hotKeys) : hotKeys + uniformInt(random, coldKeys);
  return prefixedKeys(prefix, Math.max(cardinality, hotKeys), sampleIndex, {
    head,
    tailMass,
    tailKeys,
    tailGroups,
    meanKeyBytes: utf8Length(prefix) + digits,
  });
}
