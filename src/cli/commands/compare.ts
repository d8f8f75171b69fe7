import { join } from "node:path";
import { compareResults } from "../../experiment/compare/compare-results.js";
import { renderComparison } from "../../experiment/compare/render-comparison.js";
import { renderComparisonHtml } from "../../report/comparison-html.js";
import { writeOutputFiles } from "../output-files.js";
import { readSavedRun } from "../saved-run.js";
import { terminalText } from "../terminal-text.js";
import { checkOutputPath } from "./options.js";

interface CompareOptions {
  json?: boolean;
  out?: string;
}

/**
 * `kinesim compare <a/result.json> <b/result.json>`: run B beside run A (the baseline), every
 * number with its change; `--out DIR` also writes report.html (the charts over time of both
 * runs overlaid, from the timeseries.csv beside each result) and comparison.json. Both runs
 * are read and checked, and everything rendered, before anything is printed or written.
 */
export function compareCommand(pathA: string, pathB: string, options: CompareOptions): void {
  checkOutputPath("--out", options.out, "a directory");
  const a = readSavedRun(pathA);
  const b = readSavedRun(pathB);
  const comparison = compareResults(a.result, b.result);
  const json = `${JSON.stringify(comparison, null, 2)}\n`;
  let written = "";
  if (options.out !== undefined) {
    const directory = options.out;
    writeOutputFiles(
      [
        {
          path: join(directory, "report.html"),
          content: renderComparisonHtml(
            comparison,
            { latencyCdf: a.result.latencyCdf, series: a.series },
            { latencyCdf: b.result.latencyCdf, series: b.series },
          ),
        },
        { path: join(directory, "comparison.json"), content: json },
      ],
      { label: `--out ${directory}`, createDirectory: true },
    );
    const left =
      a.series === undefined || b.series === undefined
        ? " (no timeseries.csv beside a result: charts over time left out)"
        : "";
    written = `\n  wrote ${join(directory, "report.html")}${left}, comparison.json\n`;
  }
  process.stdout.write(options.json ? json : terminalText(renderComparison(comparison) + written));
}
