import { utf8Length } from "../workload/keys/key-space.js";
import { varintSize } from "./varint-size.js";

/** One KPL user record, as far as its size is concerned. */
export interface UserRecordSize {
  /** The user record's partition key (UTF-8 length counts). */
  partitionKey: string;
  /** Optional ExplicitHashKey, a decimal string (kinesis-facts.md §4). */
  explicitHashKey?: string;
  /** Length of the data blob in bytes. */
  dataBytes: number;
}

/** Magic prefix (4 bytes) + MD5 suffix (16 bytes): KPL `kFixedOverhead` (kinesis-facts.md §8). */
export const AGGREGATION_FIXED_OVERHEAD = 4 + 16;

/** The partition key the KPL sends on every aggregated record (kinesis-facts.md §8). */
export const AGGREGATE_PARTITION_KEY = "a";

/** A protobuf tag for field numbers 1–15 is one byte (field number << 3 | wire type). */
const TAG_BYTES = 1;

/** A length-delimited field (string, bytes, sub-message) holding `payloadBytes` bytes. */
function lengthDelimitedField(payloadBytes: number): number {
  return TAG_BYTES + varintSize(payloadBytes) + payloadBytes;
}

/** A varint field (uint64) holding `value`. */
function varintField(value: number): number {
  return TAG_BYTES + varintSize(value);
}

/** Index of `key` in the table, adding it (and its field's size) when it is new. */
function tableIndex(table: Map<string, number>, key: string, sizes: { table: number }): number {
  const known = table.get(key);
  if (known !== undefined) return known;
  const index = table.size;
  table.set(key, index);
  sizes.table += lengthDelimitedField(utf8Length(key));
  return index;
}

function checkDataBytes(dataBytes: number): void {
  if (!Number.isSafeInteger(dataBytes) || dataBytes < 0) {
    throw new RangeError(`dataBytes must be a non-negative integer, got ${dataBytes}`);
  }
}

/**
 * Exact byte size of the data blob the KPL sends for these user records as ONE Kinesis record
 * (kinesis-facts.md §8; KPL `aggregation-format.md`, `aws/kinesis/protobuf/messages.proto`,
 * `kinesis_record.cc` `accurate_size()`), computed from varint lengths without encoding.
 *
 * - One user record is sent raw (no magic, no MD5): the size is its `dataBytes`.
 * - Two or more are aggregated: 4 magic bytes `F3 89 9A C2` + protobuf `AggregatedRecord` +
 *   16-byte MD5 of the protobuf. The message holds `partition_key_table = 1` and
 *   `explicit_hash_key_table = 2` (each DISTINCT key once, in first-appearance order, as
 *   UTF-8 strings) and one `Record = 3` per user record: `partition_key_index = 1` (varint,
 *   always present), `explicit_hash_key_index = 2` (only when the record has one),
 *   `data = 3` (always present, even when empty), no tags.
 *
 * This is the data blob only. What counts against the shard's 1 MB/s and the record size
 * limit is data + partition key (kinesis-facts.md §1): see {@link kinesisRecordBytes}. Strings are
 * measured as UTF-8, lone surrogates as U+FFFD (3 bytes), as `TextEncoder` does. Partition
 * keys are not validated here (the KPL checks them when a user record is added).
 *
 * @example
 * aggregatedRecordSize([{ partitionKey: "user-42", dataBytes: 1000 }]); // 1000 (raw)
 * aggregatedRecordSize([
 *   { partitionKey: "a", dataBytes: 3 },
 *   { partitionKey: "b", dataBytes: 3 },
 * ]); // 44 = 20 + 2 × 3 (key table) + 2 × 9 (records)
 * @throws RangeError if `records` is empty or a `dataBytes` is not a non-negative integer.
 */
export function aggregatedRecordSize(records: readonly UserRecordSize[]): number {
  const [first] = records;
  if (first === undefined) {
    throw new RangeError("the KPL never sends an empty record: give at least one user record");
  }
  if (records.length === 1) {
    checkDataBytes(first.dataBytes);
    return first.dataBytes;
  }
  const partitionKeys = new Map<string, number>();
  const explicitHashKeys = new Map<string, number>();
  const sizes = { table: 0 };
  let recordsBytes = 0;
  for (const record of records) {
    checkDataBytes(record.dataBytes);
    let body =
      varintField(tableIndex(partitionKeys, record.partitionKey, sizes)) +
      lengthDelimitedField(record.dataBytes);
    if (record.explicitHashKey !== undefined) {
      body += varintField(tableIndex(explicitHashKeys, record.explicitHashKey, sizes));
    }
    recordsBytes += lengthDelimitedField(body);
  }
  return AGGREGATION_FIXED_OVERHEAD + sizes.table + recordsBytes;
}

/**
 * Bytes the Kinesis record carrying these user records counts against the shard's write limit
 * and the record size limit: data blob + partition key (kinesis-facts.md §1). The data blob is
 * {@link aggregatedRecordSize}. The partition key is the user record's own for a single record
 * (sent raw), and `"a"` (1 byte) for an aggregate (kinesis-facts.md §8, `kinesis_record.cc`
 * `partition_key()`). The aggregate's ExplicitHashKey does not count.
 *
 * @example
 * kinesisRecordBytes([{ partitionKey: "user-42", dataBytes: 1000 }]); // 1007
 * kinesisRecordBytes([
 *   { partitionKey: "a", dataBytes: 3 },
 *   { partitionKey: "b", dataBytes: 3 },
 * ]); // 45 = 44 + 1
 * @throws RangeError as {@link aggregatedRecordSize} does.
 */
export function kinesisRecordBytes(records: readonly UserRecordSize[]): number {
  const dataBytes = aggregatedRecordSize(records);
  const partitionKey =
    records.length === 1 ? (records[0]?.partitionKey ?? "") : AGGREGATE_PARTITION_KEY;
  return dataBytes + utf8Length(partitionKey);
}
