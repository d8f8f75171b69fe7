import { forEachCsvRecord } from "./csv-records.js";
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
 * Visits the rows of a CSV file with a header line (RFC 4180 quoting) or of an NDJSON
 * file (one JSON object per line), in file order, one at a time: a file of millions of
 * rows never exists as an array of rows. Blank lines are skipped; column names are matched
 * without regard to case, so `IncomingRecords` and `incomingrecords` are the same column
 * (and a CSV header naming one column twice is refused).
 */
export function readTraceRows(
  text: string,
  format: TraceFormat,
  visit: (row: TraceRow) => void,
): void {
  const body = text.replace(/^\uFEFF/, "");
  if (format === "csv") csvRows(body, visit);
  else ndjsonRows(body, visit);
}

function csvRows(text: string, visit: (row: TraceRow) => void): void {
  let header: string[] | undefined;
  const fail = (line: number, message: string): never => {
    throw new TraceFormatError(line, message);
  };
  forEachCsvRecord(text, fail, (cells, line) => {
    if (cells.length === 1 && (cells[0] as string).trim() === "") return;
    if (header === undefined) {
      header = headerNames(cells, line);
      return;
    }
    if (cells.length !== header.length) {
      fail(line, `expected ${header.length} fields like the header, got ${cells.length}`);
    }
    const fields = new Map<string, unknown>();
    header.forEach((name, column) => {
      fields.set(name, cells[column]);
    });
    visit({ line, fields });
  });
  if (header === undefined) throw new TraceFormatError(0, "the file is empty");
}

/**
 * The header's column names, lower-cased. A name given twice would hide one of its columns;
 * unnamed columns (a spreadsheet's trailing commas) are never read, so they may repeat.
 */
function headerNames(cells: readonly string[], line: number): string[] {
  const names = cells.map((name) => name.trim().toLowerCase());
  names.forEach((name, column) => {
    const first = names.indexOf(name);
    if (name !== "" && first !== column) {
      throw new TraceFormatError(
        line,
        `the header names the column ${JSON.stringify(cells[column]?.trim())} twice (columns ${first + 1} and ${column + 1}): keep one`,
      );
    }
  });
  return names;
}

function ndjsonRows(text: string, visit: (row: TraceRow) => void): void {
  let start = 0;
  for (let line = 1; start <= text.length; line++) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    const content = text.slice(start, text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    start = end + 1;
    if (content.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch {
      throw new TraceFormatError(line, "not a JSON object (NDJSON: one object per line)");
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new TraceFormatError(line, "not a JSON object (NDJSON: one object per line)");
    }
    const fields = new Map<string, unknown>();
    for (const [name, field] of Object.entries(value)) fields.set(name.toLowerCase(), field);
    visit({ line, fields });
  }
}

/**
 * The one of `names` among the first row's columns, or undefined. Two of them would leave
 * a guess which one the file meant (`key` and `partitionKey`), so that is refused.
 *
 * @param role what the column holds, for the message ("the partition key").
 */
export function findColumn(
  first: TraceRow,
  names: readonly string[],
  role: string,
): string | undefined {
  const present = names.filter((name) => first.fields.has(name));
  if (present.length > 1) {
    throw new TraceFormatError(
      0,
      `columns ${present.map((name) => JSON.stringify(name)).join(" and ")} both give ${role}: keep one`,
    );
  }
  return present[0];
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
