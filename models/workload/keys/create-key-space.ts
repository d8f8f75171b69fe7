import { empiricalKeys } from "./empirical-keys.js";
import { explicitHashKeys } from "./explicit-hash-keys.js";
import { fixedKeys } from "./fixed-keys.js";
import { hotShareKeys } from "./hot-share-keys.js";
import type { KeySpace } from "./key-space.js";
import type { KeysConfig } from "./keys-config.js";
import { timestampKeys } from "./timestamp-keys.js";
import { uniformKeys } from "./uniform-keys.js";
import { zipfKeys } from "./zipf-keys.js";

/** The key space a producer's `keys:` setting describes. */
export function createKeySpace(config: KeysConfig): KeySpace {
  switch (config.distribution) {
    case "uniform":
      return uniformKeys(config.cardinality, config.prefix);
    case "zipf":
      return zipfKeys(config.cardinality, config.exponent, config.prefix);
    case "hot":
      return fixedKeys([config.key]);
    case "hotShare":
      return hotShareKeys(config.share, config.hotKeys, config.cardinality, config.prefix);
    case "fixed":
      return fixedKeys(config.keys);
    case "explicitHashKey":
      return explicitHashKeys(
        config.range === undefined
          ? undefined
          : { startingHashKey: BigInt(config.range[0]), endingHashKey: BigInt(config.range[1]) },
      );
    case "timestamp":
      return timestampKeys(config.resolutionUs);
    case "empirical":
      return empiricalKeys(config.keys, config.hashKeys, config.counts);
  }
}
