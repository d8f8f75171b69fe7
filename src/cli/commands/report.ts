import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { UserError } from "../../experiment/config/user-error.js";
import { parseResultJson } from "../../experiment/files/parse-result-json.js";
import { parseSeriesCsv } from "../../experiment/files/parse-series-csv.js";
import { readInputText, savedOutputFile } from "../../experiment/files/read-bounded-file.js";
import type { RunResult, RunSeries } from "../../experiment/run/result-types.js";
import { renderReportHtml } from "../../report/report-html.js";
import { writeOutputFiles } from "../output-files.js";

const RESULT = savedOutputFile("a result.json");
const SERIES = savedOutputFile("a timeseries.csv");

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
  const result = parseResultJson(readInputText(resultPath, RESULT), resultPath);
  const seriesPath = options.series ?? join(dirname(resultPath), "timeseries.csv");
  const series =
    options.series !== undefined || existsSync(seriesPath)
      ? readSeries(seriesPath, result)
      : undefined;
  const output = options.output ?? join(dirname(resultPath), "report.html");
  writeOutputFiles([{ path: output, content: renderReportHtml(result, series) }], {
    label: `-o ${output}`,
  });
  process.stdout.write(
    `wrote ${output}${series === undefined ? " (no timeseries.csv: charts over time left out)" : ""}\n`,
  );
}

/** The series, which must be the result's: the same shards and consumers. */
function readSeries(path: string, result: RunResult): RunSeries {
  const series = parseSeriesCsv(readInputText(path, SERIES), path, result.durationSeconds);
  const shards = result.shards.map((shard) => shard.shardId).join(",");
  const consumers = result.consumers.map((consumer) => consumer.name).join(",");
  if (
    series.shards.map((shard) => shard.shardId).join(",") !== shards ||
    series.consumers.map((consumer) => consumer.name).join(",") !== consumers
  ) {
    throw new UserError(`${path}: its shards or consumers are not those of the result`);
  }
  return series;
}
