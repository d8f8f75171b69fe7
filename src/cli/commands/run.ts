import { join } from "node:path";
import { loadExperimentFile } from "../../experiment/config/load-experiment.js";
import { formatDurationUs } from "../../experiment/config/units.js";
import { seriesToCsv } from "../../experiment/files/series-csv.js";
import { simulateWithSeries } from "../../experiment/run/simulate.js";
import { renderSummary } from "../../experiment/text/render-summary.js";
import { renderReportHtml } from "../../report/report-html.js";
import {
  CLOUDWATCH_FORMATS,
  type CloudWatchRequest,
  cloudWatchFiles,
  cloudWatchRequest,
} from "../cloudwatch-output.js";
import { writeOutputFiles } from "../output-files.js";
import { createProgress } from "../progress.js";
import { terminalText } from "../terminal-text.js";
import { checkOutputPath, overridesWithSeed, windowsMode } from "./options.js";

interface RunOptions {
  seed?: string;
  set: string[];
  json?: boolean;
  out?: string;
  format: string[];
  period?: string;
  windows?: string;
}

/** `kinesim run <experiment>`: everything is computed before anything is written. */
export function runCommand(path: string, options: RunOptions): void {
  const windows = windowsMode(options.windows);
  checkOutputPath("--out", options.out, "a directory");
  const config = loadExperimentFile(path, overridesWithSeed(options.set, options.seed));
  const cloudWatch = cloudWatchRequest(options.format, options.period, options.out, config);
  const progress = createProgress(100, "");
  const { result, series } = simulateWithSeries(config, {
    onProgress: (fraction) => progress.update(Math.round(fraction * 100)),
    windows,
  });
  progress.stop();
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (options.out !== undefined) {
    const directory = options.out;
    // All or none: a failure leaves the folder as it was.
    writeOutputFiles(
      [
        { path: join(directory, "result.json"), content: json },
        { path: join(directory, "timeseries.csv"), content: seriesToCsv(series) },
        { path: join(directory, "report.html"), content: renderReportHtml(result, series) },
        ...cloudWatchFiles(cloudWatch, directory, config, result, series),
      ],
      { label: `--out ${directory}`, createDirectory: true },
    );
  }
  const written =
    options.out === undefined
      ? ""
      : `\n  wrote ${join(options.out, "report.html")} (open it in a browser), result.json, timeseries.csv\n${cloudWatchNote(cloudWatch)}`;
  process.stdout.write(options.json ? json : terminalText(renderSummary(result, series) + written));
}

/** The CloudWatch files written and their period, on a line of their own. */
function cloudWatchNote(request: CloudWatchRequest): string {
  if (request.formats.length === 0) return "";
  const files = request.formats.map((format) => CLOUDWATCH_FORMATS[format]).join(", ");
  return `  and ${files}: CloudWatch's metrics per ${formatDurationUs(request.periodUs)} period\n`;
}
