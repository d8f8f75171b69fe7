import { US_PER_SECOND } from "../../../src/engine/time-units.js";
import { TraceFormatError } from "./trace-error.js";
import {
  findColumn,
  readTraceRows,
  type TraceFormat,
  timeSeconds,
  wholeNumber,
} from "./trace-rows.js";

/**
 * A file of records as a producer sent them, ready to replay: per record its time from the
 * trace's start, its key (an index into `keys`) and its data-blob size. Plain arrays, so a
 * parsed trace can sit inside a normalized experiment config (JSON, worker messages).
 */
export interface RecordTrace {
  /** Per record, microseconds from the first record; non-decreasing. */
  readonly timesUs: readonly number[];
  /** Per record, the index of its key in `keys`. */
  readonly keyIndex: readonly number[];
  /** Per record, data-blob bytes. */
  readonly sizes: readonly number[];
  /** Distinct partition keys, in order of first appearance. */
  readonly keys: readonly string[];
  /** Per distinct key, its explicit hash key (decimal), or "" when it is hashed with MD5. */
  readonly hashKeys: readonly string[];
}

const TIME_COLUMNS = ["time", "timestamp", "t"];
const KEY_COLUMNS = ["partitionkey", "key", "partition_key"];
const HASH_KEY_COLUMNS = ["explicithashkey", "explicit_hash_key", "hashkey"];
const SIZE_COLUMNS = ["size", "bytes", "datasize", "data_size"];

/** The largest 128-bit hash key (kinesis-facts.md §4). */
const MAX_HASH_KEY = (1n << 128n) - 1n;

/**
 * Parses a record trace: CSV with a header, or NDJSON, with a time (seconds or ISO 8601),
 * a partition key (or an explicit hash key, or both) and a size in bytes per record.
 * Records are put in time order (a stable sort, so equal times keep the file's order) and
 * times are taken from the first record.
 *
 * @throws TraceFormatError naming the line of the first mistake.
 */
export function parseRecordTrace(text: string, format: TraceFormat): RecordTrace {
  const rows = readTraceRows(text, format);
  if (rows.length === 0) throw new TraceFormatError(0, "no records (expected a header and rows)");
  const time = findColumn(rows, TIME_COLUMNS);
  const key = findColumn(rows, KEY_COLUMNS);
  const hashKey = findColumn(rows, HASH_KEY_COLUMNS);
  const size = findColumn(rows, SIZE_COLUMNS);
  if (time === undefined)
    throw new TraceFormatError(0, "no time column (time or timestamp) in the header");
  if (size === undefined)
    throw new TraceFormatError(0, "no size column (size or bytes) in the header");
  if (key === undefined && hashKey === undefined) {
    throw new TraceFormatError(0, "no key column (partitionKey or explicitHashKey) in the header");
  }
  const keyIndexOf = new Map<string, number>();
  const keys: string[] = [];
  const hashKeys: string[] = [];
  const records = rows.map((row) => {
    const seconds = timeSeconds(row.fields.get(time), row.line, time);
    const bytes = wholeNumber(row.fields.get(size), row.line, size);
    const name = key === undefined ? "" : String(row.fields.get(key) ?? "");
    const explicit = hashKey === undefined ? "" : hashKeyText(row.fields.get(hashKey), row.line);
    if (name === "" && explicit === "") {
      throw new TraceFormatError(
        row.line,
        "a record needs a partition key or an explicit hash key",
      );
    }
    // A record with an explicit hash key still carries a partition key (kinesis-facts.md §4).
    const partitionKey = name === "" ? "k" : name;
    const identity = `${partitionKey}\u0000${explicit}`;
    let index = keyIndexOf.get(identity);
    if (index === undefined) {
      index = keys.length;
      keyIndexOf.set(identity, index);
      keys.push(partitionKey);
      hashKeys.push(explicit);
    }
    return { seconds, index, bytes };
  });
  const order = records
    .map((_, i) => i)
    .sort((a, b) => {
      const ra = records[a] as (typeof records)[number];
      const rb = records[b] as (typeof records)[number];
      return ra.seconds - rb.seconds || a - b;
    });
  const start = (records[order[0] as number] as (typeof records)[number]).seconds;
  return {
    timesUs: order.map((i) =>
      Math.round(((records[i] as (typeof records)[number]).seconds - start) * US_PER_SECOND),
    ),
    keyIndex: order.map((i) => (records[i] as (typeof records)[number]).index),
    sizes: order.map((i) => (records[i] as (typeof records)[number]).bytes),
    keys,
    hashKeys,
  };
}

function hashKeyText(value: unknown, line: number): string {
  if (value === undefined || value === null || value === "") return "";
  const text = String(value).trim();
  if (/^\d+$/.test(text) && BigInt(text) <= MAX_HASH_KEY) return BigInt(text).toString();
  throw new TraceFormatError(
    line,
    `explicitHashKey: expected a decimal integer from 0 to 2^128 − 1, got ${JSON.stringify(value)}`,
  );
}
