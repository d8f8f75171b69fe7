import { compareResults } from "../../experiment/compare/compare-results.js";
import { renderComparison } from "../../experiment/compare/render-comparison.js";
import { readSavedRun } from "../saved-run.js";
import { terminalText } from "../terminal-text.js";

interface CompareOptions {
  json?: boolean;
}

/**
 * `kinesim compare <a/result.json> <b/result.json>`: run B beside run A (the baseline), every
 * number with its change. Both files are read and checked before anything is printed.
 */
export function compareCommand(pathA: string, pathB: string, options: CompareOptions): void {
  const a = readSavedRun(pathA);
  const b = readSavedRun(pathB);
  const comparison = compareResults(a.result, b.result);
  process.stdout.write(
    options.json
      ? `${JSON.stringify(comparison, null, 2)}\n`
      : terminalText(renderComparison(comparison)),
  );
}
