import { dirname, join } from "node:path";
import { renderReportHtml } from "../../report/report-html.js";
import { writeOutputFiles } from "../output-files.js";
import { readSavedRun } from "../saved-run.js";
import { checkOutputPath } from "./options.js";

interface ReportOptions {
  output?: string;
  series?: string;
}

/**
 * `kinesim report <result.json>`: report.html from a saved result, with the series from
 * `--series` or the timeseries.csv beside the result when there is one. Everything is read
 * and rendered before anything is written.
 */
export function reportCommand(resultPath: string, options: ReportOptions): void {
  checkOutputPath("-o", options.output, "a file");
  const { result, series } = readSavedRun(resultPath, options.series);
  const output = options.output ?? join(dirname(resultPath), "report.html");
  writeOutputFiles([{ path: output, content: renderReportHtml(result, series) }], {
    label: `-o ${output}`,
  });
  process.stdout.write(
    `wrote ${output}${series === undefined ? " (no timeseries.csv: charts over time left out)" : ""}\n`,
  );
}
