import { createHash } from "node:crypto";
import type { UserRecordSize } from "../../../models/kpl/aggregation-format.js";
import { ProtobufWriter } from "./protobuf-writer.js";

/** KPL aggregation magic (kinesis-facts.md §8; KPL `aggregation-format.md`). */
export const KPL_MAGIC = Uint8Array.of(0xf3, 0x89, 0x9a, 0xc2);

/** A deterministic data blob of `length` bytes: byte i is `i mod 256`. */
export function dataBlob(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = i & 0xff;
  return bytes;
}

/** Index of `key` in `table`, appending it on first appearance. */
function indexOf(table: string[], key: string): number {
  const found = table.indexOf(key);
  if (found >= 0) return found;
  table.push(key);
  return table.length - 1;
}

/**
 * The protobuf `AggregatedRecord` (KPL `messages.proto`) for these user records, encoded for
 * real. Fields are written in field-number order, as protobuf serializers do.
 */
export function encodeAggregatedRecord(records: readonly UserRecordSize[]): Uint8Array {
  const partitionKeys: string[] = [];
  const explicitHashKeys: string[] = [];
  const encodedRecords = records.map((record) => {
    const message = new ProtobufWriter().uint64Field(
      1,
      indexOf(partitionKeys, record.partitionKey),
    );
    if (record.explicitHashKey !== undefined) {
      message.uint64Field(2, indexOf(explicitHashKeys, record.explicitHashKey));
    }
    return message.bytesField(3, dataBlob(record.dataBytes)).finish();
  });
  const writer = new ProtobufWriter();
  for (const key of partitionKeys) writer.stringField(1, key);
  for (const key of explicitHashKeys) writer.stringField(2, key);
  for (const record of encodedRecords) writer.bytesField(3, record);
  return writer.finish();
}

/**
 * The data blob the KPL sends for these user records: the raw data for one record, otherwise
 * magic + `AggregatedRecord` + MD5 of the protobuf bytes (KPL `kinesis_record.cc` `serialize()`).
 */
export function encodeKplRecord(records: readonly UserRecordSize[]): Uint8Array {
  const [first] = records;
  if (first === undefined) throw new RangeError("no records");
  if (records.length === 1) return dataBlob(first.dataBytes);
  const protobuf = encodeAggregatedRecord(records);
  const md5 = createHash("md5").update(protobuf).digest();
  return new ProtobufWriter().raw(KPL_MAGIC).raw(protobuf).raw(md5).finish();
}
