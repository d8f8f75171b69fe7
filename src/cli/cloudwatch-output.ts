import { join } from "node:path";
import { cloudWatchCsv } from "../experiment/cloudwatch/cloudwatch-csv.js";
import {
  cloudWatchJsonLines,
  jsonLinesProblem,
} from "../experiment/cloudwatch/cloudwatch-jsonl.js";
import { defaultPeriodUs, periodProblem } from "../experiment/cloudwatch/cloudwatch-period.js";
import { cloudWatchMetrics } from "../experiment/cloudwatch/kinesis-metrics.js";
import type { ExperimentConfig } from "../experiment/config/config-types.js";
import { parseDurationUs } from "../experiment/config/units.js";
import { UserError } from "../experiment/config/user-error.js";
import type { RunResult, RunSeries } from "../experiment/run/result-types.js";
import type { OutputFile } from "./output-files.js";

/** `run --format` values and the file each writes into the `--out` folder. */
export const CLOUDWATCH_FORMATS = {
  "cloudwatch-csv": "cloudwatch.csv",
  "cloudwatch-jsonl": "cloudwatch.jsonl",
} as const;

export type CloudWatchFormat = keyof typeof CLOUDWATCH_FORMATS;

/** What `--format` and `--period` asked for, checked before the run. */
export interface CloudWatchRequest {
  readonly formats: readonly CloudWatchFormat[];
  readonly periodUs: number;
}

const NAMES = Object.keys(CLOUDWATCH_FORMATS).join(" or ");

/**
 * Reads `--format` (repeatable, or comma-separated) and `--period` against the loaded
 * experiment, or fails with one line: before the run, so a mistake costs no simulation.
 */
export function cloudWatchRequest(
  formatValues: readonly string[],
  periodText: string | undefined,
  out: string | undefined,
  config: ExperimentConfig,
): CloudWatchRequest {
  const formats: CloudWatchFormat[] = [];
  for (const value of formatValues.flatMap((text) => text.split(","))) {
    const name = value.trim();
    if (!Object.hasOwn(CLOUDWATCH_FORMATS, name)) {
      throw new UserError(`--format: unknown format ${JSON.stringify(name)}; use ${NAMES}`);
    }
    if (!formats.includes(name as CloudWatchFormat)) formats.push(name as CloudWatchFormat);
  }
  if (formats.length > 0 && out === undefined) {
    throw new UserError("--format writes files: give --out <dir> too");
  }
  if (periodText !== undefined && formats.length === 0) {
    throw new UserError(`--period sets the CloudWatch period: give --format ${NAMES} too`);
  }
  const resolutionUs = config.metricsResolutionUs;
  let periodUs = defaultPeriodUs(config.durationUs, resolutionUs);
  if (periodText !== undefined) {
    try {
      periodUs = parseDurationUs(periodText);
    } catch (error) {
      throw new UserError(`--period: ${(error as Error).message}`);
    }
    const problem = periodProblem(periodUs, resolutionUs);
    if (problem !== undefined) throw new UserError(`--period: ${problem}`);
  }
  return { formats, periodUs };
}

/** The files the request asks for, from the run's result and series. */
export function cloudWatchFiles(
  request: CloudWatchRequest,
  directory: string,
  config: ExperimentConfig,
  result: RunResult,
  series: RunSeries,
): OutputFile[] {
  if (request.formats.length === 0) return [];
  const periodSeconds = request.periodUs / 1_000_000;
  if (request.formats.includes("cloudwatch-jsonl")) {
    // Stream metrics, six per shard, two per consumer: at most this many per period.
    const metricCount = 8 + 6 * series.shards.length + 2 * series.consumers.length;
    const periods = Math.ceil(result.durationSeconds / periodSeconds);
    const problem = jsonLinesProblem(metricCount, periods, periodSeconds);
    if (problem !== undefined) throw new UserError(problem);
  }
  const putRecordsOnly = config.producers.every(
    (producer) => producer.kpl !== undefined || producer.api === "putRecords",
  );
  const metrics = cloudWatchMetrics(result, series, { periodUs: request.periodUs, putRecordsOnly });
  return request.formats.map((format) => ({
    path: join(directory, CLOUDWATCH_FORMATS[format]),
    content:
      format === "cloudwatch-csv"
        ? cloudWatchCsv(metrics)
        : cloudWatchJsonLines(metrics, periodSeconds),
  }));
}
