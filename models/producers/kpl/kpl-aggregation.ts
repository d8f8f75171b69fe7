import {
  AGGREGATE_PARTITION_KEY,
  AGGREGATION_FIXED_OVERHEAD,
} from "../../kpl/aggregation-format.js";
import { varintSize } from "../../kpl/varint-size.js";

/** A protobuf tag for field numbers 1–15 is one byte (field number << 3 | wire type). */
const TAG_BYTES = 1;

/**
 * How the KPL frames user records of a given (mean) size in an aggregated Kinesis record,
 * assuming every user record brings a partition key not yet in the record's key table
 * (distinct keys: true for high-cardinality keys, an upper bound of the framing otherwise).
 */
export interface AggregationFraming {
  /** Data bytes per user record (rounded mean). */
  readonly dataBytes: number;
  /** Partition-key bytes per user record (rounded mean, at least 1). */
  readonly keyBytes: number;
  /** The most user records one Kinesis record holds (AggregationMaxSize, AggregationMaxCount); 1 when they are sent raw. */
  readonly capacity: number;
}

/**
 * Bytes the aggregation adds to `count` user records of `dataBytes` and distinct keys of
 * `keyBytes` in one Kinesis record, counted as the shard counts them (data blob + partition
 * key, kinesis-facts.md §1, §8): 0 for a single record, which the KPL sends raw with its own
 * key; otherwise magic + MD5 (20), the partition key "a" (1), and per user record its
 * `Record` framing (tag, length, key-index field, data tag and length) and its key-table
 * framing (tag, length). The key index's varint grows at 128 and 16,384 records, so the sum
 * runs over those bands: O(1), exact (it equals `kinesisRecordBytes` of such records minus
 * their data and keys).
 */
export function aggregateOverheadBytes(count: number, dataBytes: number, keyBytes: number): number {
  if (count < 2) return 0;
  const dataField = TAG_BYTES + varintSize(dataBytes) + dataBytes;
  const keyTableFraming = TAG_BYTES + varintSize(keyBytes);
  let framing = AGGREGATION_FIXED_OVERHEAD + AGGREGATE_PARTITION_KEY.length;
  let bandStart = 0;
  for (let indexBytes = 1; bandStart < count; indexBytes++) {
    const bandEnd = Math.min(count, 128 ** indexBytes);
    const body = TAG_BYTES + indexBytes + dataField;
    const perRecord = TAG_BYTES + varintSize(body) + body - dataBytes + keyTableFraming;
    framing += (bandEnd - bandStart) * perRecord;
    bandStart = bandEnd;
  }
  return framing;
}

/**
 * The size the KPL compares with AggregationMaxSize for `count` such records: the data blob
 * (`accurate_size()`), i.e. the aggregate without its 1-byte partition key, or the raw data
 * of a single record.
 */
export function aggregateDataBlobBytes(count: number, dataBytes: number, keyBytes: number): number {
  if (count < 2) return dataBytes;
  return (
    aggregateOverheadBytes(count, dataBytes, keyBytes) -
    AGGREGATE_PARTITION_KEY.length +
    count * (dataBytes + keyBytes)
  );
}

/**
 * The framing of user records of mean `dataBytes` with distinct keys of mean `keyBytes`: how
 * many fit in one Kinesis record (the largest count whose exact data blob is at most
 * `maxSizeBytes`, and at most `maxCount`; kinesis-facts.md §8). Without aggregation, or when
 * not even two fit, every user record is its own Kinesis record, sent raw.
 */
export function aggregationFraming(
  dataBytes: number,
  keyBytes: number,
  maxSizeBytes: number,
  maxCount: number,
  aggregation: boolean,
): AggregationFraming {
  const data = Math.max(0, Math.round(dataBytes));
  const key = Math.max(1, Math.round(keyBytes));
  if (!aggregation || maxCount < 2) return { dataBytes: data, keyBytes: key, capacity: 1 };
  // The blob grows with every record: binary-search the most that fit.
  let low = 1;
  let high = Math.max(1, Math.min(maxCount, maxSizeBytes));
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (aggregateDataBlobBytes(middle, data, key) <= maxSizeBytes) low = middle;
    else high = middle - 1;
  }
  return { dataBytes: data, keyBytes: key, capacity: low };
}
