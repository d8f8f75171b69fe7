import { csvRecords } from "./csv-records.js";
import { TraceFormatError } from "./trace-error.js";

/** One data row of a trace file: its fields by lower-cased column name, and its line. */
export interface TraceRow {
  readonly line: number;
  readonly fields: ReadonlyMap<string, unknown>;
}

export type TraceFormat = "csv" | "ndjson";

/** `csv` for `.csv` files, `ndjson` for `.ndjson`/`.jsonl`/`.json`, else undefined. */
export function traceFormatOf(path: string): TraceFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (/\.(ndjson|jsonl|json)$/.test(lower)) return "ndjson";
  return undefined;
}

/**
 * The rows of a CSV file with a header line (RFC 4180 quoting) or of an NDJSON
 * file (one JSON object per line). Blank lines are skipped; column names are matched without
 * regard to case, so `IncomingRecords` and `incomingrecords` are the same column.
 */
export function readTraceRows(text: string, format: TraceFormat): TraceRow[] {
  const body = text.replace(/^\uFEFF/, "");
  return format === "csv" ? csvRows(body) : ndjsonRows(body);
}

function csvRows(text: string): TraceRow[] {
  const records = csvRecords(text, (line, message) => {
    throw new TraceFormatError(line, message);
  }).filter(
    (record) => !(record.fields.length === 1 && (record.fields[0] as string).trim() === ""),
  );
  const headerRecord = records.shift();
  if (headerRecord === undefined) throw new TraceFormatError(0, "the file is empty");
  const header = headerRecord.fields.map((name) => name.trim().toLowerCase());
  return records.map(({ fields: cells, line }) => {
    if (cells.length !== header.length) {
      throw new TraceFormatError(
        line,
        `expected ${header.length} fields like the header, got ${cells.length}`,
      );
    }
    const fields = new Map<string, unknown>();
    header.forEach((name, column) => {
      fields.set(name, cells[column]);
    });
    return { line, fields };
  });
}

function ndjsonRows(text: string): TraceRow[] {
  const rows: TraceRow[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new TraceFormatError(i + 1, "not a JSON object (NDJSON: one object per line)");
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new TraceFormatError(i + 1, "not a JSON object (NDJSON: one object per line)");
    }
    const fields = new Map<string, unknown>();
    for (const [name, field] of Object.entries(value)) fields.set(name.toLowerCase(), field);
    rows.push({ line: i + 1, fields });
  });
  return rows;
}

/** The first of `names` present in the rows' columns, or undefined. */
export function findColumn(
  rows: readonly TraceRow[],
  names: readonly string[],
): string | undefined {
  const first = rows[0];
  if (first === undefined) return undefined;
  return names.find((name) => first.fields.has(name));
}

/**
 * A time field in seconds: a number of seconds (from the trace's start), or an ISO 8601
 * timestamp (seconds since the epoch; callers take times relative to the first row).
 */
export function timeSeconds(value: unknown, line: number, column: string): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "") {
    const text = value.trim();
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number(text);
    if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
      const ms = Date.parse(text);
      if (Number.isFinite(ms)) return ms / 1000;
    }
  }
  throw new TraceFormatError(
    line,
    `${column}: expected seconds or an ISO 8601 time like 2026-11-25T10:00:00Z, got ${JSON.stringify(value)}`,
  );
}

/** A whole number ≥ 0 (a size or a count). */
export function wholeNumber(value: unknown, line: number, column: string): number {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof number === "number" && Number.isSafeInteger(number) && number >= 0) return number;
  throw new TraceFormatError(
    line,
    `${column}: expected a whole number ≥ 0, got ${JSON.stringify(value)}`,
  );
}
