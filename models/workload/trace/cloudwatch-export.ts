import { US_PER_SECOND } from "../../../src/engine/time-units.js";
import { TraceFormatError } from "./trace-error.js";
import { findColumn, readTraceRows, timeSeconds } from "./trace-rows.js";

/**
 * A CloudWatch export of a stream's `IncomingRecords` and `IncomingBytes` (the Sum statistic
 * per period, kinesis-facts.md §10), as consecutive periods from the first row's time.
 */
export interface CloudWatchExport {
  /** The period of the metrics: the smallest gap between rows, 60 s for one row. */
  readonly periodUs: number;
  /**
   * Per period, records offered: the Sum of IncomingRecords (successful puts only), plus the
   * Sum of WriteProvisionedThroughputExceeded when the file has that column, since demand is
   * the two together (kinesis-facts.md §10). Periods missing from the file are 0.
   */
  readonly records: readonly number[];
  /** Per period, bytes put (Sum of IncomingBytes). */
  readonly bytes: readonly number[];
  /** Whether throttled records (WriteProvisionedThroughputExceeded) were added to `records`. */
  readonly includesThrottled: boolean;
}

/** CloudWatch's basic stream-level period (kinesis-facts.md §10). */
const DEFAULT_PERIOD_SECONDS = 60;

/** More periods than this (a year of minutes) is taken for a mistake. */
const MAX_PERIODS = 527_040;

/**
 * Parses a CSV with a header naming a time column (`Timestamp`, ISO 8601 or seconds), and
 * `IncomingRecords` and `IncomingBytes` columns. Rows may come in any order; the period is the
 * smallest gap between their times (`periodSeconds` overrides it), every row must sit a whole
 * number of periods after the first, and missing periods count as no traffic (CloudWatch
 * leaves out periods without data points).
 *
 * @throws TraceFormatError naming the line of the first mistake.
 */
export function parseCloudWatchExport(text: string, periodSeconds?: number): CloudWatchExport {
  const rows = readTraceRows(text, "csv");
  if (rows.length === 0) throw new TraceFormatError(0, "no rows (expected a header and rows)");
  const time = findColumn(rows, ["timestamp", "time", "t"]);
  if (time === undefined) throw new TraceFormatError(0, "no Timestamp column in the header");
  const recordsColumn = findColumn(rows, ["incomingrecords"]);
  const bytesColumn = findColumn(rows, ["incomingbytes"]);
  if (recordsColumn === undefined)
    throw new TraceFormatError(0, "no IncomingRecords column in the header");
  if (bytesColumn === undefined)
    throw new TraceFormatError(0, "no IncomingBytes column in the header");
  const throttledColumn = findColumn(rows, ["writeprovisionedthroughputexceeded"]);
  const points = rows
    .map((row) => ({
      line: row.line,
      seconds: timeSeconds(row.fields.get(time), row.line, time),
      records: metricValue(row.fields.get(recordsColumn), row.line, "IncomingRecords"),
      bytes: metricValue(row.fields.get(bytesColumn), row.line, "IncomingBytes"),
      throttled:
        throttledColumn === undefined
          ? 0
          : metricValue(
              row.fields.get(throttledColumn),
              row.line,
              "WriteProvisionedThroughputExceeded",
            ),
    }))
    .sort((a, b) => a.seconds - b.seconds || a.line - b.line);
  const start = (points[0] as (typeof points)[number]).seconds;
  let period = periodSeconds ?? DEFAULT_PERIOD_SECONDS;
  if (periodSeconds === undefined && points.length > 1) {
    period = Number.POSITIVE_INFINITY;
    for (let i = 1; i < points.length; i++) {
      const gap =
        (points[i] as (typeof points)[number]).seconds -
        (points[i - 1] as (typeof points)[number]).seconds;
      if (gap === 0) {
        throw new TraceFormatError(
          (points[i] as (typeof points)[number]).line,
          "two rows for the same time",
        );
      }
      period = Math.min(period, gap);
    }
  }
  const last = (points[points.length - 1] as (typeof points)[number]).seconds;
  const periods = Math.round((last - start) / period) + 1;
  if (periods > MAX_PERIODS) {
    throw new TraceFormatError(0, `${periods} periods of ${period} s: more than a year`);
  }
  const records = new Array<number>(periods).fill(0);
  const bytes = new Array<number>(periods).fill(0);
  for (const point of points) {
    const offset = (point.seconds - start) / period;
    const index = Math.round(offset);
    if (Math.abs(offset - index) > 1e-6) {
      throw new TraceFormatError(
        point.line,
        `${time} is not a whole number of ${period}-second periods after the first row`,
      );
    }
    if (point.records === 0 && (point.bytes > 0 || point.throttled > 0)) {
      throw new TraceFormatError(
        point.line,
        "IncomingRecords is 0 but IncomingBytes or throttled records are not: the record size is unknown",
      );
    }
    // Throttled records are assumed the size of the period's accepted ones.
    const throttledBytes =
      point.records === 0 ? 0 : Math.round((point.bytes / point.records) * point.throttled);
    records[index] = (records[index] as number) + point.records + point.throttled;
    bytes[index] = (bytes[index] as number) + point.bytes + throttledBytes;
  }
  return {
    periodUs: Math.round(period * US_PER_SECOND),
    records,
    bytes,
    includesThrottled: throttledColumn !== undefined,
  };
}

/** A metric Sum: a number ≥ 0, rounded to whole records or bytes. */
function metricValue(value: unknown, line: number, column: string): number {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof number === "number" && Number.isFinite(number) && number >= 0) {
    return Math.round(number);
  }
  throw new TraceFormatError(
    line,
    `${column}: expected a number ≥ 0, got ${JSON.stringify(value)}`,
  );
}
