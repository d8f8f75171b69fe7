import { US_PER_SECOND } from "../../../src/engine/time-units.js";
import { TraceFormatError } from "./trace-error.js";
import { findColumn, readTraceRows, type TraceRow } from "./trace-rows.js";
import { TimeColumn } from "./trace-times.js";

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

/**
 * More periods than this (a year of minutes) is taken for a mistake. The replay keeps a rate
 * point and a record size per period, from the first row's period to the last's, so this also
 * bounds its memory (a few MB) whatever the times in the file.
 */
const MAX_PERIODS = 527_040;
const tooManyPeriods = `more than ${MAX_PERIODS} periods (a year of one-minute periods) from the first row to the last`;

/** One row of the export. */
interface MetricRow {
  readonly line: number;
  readonly seconds: number;
  readonly records: number;
  readonly bytes: number;
  readonly throttled: number;
}

/**
 * Parses a CSV with a header naming a time column (`Timestamp`, ISO 8601 or seconds), and
 * `IncomingRecords` and `IncomingBytes` columns. Rows may come in any order; the period is the
 * smallest gap between their times (`periodSeconds` overrides it), every row must sit a whole
 * number of periods after the first, and missing periods count as no traffic (CloudWatch
 * leaves out periods without data points).
 *
 * @param meanKeyBytes the mean partition key of the records replayed, when known: a row whose
 *   IncomingBytes leave less than one data byte per record besides it is refused, since its
 *   records could not carry those keys.
 * @throws TraceFormatError naming the line of the first mistake.
 */
export function parseCloudWatchExport(
  text: string,
  periodSeconds?: number,
  meanKeyBytes?: number,
): CloudWatchExport {
  let columns: { time: string; records: string; bytes: string; throttled?: string } | undefined;
  let times: TimeColumn | undefined;
  const rows: MetricRow[] = [];
  readTraceRows(text, "csv", (row) => {
    columns ??= columnsOf(row);
    times ??= new TimeColumn(columns.time);
    const { fields, line } = row;
    if (rows.length === MAX_PERIODS) {
      throw new TraceFormatError(line, `more than ${MAX_PERIODS} rows: ${tooManyPeriods}`);
    }
    const throttled = columns.throttled;
    const metric: MetricRow = {
      line,
      seconds: times.seconds(fields.get(columns.time), line),
      records: metricValue(fields.get(columns.records), line, "IncomingRecords"),
      bytes: metricValue(fields.get(columns.bytes), line, "IncomingBytes"),
      throttled:
        throttled === undefined
          ? 0
          : metricValue(fields.get(throttled), line, "WriteProvisionedThroughputExceeded"),
    };
    if (meanKeyBytes !== undefined) checkBytesPerRecord(metric, meanKeyBytes);
    rows.push(metric);
  });
  if (columns === undefined) throw new TraceFormatError(0, "no rows (expected a header and rows)");
  const points = rows.sort((a, b) => a.seconds - b.seconds || a.line - b.line);
  const start = (points[0] as MetricRow).seconds;
  let period = periodSeconds ?? DEFAULT_PERIOD_SECONDS;
  if (periodSeconds === undefined && points.length > 1) {
    period = Number.POSITIVE_INFINITY;
    for (let i = 1; i < points.length; i++) {
      const gap = (points[i] as MetricRow).seconds - (points[i - 1] as MetricRow).seconds;
      if (gap === 0) {
        throw new TraceFormatError((points[i] as MetricRow).line, "two rows for the same time");
      }
      period = Math.min(period, gap);
    }
  }
  const last = (points[points.length - 1] as MetricRow).seconds;
  const periods = Math.round((last - start) / period) + 1;
  if (periods > MAX_PERIODS) {
    throw new TraceFormatError(0, `${periods} periods of ${period} s: ${tooManyPeriods}`);
  }
  const records = new Array<number>(periods).fill(0);
  const bytes = new Array<number>(periods).fill(0);
  for (const point of points) {
    const offset = (point.seconds - start) / period;
    const index = Math.round(offset);
    if (Math.abs(offset - index) > 1e-6) {
      throw new TraceFormatError(
        point.line,
        `${columns.time} is not a whole number of ${period}-second periods after the first row`,
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
    includesThrottled: columns.throttled !== undefined,
  };
}

function columnsOf(first: TraceRow) {
  const time = findColumn(first, ["timestamp", "time", "t"], "the time");
  if (time === undefined) throw new TraceFormatError(0, "no Timestamp column in the header");
  const records = findColumn(first, ["incomingrecords"], "IncomingRecords");
  const bytes = findColumn(first, ["incomingbytes"], "IncomingBytes");
  if (records === undefined)
    throw new TraceFormatError(0, "no IncomingRecords column in the header");
  if (bytes === undefined) throw new TraceFormatError(0, "no IncomingBytes column in the header");
  const throttled = findColumn(
    first,
    ["writeprovisionedthroughputexceeded"],
    "WriteProvisionedThroughputExceeded",
  );
  return { time, records, bytes, ...(throttled === undefined ? {} : { throttled }) };
}

/**
 * IncomingBytes counts each record's partition key with its data (kinesis-facts.md §1), so a
 * row's records cannot have fewer bytes than their keys and one data byte each. The replay
 * takes the data size from the difference; clamping it up to 1 byte would send several times
 * the bytes the export shows.
 */
function checkBytesPerRecord(row: MetricRow, meanKeyBytes: number): void {
  const least = row.records * (meanKeyBytes + 1);
  if (row.bytes < least) {
    const key = Number(meanKeyBytes.toFixed(2));
    throw new TraceFormatError(
      row.line,
      `IncomingBytes ${row.bytes} is less than IncomingRecords ${row.records} × ${Number((key + 1).toFixed(2))} B (1 data byte and the mean partition key, ${key} B): the records in the export are smaller than the keys replayed with them`,
    );
  }
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
