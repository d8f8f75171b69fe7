import { US_PER_SECOND } from "../../../src/engine/time-units.js";
import { GrowableColumn } from "./growable-column.js";
import { TraceFormatError } from "./trace-error.js";
import {
  findColumn,
  readTraceRows,
  type TraceFormat,
  type TraceRow,
  wholeNumber,
} from "./trace-rows.js";
import { TimeColumn } from "./trace-times.js";

/**
 * A file of records as a producer sent them, ready to replay: per record its time from the
 * trace's start, its key (an index into `keys`) and its data-blob size. Typed arrays, so that
 * a trace of millions of records takes 20 bytes a record; they can sit inside a normalized
 * experiment config (worker messages clone them; `configHash` writes them as JSON lists).
 */
export interface RecordTrace {
  /** Per record, microseconds from the first record; non-decreasing. */
  readonly timesUs: Float64Array;
  /** Per record, the index of its key in `keys`. */
  readonly keyIndex: Uint32Array;
  /** Per record, data-blob bytes. */
  readonly sizes: Float64Array;
  /** Distinct partition keys, in order of first appearance. */
  readonly keys: readonly string[];
  /** Per distinct key, its explicit hash key (decimal), or "" when it is hashed with MD5. */
  readonly hashKeys: readonly string[];
}

const TIME_COLUMNS = ["time", "timestamp", "t"];
const KEY_COLUMNS = ["partitionkey", "key", "partition_key"];
const HASH_KEY_COLUMNS = ["explicithashkey", "explicit_hash_key", "hashkey"];
const SIZE_COLUMNS = ["size", "bytes", "datasize", "data_size"];

/**
 * The most records a trace may hold. A parsed record takes 20 bytes in its columns and up to
 * two steps of the producer's per-second rate (a record alone in its second starts one and
 * ends it, some 100 bytes): 5 million keep a trace's memory near half a GB, whatever its times.
 * A trace file of at most 128 MiB (MAX_TRACE_FILE_BYTES) has about that many lines of 25
 * bytes.
 */
export const MAX_TRACE_RECORDS = 5_000_000;

/** The largest 128-bit hash key (kinesis-facts.md §4). */
const MAX_HASH_KEY = (1n << 128n) - 1n;

/** The columns a record trace is read from, found in its first row. */
interface Columns {
  readonly time: TimeColumn;
  readonly timeName: string;
  readonly key: string | undefined;
  readonly hashKey: string | undefined;
  readonly size: string;
}

function columnsOf(first: TraceRow): Columns {
  const time = findColumn(first, TIME_COLUMNS, "the time");
  const key = findColumn(first, KEY_COLUMNS, "the partition key");
  const hashKey = findColumn(first, HASH_KEY_COLUMNS, "the explicit hash key");
  const size = findColumn(first, SIZE_COLUMNS, "the size");
  if (time === undefined)
    throw new TraceFormatError(0, "no time column (time or timestamp) in the header");
  if (size === undefined)
    throw new TraceFormatError(0, "no size column (size or bytes) in the header");
  if (key === undefined && hashKey === undefined) {
    throw new TraceFormatError(0, "no key column (partitionKey or explicitHashKey) in the header");
  }
  return { time: new TimeColumn(time), timeName: time, key, hashKey, size };
}

/**
 * Numbers distinct routing keys (a partition key, with or without an explicit hash key) in
 * order of first appearance.
 */
class KeyNumbering {
  readonly keys: string[] = [];
  readonly hashKeys: string[] = [];
  /** Keys without an explicit hash key, by partition key (most traces have only these). */
  private readonly plain = new Map<string, number>();
  /** Keys with one, by partition key and hash key. */
  private readonly explicit = new Map<string, number>();

  indexOf(partitionKey: string, hashKey: string): number {
    const map = hashKey === "" ? this.plain : this.explicit;
    const identity = hashKey === "" ? partitionKey : `${partitionKey}\u0000${hashKey}`;
    let index = map.get(identity);
    if (index === undefined) {
      index = this.keys.length;
      map.set(identity, index);
      this.keys.push(partitionKey);
      this.hashKeys.push(hashKey);
    }
    return index;
  }
}

/**
 * Parses a record trace: CSV with a header, or NDJSON, with a time (seconds or ISO 8601),
 * a partition key (or an explicit hash key, or both) and a size in bytes per record.
 * Records are put in time order (a stable sort, so equal times keep the file's order) and
 * times are taken from the first record.
 *
 * @throws TraceFormatError naming the line of the first mistake.
 */
export function parseRecordTrace(text: string, format: TraceFormat): RecordTrace {
  let columns: Columns | undefined;
  const numbering = new KeyNumbering();
  const seconds = new GrowableColumn((n) => new Float64Array(n));
  const keyIndex = new GrowableColumn((n) => new Uint32Array(n));
  const sizes = new GrowableColumn((n) => new Float64Array(n));
  readTraceRows(text, format, (row) => {
    columns ??= columnsOf(row);
    const { fields, line } = row;
    if (seconds.length === MAX_TRACE_RECORDS) {
      throw new TraceFormatError(
        line,
        `more than ${MAX_TRACE_RECORDS} records, the most a trace may hold: replay a part of it`,
      );
    }
    seconds.push(columns.time.seconds(fields.get(columns.timeName), line));
    sizes.push(wholeNumber(fields.get(columns.size), line, columns.size));
    const name = columns.key === undefined ? "" : String(fields.get(columns.key) ?? "");
    const explicit =
      columns.hashKey === undefined ? "" : hashKeyText(fields.get(columns.hashKey), line);
    if (name === "" && explicit === "") {
      throw new TraceFormatError(line, "a record needs a partition key or an explicit hash key");
    }
    // A record with an explicit hash key still carries a partition key (kinesis-facts.md §4).
    keyIndex.push(numbering.indexOf(name === "" ? "k" : name, explicit));
  });
  if (columns === undefined)
    throw new TraceFormatError(0, "no records (expected a header and rows)");
  const order = timeOrder(seconds);
  const start = seconds.at(order === undefined ? 0 : (order[0] as number));
  const row = (i: number) => (order === undefined ? i : (order[i] as number));
  const n = seconds.length;
  const timesUs = new Float64Array(n);
  for (let i = 0; i < n; i++) timesUs[i] = Math.round((seconds.at(row(i)) - start) * US_PER_SECOND);
  if (order === undefined) {
    return {
      timesUs,
      keyIndex: keyIndex.toArray(),
      sizes: sizes.toArray(),
      keys: numbering.keys,
      hashKeys: numbering.hashKeys,
    };
  }
  const sortedKeys = new Uint32Array(n);
  const sortedSizes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    sortedKeys[i] = keyIndex.at(row(i));
    sortedSizes[i] = sizes.at(row(i));
  }
  return {
    timesUs,
    keyIndex: sortedKeys,
    sizes: sortedSizes,
    keys: numbering.keys,
    hashKeys: numbering.hashKeys,
  };
}

/**
 * The rows in time order, equal times in file order; undefined when the file is already in
 * time order (the usual case: no index array).
 */
function timeOrder(seconds: GrowableColumn<Float64Array>): Uint32Array | undefined {
  const n = seconds.length;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = seconds.at(i - 1) <= seconds.at(i);
  if (sorted) return undefined;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => seconds.at(a) - seconds.at(b) || a - b);
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
