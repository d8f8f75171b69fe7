import { UserError } from "../config/user-error.js";

/** One `--vary path=v1,v2,…` dimension of a sweep. */
export interface VaryDimension {
  readonly path: string;
  /** The values as written; each becomes a `--set path=value` assignment (YAML-parsed). */
  readonly values: readonly string[];
}

/**
 * Parses `--vary path=v1,v2,…`. Values are split on commas outside brackets and braces, so
 * `--vary 'producers[0].keys.keys=[a,b],[c]'` has two values.
 */
export function parseVary(text: string): VaryDimension {
  const equals = text.indexOf("=");
  const path = equals < 0 ? "" : text.slice(0, equals).trim();
  if (path === "") throw new UserError(`--vary ${text}: expected path=v1,v2,…`);
  const values = splitTopLevel(text.slice(equals + 1)).map((value) => value.trim());
  if (values.some((value) => value === ""))
    throw new UserError(`--vary ${text}: empty value in the list`);
  if (new Set(values).size !== values.length)
    throw new UserError(`--vary ${text}: a value is listed twice`);
  return { path, values };
}

function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const char = list[i];
    if (char === "[" || char === "{") depth++;
    else if (char === "]" || char === "}") depth--;
    else if (char === "," && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts;
}
