import * as z from "zod";
import { int } from "../../format/number-format.js";
import { expectedMessage, unknownKeyMessage } from "./format-error.js";
import {
  DURATION_REGEX_SOURCE,
  parseDurationUs,
  parseSizeBytes,
  SIZE_REGEX_SOURCE,
} from "./units.js";

/** A strict object whose unknown-key error suggests the closest known key. */
export function strict<S extends z.ZodRawShape>(shape: S) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? unknownKeyMessage(issue.keys, known) : undefined,
  });
}

/** An error customizer that says `expected <what>, got <input>` (or `required`). */
export function expect(what: string) {
  return { error: (issue: { input?: unknown }) => expectedMessage(what, issue.input) };
}

export const DURATION_WORDS = 'a duration like "250ms" or "24h"';
export const SIZE_WORDS = 'a size like "1KB", "512B" or "1MiB", or a number of bytes';

/** A duration string (or the number 0) → integer microseconds; `positive` rejects zero. */
export function duration(positive: boolean) {
  const message = expect(DURATION_WORDS);
  return z
    .union([z.string().regex(new RegExp(DURATION_REGEX_SOURCE), message), z.literal(0)], message)
    .transform((value, ctx) => {
      try {
        const us = parseDurationUs(String(value));
        if (positive && us === 0)
          ctx.issues.push({
            code: "custom",
            input: value,
            message: expectedMessage("a duration above 0", value),
          });
        return us;
      } catch (error) {
        ctx.issues.push({ code: "custom", input: value, message: (error as Error).message });
        return z.NEVER;
      }
    });
}

/** A size string or a number of bytes → integer bytes (range checks come later). */
export function size() {
  const message = expect(SIZE_WORDS);
  return z
    .union([z.string().regex(new RegExp(SIZE_REGEX_SOURCE), message), z.number(message)], message)
    .transform((value, ctx) => {
      try {
        return parseSizeBytes(value);
      } catch (error) {
        ctx.issues.push({ code: "custom", input: value, message: (error as Error).message });
        return z.NEVER;
      }
    });
}

export function positiveNumber() {
  const message = expect("a positive number");
  return z.number(message).positive(message);
}

export function integer(min: number, max?: number) {
  const message = expect(
    max === undefined ? `an integer ≥ ${min}` : `an integer between ${min} and ${max}`,
  );
  // Past 2^53 − 1 a double no longer holds every integer: 2^53 + 1 is read as 2^53, which the
  // message would quote as if it were the value given.
  const unsafe = expect(`an integer of at most ${int(Number.MAX_SAFE_INTEGER)} (2^53 − 1)`);
  const base = z
    .number(message)
    .max(Number.MAX_SAFE_INTEGER, unsafe)
    .int(message)
    .min(min, message);
  return max === undefined ? base : base.max(max, message);
}

export function text() {
  return z.string(expect("a string")).min(1, expect("a non-empty string"));
}

/** A number in (0, 1]. */
export const fraction = () =>
  z
    .number(expect("a number between 0 and 1"))
    .gt(0, expect("a number between 0 and 1"))
    .max(1, expect("a number between 0 and 1"));
