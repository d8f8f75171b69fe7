import { decimalDigits, utf8Length } from "./key-space.js";
import type { KeysConfig } from "./keys-config.js";

/** Bytes of an epoch-millisecond timestamp key (13 digits until the year 2286). */
const TIMESTAMP_KEY_BYTES = 13;

/**
 * UTF-8 bytes of the longest partition key a `keys:` setting can produce: what a record's
 * data must leave room for under the max record size, which counts data and key together
 * (kinesis-facts.md §1).
 */
export function longestKeyBytes(config: KeysConfig): number {
  switch (config.distribution) {
    case "uniform":
    case "zipf":
    case "hotShare":
      return utf8Length(config.prefix) + decimalDigits(Math.max(0, config.cardinality - 1));
    case "hot":
      return utf8Length(config.key);
    case "fixed":
    case "empirical":
      return config.keys.reduce((longest, key) => Math.max(longest, utf8Length(key)), 0);
    case "explicitHashKey":
      // explicit-hash-keys.ts: a one-character partition key.
      return 1;
    case "timestamp":
      return TIMESTAMP_KEY_BYTES;
  }
}
