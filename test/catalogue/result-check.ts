/**
 * The catalogue's promised numbers: `PATH OP VALUE [±TOLERANCE]`, e.g.
 * `throttleRate ≈ 0.553 ±0.02`, `shards[5].accepted ≈ 120891 ±5%`,
 * `operations[1].error = ResourceInUseException`, `throttleRate ≤ 0.001`.
 * PATH walks the result object (`.name`, `[index]`, `.length` of a list).
 */

export type Operator = "≈" | "=" | "<" | ">" | "≤" | "≥";

export interface Check {
  /** The check as written, for messages. */
  readonly text: string;
  readonly path: string;
  readonly operator: Operator;
  /** The expected value as written: a number, or a string for `=`. */
  readonly value: string;
  /** For ≈: the allowed distance, absolute or percent of the value. */
  readonly tolerance?: { readonly amount: number; readonly relative: boolean };
}

const ASCII_OPERATORS: Record<string, Operator> = { "<=": "≤", ">=": "≥", "~": "≈" };

const CHECK = /^(\S+)\s*(≈|~|<=|>=|≤|≥|=|<|>)\s*(\S+)(?:\s*±\s*(\d+(?:\.\d+)?)\s*(%)?)?$/;

/** Parses the `;`-separated checks of one `<!-- check: … -->` comment. */
export function parseChecks(text: string): Check[] {
  return text
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map(parseCheck);
}

function parseCheck(text: string): Check {
  const match = CHECK.exec(text);
  if (match === null) throw new Error(`cannot read check "${text}": expected PATH OP VALUE [±TOL]`);
  const [, path, op, value, amount, percent] = match as unknown as [
    string,
    string,
    string,
    string,
    string | undefined,
    string | undefined,
  ];
  const operator = ASCII_OPERATORS[op] ?? (op as Operator);
  const numeric = Number.isFinite(Number(value));
  if (operator !== "=" && !numeric) throw new Error(`check "${text}": ${op} needs a number`);
  if (operator === "≈" && amount === undefined)
    throw new Error(`check "${text}": ≈ needs a tolerance, e.g. ±5% or ±0.02`);
  if (operator !== "≈" && amount !== undefined)
    throw new Error(`check "${text}": only ≈ takes a tolerance`);
  const check: Check = { text, path, operator, value };
  return amount === undefined
    ? check
    : { ...check, tolerance: { amount: Number(amount), relative: percent === "%" } };
}

/** The value at `path` in `root`, or undefined where the path leads nowhere. */
export function valueAt(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const segment of path.match(/[^.[\]]+/g) ?? []) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Why `check` fails on `result`, or undefined when it holds. */
export function failure(check: Check, result: unknown): string | undefined {
  const actual = valueAt(result, check.path);
  const got = `${check.path} is ${JSON.stringify(actual)}`;
  if (actual === undefined) return `${check.text}: no such field (${got})`;
  if (check.operator === "=") {
    const holds =
      typeof actual === "number" ? actual === Number(check.value) : String(actual) === check.value;
    return holds ? undefined : `${check.text}: ${got}`;
  }
  if (typeof actual !== "number") return `${check.text}: not a number (${got})`;
  const expected = Number(check.value);
  const holds = compare(check, actual, expected);
  return holds ? undefined : `${check.text}: ${got}`;
}

function compare(check: Check, actual: number, expected: number): boolean {
  switch (check.operator) {
    case "≈": {
      const { amount, relative } = check.tolerance ?? { amount: 0, relative: false };
      const allowed = relative ? (Math.abs(expected) * amount) / 100 : amount;
      return Math.abs(actual - expected) <= allowed;
    }
    case "<":
      return actual < expected;
    case ">":
      return actual > expected;
    case "≤":
      return actual <= expected;
    case "≥":
      return actual >= expected;
    default:
      return actual === expected;
  }
}
