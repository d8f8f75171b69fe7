import type { KeysConfig } from "./config-types.js";
import type { FinalizeContext, ParsedProducer, Path } from "./finalize-context.js";

/** A producer's `keys:` checked against the profile's partition-key length. */
export function finalizeKeys(
  context: FinalizeContext,
  keys: ParsedProducer["keys"],
  at: Path,
): KeysConfig {
  const { profile, check } = context;
  const maxChars = profile.partitionKeyMaxChars;
  const length = (s: string) => Array.from(s).length;
  const keyFits = (key: string, path: Path) =>
    check(length(key) <= maxChars, path, `a key of 1 to ${maxChars} characters`);
  const prefixFits = (prefix: string, count: number) =>
    check(
      length(prefix) + String(count - 1).length <= maxChars,
      [...at, "prefix"],
      `a prefix short enough for keys of at most ${maxChars} characters`,
    );
  switch (keys.distribution) {
    case "uniform":
    case "zipf":
      prefixFits(keys.prefix, keys.cardinality);
      return keys;
    case "hotShare":
      check(
        keys.hotKeys <= keys.cardinality,
        [...at, "hotKeys"],
        `at most cardinality (${keys.cardinality})`,
      );
      prefixFits(keys.prefix, keys.cardinality);
      return keys;
    case "hot":
      keyFits(keys.key, [...at, "key"]);
      return keys;
    case "fixed":
      keys.keys.forEach((key, i) => {
        keyFits(key, [...at, "keys", i]);
      });
      return keys;
    case "explicitHashKey":
    case "timestamp":
      return keys;
  }
}
