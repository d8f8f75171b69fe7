import fc from "fast-check";
import type { KeyDistribution, KeysDocument } from "./documents.js";

/** Constraints on generated `keys:` sections. */
export interface KeysConstraints {
  /** Which distributions to draw from. Default: all five. */
  readonly distributions?: readonly KeyDistribution[];
  /**
   * Largest `cardinality` (uniform, zipf, hotShare). Default 10,000: every key of such a
   * distribution is then in its key space's head list.
   */
  readonly maxCardinality?: number;
}

/** The key distributions `keys()` draws from by default. */
export const KEY_DISTRIBUTIONS: readonly KeyDistribution[] = [
  "uniform",
  "zipf",
  "hot",
  "hotShare",
  "fixed",
];

/**
 * A partition key: mostly short ASCII names (at most 12 characters), sometimes non-ASCII
 * (the byte limits count UTF-8 bytes).
 *
 * @example
 * fc.sample(partitionKey(), 3); // e.g. ["a", "user_7-x", "用户-7"]
 */
export function partitionKey(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_-]{0,11}$/) },
    { weight: 1, arbitrary: fc.constantFrom("clé-1", "用户-7", "ключ", "🔑") },
  );
}

/** An optional key-name prefix (key i is prefix + i); absent means kinesim's `key-`. */
function prefix(): fc.Arbitrary<string | undefined> {
  return fc.constantFrom(undefined, "k", "user-", "tenant/");
}

function withPrefix<T extends object>(section: T, value: string | undefined): T {
  return value === undefined ? section : { ...section, prefix: value };
}

/**
 * Arbitrary `keys:` sections of a producer (uniform, zipf, hot, hotShare, fixed), small
 * enough for a property test.
 *
 * @example
 * fc.sample(keys({ distributions: ["zipf"], maxCardinality: 100 }), 1);
 * // e.g. [{ distribution: "zipf", cardinality: 42, exponent: 1.3 }]
 */
export function keys(constraints: KeysConstraints = {}): fc.Arbitrary<KeysDocument> {
  const distributions = constraints.distributions ?? KEY_DISTRIBUTIONS;
  const maxCardinality = Math.max(1, constraints.maxCardinality ?? 10_000);
  const cardinality = fc.integer({ min: 1, max: maxCardinality });
  const byName: Record<KeyDistribution, fc.Arbitrary<KeysDocument>> = {
    uniform: fc
      .tuple(cardinality, prefix())
      .map(([n, p]) => withPrefix({ distribution: "uniform" as const, cardinality: n }, p)),
    zipf: fc
      .tuple(cardinality, fc.integer({ min: 50, max: 200 }), prefix())
      .map(([n, hundredths, p]) =>
        withPrefix(
          { distribution: "zipf" as const, cardinality: n, exponent: hundredths / 100 },
          p,
        ),
      ),
    hot: fc
      .option(partitionKey(), { nil: undefined })
      .map((key) =>
        key === undefined
          ? { distribution: "hot" as const }
          : { distribution: "hot" as const, key },
      ),
    hotShare: fc
      .tuple(
        fc.integer({ min: 5, max: 100 }),
        fc.integer({ min: 1, max: Math.min(5, maxCardinality) }),
        fc.integer({ min: 0, max: maxCardinality }),
        prefix(),
      )
      .map(([percent, hotKeys, extra, p]) =>
        withPrefix(
          {
            distribution: "hotShare" as const,
            share: percent / 100,
            hotKeys,
            cardinality: Math.min(maxCardinality, hotKeys + extra),
          },
          p,
        ),
      ),
    fixed: fc
      .array(partitionKey(), { minLength: 1, maxLength: 8 })
      .map((list) => ({ distribution: "fixed" as const, keys: list })),
  };
  return fc.oneof(...distributions.map((name) => byName[name]));
}
