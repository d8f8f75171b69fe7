import { UserError } from "../../experiment/config/user-error.js";

/** Parses a whole-number flag value no smaller than `minimum`, or fails with one line. */
export function wholeNumber(flag: string, text: string, minimum: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < minimum) {
    throw new UserError(`${flag}: expected a whole number ≥ ${minimum}, got "${text}"`);
  }
  return value;
}

/**
 * Refuses an empty output path: `--out ""` (an unset "$OUT") would write into
 * the current folder, and an empty file name fails later with no word of why.
 */
export function checkOutputPath(flag: string, text: string | undefined, what: string): void {
  if (text === "") throw new UserError(`${flag}: expected ${what}, got ""`);
}

/** `--set` assignments plus `--seed`, when given, as one more (`seed=N`). */
export function overridesWithSeed(set: readonly string[], seed: string | undefined): string[] {
  const overrides = [...set];
  if (seed !== undefined) {
    if (!/^\d+$/.test(seed)) throw new UserError(`--seed: expected a whole number, got "${seed}"`);
    // Two seeds would leave one silently unused: which one ran would not be on the line.
    const setSeed = set.find((assignment) => /^\s*seed\s*=/.test(assignment));
    if (setSeed !== undefined) {
      throw new UserError(`--seed: the seed is also given by --set ${setSeed}; give it once`);
    }
    overrides.push(`seed=${seed}`);
  }
  return overrides;
}

/** `--windows`: how a run writes its shards' records (design.md §17). */
export function windowsMode(text: string | undefined): "auto" | "always" | "never" {
  if (text === undefined) return "auto";
  if (text === "auto" || text === "always" || text === "never") return text;
  throw new UserError(`--windows: expected auto, always or never, got "${text}"`);
}
