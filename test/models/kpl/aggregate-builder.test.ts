import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AggregateBuilder } from "../../../models/kpl/aggregate-builder.js";
import {
  aggregatedRecordSize,
  kinesisRecordBytes,
  type UserRecordSize,
} from "../../../models/kpl/aggregation-format.js";
import { encodeKplRecord } from "./kpl-record-encoder.js";

/** Records whose keys come from small pools, so that keys repeat (and sometimes EHKs). */
const records = fc.array(
  fc.record(
    {
      key: fc.integer({ min: 0, max: 6 }),
      keyLength: fc.integer({ min: 1, max: 40 }),
      hashKey: fc.integer({ min: 0, max: 3 }),
      dataBytes: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constantFrom(123, 124, 16_380)),
    },
    { requiredKeys: ["key", "keyLength", "dataBytes"] },
  ),
  { minLength: 1, maxLength: 200 },
);

/** The builder's records as the format functions (and the independent encoder) see them. */
function asUserRecords(
  list: { key: number; keyLength: number; hashKey?: number; dataBytes: number }[],
): UserRecordSize[] {
  // A key's name is its number padded to the length it first appeared with.
  const lengths = new Map<number, number>();
  return list.map(({ key, keyLength, hashKey, dataBytes }) => {
    if (!lengths.has(key)) lengths.set(key, keyLength);
    const length = lengths.get(key) as number;
    return {
      partitionKey: String(key).padStart(length, "k"),
      dataBytes,
      ...(hashKey === undefined ? {} : { explicitHashKey: `${10n ** 37n + BigInt(hashKey)}` }),
    };
  });
}

function build(list: UserRecordSize[]): AggregateBuilder {
  const builder = new AggregateBuilder();
  for (const record of list) {
    builder.add({
      keyId: record.partitionKey,
      keyBytes: record.partitionKey.length,
      dataBytes: record.dataBytes,
      hashKeyId: record.explicitHashKey,
      hashKeyBytes: record.explicitHashKey?.length,
    });
  }
  return builder;
}

describe("AggregateBuilder keeps the aggregate's exact size as records come and go (kinesis-facts.md §8)", () => {
  it("equals aggregatedRecordSize and the length an independent encoder writes", () => {
    fc.assert(
      fc.property(records, (list) => {
        const user = asUserRecords(list);
        const builder = build(user);
        expect(builder.accurateBytes).toBe(aggregatedRecordSize(user));
        expect(builder.accurateBytes).toBe(encodeKplRecord(user).length);
        expect(builder.kinesisRecordBytes).toBe(kinesisRecordBytes(user));
      }),
      { numRuns: 200 },
    );
  });

  it("after removing the last records, equals a builder that never had them", () => {
    fc.assert(
      fc.property(records, fc.integer({ min: 0, max: 199 }), (list, drop) => {
        const user = asUserRecords(list);
        const removed = Math.min(drop, user.length - 1);
        const builder = build(user);
        for (let i = 0; i < removed; i++) builder.removeLast();
        const kept = user.slice(0, user.length - removed);
        expect(builder.count).toBe(kept.length);
        expect(builder.accurateBytes).toBe(aggregatedRecordSize(kept));
        expect(builder.estimatedBytes).toBe(build(kept).estimatedBytes);
      }),
      { numRuns: 200 },
    );
  });

  it("estimates as the KPL does: data + 3 and 2 per record, key + 3 per distinct key", () => {
    // Three records of 10 data bytes, keys "ab", "ab", "xyz": 3 × (13 + 2) + (2 + 3) + (3 + 3).
    const builder = build([
      { partitionKey: "ab", dataBytes: 10 },
      { partitionKey: "ab", dataBytes: 10 },
      { partitionKey: "xyz", dataBytes: 10 },
    ]);
    expect(builder.estimatedBytes).toBe(45 + 5 + 6);
    // The exact size: 20 + key table (4 + 5) + 3 records of (2 + 2 + 12) = 77.
    expect(builder.accurateBytes).toBe(77);
  });

  it("a single record is its raw data, counted with its own key", () => {
    const builder = build([{ partitionKey: "user-42", dataBytes: 1000 }]);
    expect(builder.accurateBytes).toBe(1000);
    expect(builder.estimatedBytes).toBe(1000);
    expect(builder.kinesisRecordBytes).toBe(1007);
  });
});
