import * as z from "zod";
import { duration, expect, integer, positiveNumber, strict, text } from "./schema-fields.js";

/**
 * Most keys a `fixed` list may hold: as many as a stream's hash-key cache keeps (HashKeyCache),
 * so every listed key is hashed once per run, and a file that lists them stays within the
 * document budget (document-budget.ts). Every listed key is routed exactly, so a run's cost
 * grows with the list; a generated distribution describes any number of keys in constant space.
 */
export const MAX_FIXED_KEYS = 100_000;

/** Number of distinct keys of a generated key space. */
export const cardinality = () => integer(1, 1e12).describe("Number of distinct keys, 1 to 1e12.");
/** Generated key names: prefix + index. */
export const prefix = () =>
  z
    .string(expect("a string"))
    .default("key-")
    .describe('Key name prefix; key i is prefix + i. Default "key-".');

/** `keys:` a producer's partition-key distribution. */
export const keysSchema = z.discriminatedUnion("distribution", [
  strict({
    distribution: z.literal("uniform").describe("Every key equally likely."),
    cardinality: cardinality(),
    prefix: prefix(),
  }),
  strict({
    distribution: z.literal("zipf").describe("Key i (from 1) has weight 1 / i^exponent."),
    cardinality: cardinality(),
    exponent: positiveNumber().describe("Zipf exponent, above 0."),
    prefix: prefix(),
  }),
  strict({
    distribution: z.literal("hot").describe("Every record uses one key."),
    key: text().default("hot-key").describe('The key. Default "hot-key".'),
  }),
  strict({
    distribution: z
      .literal("hotShare")
      .describe("A share of the records go to a few hot keys, the rest spread uniformly."),
    share: positiveNumber()
      .max(1, expect("a number in (0, 1]"))
      .describe("Fraction of records on the hot keys, in (0, 1]."),
    hotKeys: integer(1).default(1).describe("Number of hot keys. Default 1."),
    cardinality: cardinality(),
    prefix: prefix(),
  }),
  strict({
    distribution: z.literal("fixed").describe("Keys drawn uniformly from an explicit list."),
    keys: z
      .array(text(), expect("a list of keys"))
      .min(1, expect("at least one key"))
      .max(
        MAX_FIXED_KEYS,
        expect("at most 100,000 keys (for more, a distribution: uniform, zipf, hotShare)"),
      )
      .describe(
        "The keys, 1 to 100,000 (more are better described by a distribution: uniform, zipf, hotShare).",
      ),
  }),
  strict({
    distribution: z
      .literal("explicitHashKey")
      .describe(
        "Records carry an ExplicitHashKey drawn uniformly from a range (not the key's MD5).",
      ),
    range: z
      .tuple([hashKeyText(), hashKeyText()], expect("[first, last] decimal hash keys"))
      .refine(([first, last]) => BigInt(first) <= BigInt(last), expect("first ≤ last"))
      .optional()
      .describe("Inclusive range of hash keys. Default: the whole key space."),
  }),
  strict({
    distribution: z
      .literal("timestamp")
      .describe(
        "Each record's partition key is its creation time (monotonically increasing keys).",
      ),
    resolution: duration(true).prefault("1ms").describe("Timestamp resolution. Default 1ms."),
  }).transform((t) => ({ distribution: "timestamp" as const, resolutionUs: t.resolution })),
]);

/**
 * A decimal 128-bit hash key. The digit check aborts the rest: the range check converts the
 * text to a BigInt, which throws on anything but digits.
 */
export function hashKeyText() {
  return z
    .string(expect("a decimal hash key"))
    .regex(/^\d{1,39}$/, { ...expect("a decimal hash key"), abort: true })
    .refine((key) => BigInt(key) < 2n ** 128n, expect("a hash key below 2^128"));
}
