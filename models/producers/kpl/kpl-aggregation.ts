import { aggregatedRecordSize, type UserRecordSize } from "../../kpl/aggregation-format.js";

/** How the KPL packs user records of a given mean size into Kinesis records. */
export interface AggregationShape {
  /** User records per Kinesis record. */
  readonly userRecordsPerKinesisRecord: number;
  /** Bytes each user record adds to the Kinesis record (data, key-table entry, framing). */
  readonly bytesPerUserRecord: number;
  /** Bytes per Kinesis record on top: magic, MD5 and the partition key "a" (kinesis-facts.md §8). */
  readonly bytesPerKinesisRecord: number;
}

/**
 * The aggregation a stream of user records of `dataBytes` and distinct partition keys of
 * `keyBytes` gets: as many per Kinesis record as fit in `maxSizeBytes` (and `maxCount`),
 * sized exactly with the aggregation format (kinesis-facts.md §8). Without aggregation each
 * user record is its own Kinesis record.
 */
export function aggregationShape(
  dataBytes: number,
  keyBytes: number,
  maxSizeBytes: number,
  maxCount: number,
  aggregation: boolean,
): AggregationShape {
  const record = (index: number): UserRecordSize => ({
    // Distinct keys of the mean length: every user record brings its key-table entry.
    partitionKey: `${String(index).padStart(Math.max(1, Math.round(keyBytes)), "k")}`,
    dataBytes: Math.max(0, Math.round(dataBytes)),
  });
  const single = {
    userRecordsPerKinesisRecord: 1,
    bytesPerUserRecord: dataBytes + keyBytes,
    bytesPerKinesisRecord: 0,
  };
  if (!aggregation || maxCount < 2) return single;
  // The container's size grows with every record: binary-search the most that fit (exact).
  const sizeOf = (count: number) =>
    aggregatedRecordSize(Array.from({ length: count }, (_, i) => record(i)));
  let low = 1;
  let high = Math.min(maxCount, Math.max(2, maxSizeBytes));
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (sizeOf(middle) <= maxSizeBytes) low = middle;
    else high = middle - 1;
  }
  // A container with one user record is sent raw, without the aggregation format.
  if (low < 2) return single;
  const records = Array.from({ length: low }, (_, i) => record(i));
  const size = aggregatedRecordSize(records);
  const fixed = 20 + 1; // magic + MD5, and the one-byte partition key "a"
  return {
    userRecordsPerKinesisRecord: records.length,
    bytesPerUserRecord: (size - 20) / records.length,
    bytesPerKinesisRecord: fixed,
  };
}
