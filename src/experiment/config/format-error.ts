import type { z } from "zod";
import { UserError } from "./user-error.js";

/**
 * Turning zod issues into kinesim's one-line errors (design.md §11):
 * `<path>: <what was expected>, got <the input, as JSON, at most 40 characters>`.
 * `issueMessage` is the zod error map used while parsing (it sees the raw input, so every
 * message can say what it got); `userErrorFromZod` picks the issue to report and prefixes
 * its path. Pure functions, no I/O.
 */

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

/** Width of the `got …` part of a message. */
export const PREVIEW_CHARS = 40;

/**
 * A short, single-line rendering of a user value: JSON where JSON can say it (strings
 * quoted), `NaN`/`Infinity` for non-finite numbers, `[Circular]` for YAML alias loops,
 * truncated to `maxChars` with a trailing "…". Never throws, never walks more of a big
 * value than it prints.
 */
export function previewValue(value: unknown, maxChars = PREVIEW_CHARS): string {
  const budget = maxChars + 1;
  const seen = new Set<unknown>();
  let out = "";
  const emit = (text: string): boolean => {
    out += text;
    return out.length < budget;
  };
  const walk = (v: unknown): boolean => {
    if (v === undefined) return emit("nothing");
    if (v === null) return emit("null");
    switch (typeof v) {
      case "string":
        return emit(
          JSON.stringify(v)
            .replace(/\u2028/g, "\\u2028")
            .replace(/\u2029/g, "\\u2029"),
        );
      case "number":
        return emit(Number.isFinite(v) ? JSON.stringify(v) : String(v));
      case "bigint":
        return emit(String(v));
      case "boolean":
        return emit(String(v));
      case "object":
        break;
      default:
        return emit(`<${typeof v}>`);
    }
    if (seen.has(v)) return emit("[Circular]");
    seen.add(v);
    let ok: boolean;
    if (Array.isArray(v)) {
      ok = emit("[");
      for (let i = 0; ok && i < v.length; i++) {
        ok = (i === 0 || emit(",")) && walk(v[i]);
      }
      ok = ok && emit("]");
    } else if (v instanceof Date) {
      ok = emit(JSON.stringify(Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString()));
    } else {
      ok = emit("{");
      let first = true;
      for (const key of Object.keys(v)) {
        if (!ok) break;
        ok =
          (first || emit(",")) &&
          emit(`${JSON.stringify(key)}:`) &&
          walk((v as Record<string, unknown>)[key]);
        first = false;
      }
      ok = ok && emit("}");
    }
    seen.delete(v);
    return ok;
  };
  walk(value);
  const chars = Array.from(out);
  return chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join("")}…` : out;
}

/** `producers[1].rate`, `stream.shards`; the document itself is `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (typeof segment === "string" && /^[A-Za-z_$][\w$]*$/.test(segment)) {
      out += out === "" ? segment : `.${segment}`;
    } else out += `[${previewValue(String(segment))}]`;
  }
  return out === "" ? "(root)" : out;
}

/** Fails with one line naming `path`: `producers[0].rate: <message>`. */
export function failAt(path: readonly PropertyKey[], message: string): never {
  const where = formatPath(path);
  throw new UserError(`${where}: ${message}`, where);
}

/** Optimal-string-alignment edit distance (a transposition counts as one edit). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const up = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (up[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (up[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** The known key closest to `key`, if one is within two edits (and not a total rewrite). */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    if (Math.abs(candidate.length - key.length) >= bestDistance) continue;
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance && d < candidate.length && d < key.length + (key === "" ? 1 : 0)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** `unknown key "rat" (did you mean "rate"?)`, for a strict object's unrecognized keys. */
export function unknownKeyMessage(keys: readonly string[], known: readonly string[]): string {
  const first = keys[0] ?? "";
  const suggestion = suggestKey(first, known);
  let message = `unknown key ${previewValue(first)}`;
  if (keys.length > 1) message += ` and ${keys.length - 1} more`;
  if (suggestion !== undefined) message += ` (did you mean "${suggestion}"?)`;
  else if (known.length > 0 && known.length <= 12)
    message += ` (expected one of ${known.join(", ")})`;
  return message;
}

const TYPE_NAMES: Record<string, string> = {
  number: "a number",
  int: "an integer",
  string: "a string",
  boolean: "true or false",
  object: "a mapping (key: value)",
  array: "a list",
  null: "null",
};

function bound(value: number | bigint): string {
  return typeof value === "bigint" ? value.toString() : String(value);
}

/** `expected <what>, got <input>`, or `required` when nothing was given. */
export function expectedMessage(what: string, input: unknown): string {
  return input === undefined ? "required" : `expected ${what}, got ${previewValue(input)}`;
}

/**
 * The error map passed to zod's `safeParse`: house-style text for every issue kind. A
 * schema's own `error` (for example a strict object's unknown-key message with a
 * suggestion) takes precedence over this.
 */
export function issueMessage(issue: RawIssue): string {
  const input = issue.input;
  switch (issue.code) {
    case "invalid_type":
      return expectedMessage(
        TYPE_NAMES[issue.expected] ?? `a value of type ${issue.expected}`,
        input,
      );
    case "too_small": {
      const min = bound(issue.minimum);
      if (issue.origin === "array")
        return expectedMessage(`at least ${min} item${min === "1" ? "" : "s"}`, input);
      if (issue.origin === "string") {
        return expectedMessage(
          min === "1" ? "a non-empty string" : `at least ${min} characters`,
          input,
        );
      }
      return expectedMessage(issue.inclusive ? `a number ≥ ${min}` : `a number > ${min}`, input);
    }
    case "too_big": {
      const max = bound(issue.maximum);
      if (issue.origin === "array") return expectedMessage(`at most ${max} items`, input);
      if (issue.origin === "string") return expectedMessage(`at most ${max} characters`, input);
      return expectedMessage(issue.inclusive ? `a number ≤ ${max}` : `a number < ${max}`, input);
    }
    case "invalid_value":
      return expectedMessage(
        issue.values.length === 1
          ? String(issue.values[0])
          : `one of ${issue.values.map(String).join(" | ")}`,
        input,
      );
    case "unrecognized_keys":
      return unknownKeyMessage(issue.keys, []);
    case "invalid_union": {
      if (issue.discriminator !== undefined) {
        const listed = (issue as { options?: readonly unknown[] }).options ?? [];
        const options = listed.map(String).join(" | ");
        const given =
          input !== null && typeof input === "object"
            ? (input as Record<string, unknown>)[issue.discriminator]
            : undefined;
        return given === undefined
          ? `required (one of ${options})`
          : expectedMessage(`one of ${options}`, given);
      }
      return expectedMessage("one of the allowed forms", input);
    }
    case "invalid_format":
      return expectedMessage(
        issue.pattern ? `text matching ${issue.pattern}` : `a ${issue.format}`,
        input,
      );
    case "not_multiple_of":
      return expectedMessage(`a multiple of ${issue.divisor}`, input);
    default:
      return typeof issue.message === "string" && issue.message !== ""
        ? issue.message
        : expectedMessage("a valid value", input);
  }
}

/**
 * How promising a failed union branch is: issues below the union's own level mean the
 * input had the branch's shape (2 + depth); a refinement failure at the top means the type
 * matched (1); a type or literal mismatch at the top means the branch was never meant (0).
 */
function branchScore(issues: readonly Issue[]): number {
  let score = 0;
  for (const issue of issues) {
    if (issue.path.length > 0) score = Math.max(score, 2 + issue.path.length);
    else if (
      issue.code !== "invalid_type" &&
      issue.code !== "invalid_value" &&
      issue.code !== "invalid_union"
    ) {
      score = Math.max(score, 1);
    }
  }
  return score;
}

function firstIssue(issues: readonly Issue[]): Issue | undefined {
  return issues.find((i) => i.code === "unrecognized_keys") ?? issues[0];
}

/**
 * The issue to report, with its full path. Unknown keys win (a typo usually also causes a
 * "required" issue for the key that was meant); inside a union the most promising branch is
 * followed; a union where no branch fits reports its own message.
 */
export function pickIssue(
  issues: readonly Issue[],
): { path: PropertyKey[]; message: string } | undefined {
  let issue = firstIssue(issues);
  if (issue === undefined) return undefined;
  let path = [...issue.path];
  while (issue.code === "invalid_union" && issue.errors.length > 0) {
    let best: readonly Issue[] | undefined;
    let bestScore = 0;
    for (const branch of issue.errors) {
      const score = branchScore(branch);
      if (score > bestScore) {
        best = branch;
        bestScore = score;
      }
    }
    const next = best === undefined ? undefined : firstIssue(best);
    if (next === undefined) break;
    issue = next;
    path = [...path, ...next.path];
  }
  return { path, message: issue.message };
}

/** The one-line UserError for a failed parse. */
export function userErrorFromZod(error: { readonly issues: readonly Issue[] }): UserError {
  const picked = pickIssue(error.issues);
  if (picked === undefined) return new UserError("(root): invalid experiment", "(root)");
  const path = formatPath(picked.path);
  return new UserError(`${path}: ${picked.message}`, path);
}

/** One line for any user mistake (UserError or zod error); anything else is a bug and is rethrown. */
export function formatError(error: unknown): string {
  if (error instanceof UserError) return error.message;
  if (
    error !== null &&
    typeof error === "object" &&
    "issues" in error &&
    Array.isArray(error.issues)
  ) {
    return userErrorFromZod(error as { issues: Issue[] }).message;
  }
  throw error;
}
