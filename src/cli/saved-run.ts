import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { UserError } from "../experiment/config/user-error.js";
import { parseResultJson } from "../experiment/files/parse-result-json.js";
import { parseSeriesCsv } from "../experiment/files/parse-series-csv.js";
import { readInputText, savedOutputFile } from "../experiment/files/read-bounded-file.js";
import type { RunResult, RunSeries } from "../experiment/run/result-types.js";

const RESULT = savedOutputFile("a result.json");
const SERIES = savedOutputFile("a timeseries.csv");

export interface SavedRun {
  result: RunResult;
  /** Absent when no series was named and none lies beside the result. */
  series: RunSeries | undefined;
}

/**
 * A run saved by `run --out` (or `run --json`): its result, and its series from `seriesPath`
 * or else from the timeseries.csv beside the result when there is one.
 *
 * @throws UserError with one line naming the file and what is wrong with it.
 */
export function readSavedRun(resultPath: string, seriesPath?: string): SavedRun {
  const result = parseResultJson(readInputText(resultPath, RESULT), resultPath);
  const path = seriesPath ?? join(dirname(resultPath), "timeseries.csv");
  const series =
    seriesPath !== undefined || existsSync(path) ? readSeries(path, result) : undefined;
  return { result, series };
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
