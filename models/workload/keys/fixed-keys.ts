import { uniformInt } from "../../../src/engine/distributions/uniform.js";
import type { Random } from "../../../src/engine/random-streams.js";
import { type KeySpace, utf8Length } from "./key-space.js";

/** A fixed list of keys, each equally likely (one key: a single hot key). */
export function fixedKeys(keys: readonly string[]): KeySpace {
  const probability = 1 / keys.length;
  let totalBytes = 0;
  for (const key of keys) totalBytes += utf8Length(key);
  const bytes = keys.map(utf8Length);
  return {
    cardinality: keys.length,
    sampleIndex: (random: Random) => uniformInt(random, keys.length),
    keyName: (index) => keys[index] as string,
    keyBytes: (index) => bytes[index] as number,
    sample: (random: Random) => keys[uniformInt(random, keys.length)] as string,
    head: keys.map((key) => ({ key, probability })),
    tailMass: 0,
    meanKeyBytes: totalBytes / keys.length,
  };
}
