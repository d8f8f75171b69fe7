import { stringify } from "yaml";

/**
 * One change a slider makes to the experiment document: a value at a path. The page writes
 * it into the YAML text (yaml-text-edits.ts) and shows it as the `--set path=value` that
 * makes the same change on the command line (src/experiment/config/overrides.ts).
 */
export interface FieldEdit {
  /** Keys and list indices from the document's root: ["producers", 0, "rate"]. */
  readonly path: readonly (string | number)[];
  readonly value: unknown;
}

/** A value as a `--set` right-hand side: YAML flow, on one line. */
export function flowValue(value: unknown): string {
  return stringify(value, { collectionStyle: "flow", lineWidth: 0 }).trim();
}

/** `producers[0].rate=1500`: the edit as a `--set` assignment. */
export function assignmentText(edit: FieldEdit): string {
  let path = "";
  for (const segment of edit.path) {
    path += typeof segment === "number" ? `[${segment}]` : path === "" ? segment : `.${segment}`;
  }
  return `${path}=${flowValue(edit.value)}`;
}
