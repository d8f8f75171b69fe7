import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadExperimentFile } from "../../experiment/load-experiment.js";
import { renderSummary } from "../../experiment/render-summary.js";
import { seriesToCsv } from "../../experiment/series-csv.js";
import { runExperiment } from "../../experiment/simulate.js";
import { UserError } from "../../experiment/user-error.js";
import { renderReportHtml } from "../../report/report-html.js";
import { createProgress } from "../progress.js";
import { terminalText } from "../terminal-text.js";
import { overridesWithSeed } from "./options.js";

interface RunOptions {
  seed?: string;
  set: string[];
  json?: boolean;
  out?: string;
}

/** `kinesim run <experiment>`: everything is computed before anything is written. */
export function runCommand(path: string, options: RunOptions): void {
  const config = loadExperimentFile(path, overridesWithSeed(options.set, options.seed));
  const progress = createProgress(100, "");
  const { result, series } = runExperiment(config, {
    onProgress: (fraction) => progress.update(Math.round(fraction * 100)),
  });
  progress.stop();
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (options.out !== undefined) {
    writeOutDirectory(options.out, [
      ["result.json", json],
      ["timeseries.csv", seriesToCsv(series)],
      ["report.html", renderReportHtml(result, series)],
    ]);
  }
  const written =
    options.out === undefined
      ? ""
      : `\n  wrote ${join(options.out, "report.html")} (open it in a browser), result.json, timeseries.csv\n`;
  process.stdout.write(options.json ? json : terminalText(renderSummary(result, series) + written));
}

function writeOutDirectory(directory: string, files: [name: string, content: string][]): void {
  try {
    mkdirSync(directory, { recursive: true });
    // Write to temporary names, then rename: a failed run leaves no half-written files.
    for (const [name, content] of files) writeFileSync(join(directory, `.${name}.tmp`), content);
    for (const [name] of files) renameSync(join(directory, `.${name}.tmp`), join(directory, name));
  } catch (error) {
    throw new UserError(
      `--out ${directory}: ${(error as NodeJS.ErrnoException).code ?? "cannot write"}`,
    );
  }
}
