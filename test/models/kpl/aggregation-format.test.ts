import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregatedRecordSize,
  kinesisRecordBytes,
  type UserRecordSize,
} from "../../../models/kpl/aggregation-format.js";
import { encodeAggregatedRecord, encodeKplRecord, KPL_MAGIC } from "./kpl-record-encoder.js";

const utf8 = (text: string): number => new TextEncoder().encode(text).length;

/** Partition keys: any Unicode (up to 4 UTF-8 bytes per character) or ASCII, 1–256 chars. */
const partitionKey = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 256 }),
  fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 256 }),
);
const explicitHashKey = fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }).map(String);
const dataBytes = fc.oneof(
  fc.integer({ min: 0, max: 60_000 }),
  fc.integer({ min: 0, max: 300 }),
  fc.constantFrom(127, 128, 16_383, 16_384),
);

/** 1–50 records whose keys come from small pools (so keys repeat) or are fresh. */
const userRecords = fc
  .record({
    partitionKeys: fc.array(partitionKey, { minLength: 1, maxLength: 5 }),
    explicitHashKeys: fc.array(explicitHashKey, { minLength: 1, maxLength: 3 }),
  })
  .chain(({ partitionKeys, explicitHashKeys }) =>
    fc.array(
      fc.record(
        {
          partitionKey: fc.oneof(fc.constantFrom(...partitionKeys), partitionKey),
          explicitHashKey: fc.oneof(fc.constantFrom(...explicitHashKeys), explicitHashKey),
          dataBytes,
        },
        { requiredKeys: ["partitionKey", "dataBytes"] },
      ),
      { minLength: 1, maxLength: 50 },
    ),
  );

describe("aggregatedRecordSize (kinesis-facts.md §8)", () => {
  it("hand-checked: two records 'a' and 'b' with 3 data bytes each are 44 bytes", () => {
    const records = [
      { partitionKey: "a", dataBytes: 3 },
      { partitionKey: "b", dataBytes: 3 },
    ];
    // partition_key_table: 0A 01 61 | 0A 01 62                       (2 × 3 =  6 bytes)
    // records[0]: 1A 07 { 08 00 (pk index 0) | 1A 03 00 01 02 (data) } (2 + 7 =  9 bytes)
    // records[1]: 1A 07 { 08 01 (pk index 1) | 1A 03 00 01 02 (data) } (2 + 7 =  9 bytes)
    // protobuf = 6 + 9 + 9 = 24; + magic 4 + MD5 16 = 44. Plus partition key "a": 45.
    const protobuf = [
      0x0a, 0x01, 0x61, 0x0a, 0x01, 0x62, 0x1a, 0x07, 0x08, 0x00, 0x1a, 0x03, 0x00, 0x01, 0x02,
      0x1a, 0x07, 0x08, 0x01, 0x1a, 0x03, 0x00, 0x01, 0x02,
    ];
    expect([...encodeAggregatedRecord(records)]).toEqual(protobuf);
    const md5 = [...createHash("md5").update(Uint8Array.from(protobuf)).digest()];
    expect([...encodeKplRecord(records)]).toEqual([...KPL_MAGIC, ...protobuf, ...md5]);
    expect(aggregatedRecordSize(records)).toBe(44);
    expect(kinesisRecordBytes(records)).toBe(45);
  });

  it("hand-checked: a shared partition key and an explicit hash key", () => {
    const records = [
      { partitionKey: "k", explicitHashKey: "7", dataBytes: 0 },
      { partitionKey: "k", dataBytes: 1 },
    ];
    // 0A 01 6B ("k", once) | 12 01 37 ("7") | 1A 06 { 08 00 10 00 1A 00 } | 1A 05 { 08 00 1A 01 00 }
    // = 3 + 3 + 8 + 7 = 21; + 20 = 41.
    expect(encodeAggregatedRecord(records).length).toBe(21);
    expect(aggregatedRecordSize(records)).toBe(41);
  });

  it("equals the byte length of the encoded format for random records", () => {
    fc.assert(
      fc.property(userRecords, (records) => {
        expect(aggregatedRecordSize(records)).toBe(encodeKplRecord(records).length);
      }),
    );
  });

  it("for one record equals its data size (sent raw, no magic, no MD5)", () => {
    fc.assert(
      fc.property(
        partitionKey,
        fc.option(explicitHashKey, { nil: undefined }),
        dataBytes,
        (pk, ehk, bytes) => {
          const record: UserRecordSize = { partitionKey: pk, dataBytes: bytes };
          if (ehk !== undefined) record.explicitHashKey = ehk;
          expect(aggregatedRecordSize([record])).toBe(bytes);
          expect(kinesisRecordBytes([record])).toBe(bytes + utf8(pk));
        },
      ),
    );
  });

  it("stores a shared key once: a new key adds its length, a known key adds nothing", () => {
    const ascii = fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 256 });
    fc.assert(
      fc.property(userRecords, ascii, dataBytes, (records, fresh, bytes) => {
        fc.pre(records.every((record) => record.partitionKey !== fresh));
        const known = records[0]?.partitionKey ?? "";
        const withKnown = aggregatedRecordSize([
          ...records,
          { partitionKey: known, dataBytes: bytes },
        ]);
        const withFresh = aggregatedRecordSize([
          ...records,
          { partitionKey: fresh, dataBytes: bytes },
        ]);
        // The new table entry: tag + length varint + the key's bytes (≤ 51 keys, so the
        // index varint is one byte either way).
        const length = fresh.length;
        expect(withFresh - withKnown).toBe(1 + (length < 128 ? 1 : 2) + length);
        // With a known key, the growth does not depend on which known key (or its length).
        const last = records[records.length - 1]?.partitionKey ?? "";
        expect(aggregatedRecordSize([...records, { partitionKey: last, dataBytes: bytes }])).toBe(
          withKnown,
        );
      }),
    );
  });

  it('kinesisRecordBytes of an aggregate is its size + 1 (partition key "a")', () => {
    fc.assert(
      fc.property(userRecords, (records) => {
        fc.pre(records.length >= 2);
        expect(kinesisRecordBytes(records)).toBe(encodeKplRecord(records).length + 1);
      }),
    );
  });

  it("rejects an empty list and bad data sizes", () => {
    expect(() => aggregatedRecordSize([])).toThrow(RangeError);
    expect(() => kinesisRecordBytes([])).toThrow(RangeError);
    for (const bad of [-1, 1.5, Number.NaN]) {
      expect(() => aggregatedRecordSize([{ partitionKey: "a", dataBytes: bad }])).toThrow(
        RangeError,
      );
      expect(() =>
        aggregatedRecordSize([
          { partitionKey: "a", dataBytes: 1 },
          { partitionKey: "b", dataBytes: bad },
        ]),
      ).toThrow(RangeError);
    }
  });
});
