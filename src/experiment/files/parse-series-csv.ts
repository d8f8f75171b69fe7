import { csvRecords } from "../../../models/workload/trace/csv-records.js";
import { UserError } from "../config/user-error.js";
import type { RunSeries } from "../run/result-types.js";
import { csvText } from "./csv-field.js";
import { SERIES_CSV_HEADER, SERIES_CSV_HEADER_WITH_AGES } from "./series-csv.js";

const SHARD_COLUMNS = [
  "incomingRecords",
  "incomingBytes",
  "throttledRecords",
  "outgoingRecords",
  "outgoingBytes",
] as const;

/**
 * Reads a timeseries.csv back into the series: the exact inverse of `seriesToCsv`
 * (series-csv.ts) — every number parses back to the value written, names are unquoted
 * (RFC 4180). Each interval must list the same shards and consumers in the same order, as
 * the writer does. The resolution is the second interval's start time; a series of one
 * interval has no second, so `singleIntervalSeconds` (the run's duration) stands in.
 *
 * @param source names the file in error messages.
 * @throws UserError naming the line, e.g. `timeseries.csv line 7: expected 9 fields, got 8`.
 */
export function parseSeriesCsv(text: string, source: string, singleIntervalSeconds = 1): RunSeries {
  const rows = csvRecords(text, (line, message) => {
    throw new UserError(`${source} line ${line}: ${message}`);
  });
  const header = rows.shift();
  const headerLine = header?.fields.join(",");
  const withAges = headerLine === SERIES_CSV_HEADER_WITH_AGES;
  if (!withAges && headerLine !== SERIES_CSV_HEADER) {
    throw new UserError(
      `${source}: not a kinesim timeseries.csv (its first line is not the series header)`,
    );
  }
  // The first interval's rows fix the order of shards and consumers for every interval.
  const firstTime = rows[0]?.fields[0];
  let perInterval = rows.findIndex((row) => row.fields[0] !== firstTime);
  if (perInterval < 0) perInterval = rows.length;
  const layout = rows
    .slice(0, perInterval)
    .map((row) => ({ kind: row.fields[1], name: row.fields[2] }));
  if (rows.length % Math.max(1, perInterval) !== 0) {
    throw new UserError(
      `${source}: the last interval is incomplete (${rows.length % perInterval} of ${perInterval} rows)`,
    );
  }
  const intervals = perInterval === 0 ? 0 : rows.length / perInterval;
  const resolutionSeconds =
    intervals >= 2 ? Number(rows[perInterval]?.fields[0]) : singleIntervalSeconds;
  if (!(resolutionSeconds > 0)) throw new UserError(`${source}: interval times do not increase`);

  const series: RunSeries = { resolutionSeconds, shards: [], consumers: [] };
  const shardAt: RunSeries["shards"] = [];
  const consumerAt: RunSeries["consumers"] = [];
  layout.forEach(({ kind, name }, k) => {
    if (kind === "shard") {
      const shard = {
        shardId: name ?? "",
        incomingRecords: new Float64Array(intervals),
        incomingBytes: new Float64Array(intervals),
        throttledRecords: new Float64Array(intervals),
        outgoingRecords: new Float64Array(intervals),
        outgoingBytes: new Float64Array(intervals),
        ...(withAges ? { oldestUnreadAgeMs: new Float64Array(intervals) } : {}),
      };
      series.shards.push(shard);
      shardAt[k] = shard;
    } else if (kind === "consumer") {
      // Names were written through csvField, which may have neutralised a formula.
      const consumer = {
        name: csvText(name ?? ""),
        millisBehindLatest: new Float64Array(intervals),
        ...(withAges ? { oldestUnreadAgeMs: new Float64Array(intervals) } : {}),
      };
      series.consumers.push(consumer);
      consumerAt[k] = consumer;
    }
  });

  rows.forEach(({ fields, line }, r) => {
    const where = `${source} line ${line}`;
    const fieldCount = withAges ? 10 : 9;
    if (fields.length !== fieldCount)
      throw new UserError(`${where}: expected ${fieldCount} fields, got ${fields.length}`);
    const interval = Math.floor(r / perInterval);
    const k = r % perInterval;
    const expected = layout[k];
    if (fields[1] !== expected?.kind || fields[2] !== expected?.name) {
      throw new UserError(
        `${where}: expected the ${expected?.kind} "${expected?.name}" (every interval lists the same rows in the same order)`,
      );
    }
    const time = Number((interval * resolutionSeconds).toFixed(6));
    if (fields[0] !== String(time)) {
      throw new UserError(`${where}: expected time ${time}, got "${fields[0]}"`);
    }
    const shard = shardAt[k];
    const consumer = consumerAt[k];
    if (shard !== undefined) {
      SHARD_COLUMNS.forEach((column, c) => {
        shard[column][interval] = numberField(fields[3 + c], `${where}: ${column}`);
      });
      if (fields[8] !== "") throw new UserError(`${where}: a shard row has no millisBehindLatest`);
      if (shard.oldestUnreadAgeMs !== undefined) {
        shard.oldestUnreadAgeMs[interval] = numberField(fields[9], `${where}: oldestUnreadAgeMs`);
      }
    } else if (consumer !== undefined) {
      if (fields.slice(3, 8).some((field) => field !== "")) {
        throw new UserError(`${where}: a consumer row has only millisBehindLatest`);
      }
      consumer.millisBehindLatest[interval] = numberField(
        fields[8],
        `${where}: millisBehindLatest`,
      );
      if (consumer.oldestUnreadAgeMs !== undefined) {
        consumer.oldestUnreadAgeMs[interval] = numberField(
          fields[9],
          `${where}: oldestUnreadAgeMs`,
        );
      }
    } else {
      throw new UserError(`${where}: kind must be shard or consumer, got "${fields[1]}"`);
    }
  });
  return series;
}

function numberField(field: string | undefined, where: string): number {
  const value = field === undefined || field.trim() === "" ? Number.NaN : Number(field);
  if (!Number.isFinite(value))
    throw new UserError(`${where}: expected a number, got "${field ?? ""}"`);
  return value;
}
