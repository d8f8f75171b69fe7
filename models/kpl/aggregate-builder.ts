import { AGGREGATE_PARTITION_KEY, AGGREGATION_FIXED_OVERHEAD } from "./aggregation-format.js";
import { varintSize } from "./varint-size.js";

/** One user record as the aggregate builder sees it: key identities and byte lengths. */
export interface BuilderRecord {
  /** Identifies the partition key: records with the same id share one key-table entry. */
  readonly keyId: number | string;
  /** UTF-8 bytes of the partition key. */
  readonly keyBytes: number;
  readonly dataBytes: number;
  /** The ExplicitHashKey's identity and decimal length, when the record has one. */
  readonly hashKeyId?: string | undefined;
  readonly hashKeyBytes?: number | undefined;
}

/** A protobuf tag for field numbers 1–15 is one byte. */
const TAG_BYTES = 1;

/** A length-delimited field holding `payloadBytes`. */
function lengthDelimited(payloadBytes: number): number {
  return TAG_BYTES + varintSize(payloadBytes) + payloadBytes;
}

/** A key table (partition keys or explicit hash keys): distinct keys in first-appearance order. */
class KeyTable {
  private readonly entries = new Map<number | string, { index: number; uses: number }>();
  /** Bytes of the table's fields in the protobuf. */
  bytes = 0;
  /** The KPL's estimate of them: key length + 3 per distinct key. */
  estimatedBytes = 0;

  /** The key's index, adding it when new. */
  add(id: number | string, keyBytes: number): number {
    const known = this.entries.get(id);
    if (known !== undefined) {
      known.uses++;
      return known.index;
    }
    const index = this.entries.size;
    this.entries.set(id, { index, uses: 1 });
    this.bytes += lengthDelimited(keyBytes);
    this.estimatedBytes += keyBytes + 3;
    return index;
  }

  /**
   * Forgets one use of the key of the LAST record. A key used only by that record first
   * appeared in it, so it is the table's last entry: no other index moves.
   */
  removeLastUse(id: number | string, keyBytes: number): void {
    const known = this.entries.get(id);
    if (known === undefined) throw new Error("invariant violated: removing an unknown key");
    if (--known.uses > 0) return;
    this.entries.delete(id);
    this.bytes -= lengthDelimited(keyBytes);
    this.estimatedBytes -= keyBytes + 3;
  }
}

/**
 * One Kinesis record being filled with user records, its size kept up to date as records are
 * added and the last one removed, without encoding (kinesis-facts.md §8; KPL
 * `kinesis_record.cc`): `accurateBytes` is what `aggregatedRecordSize` gives for the same
 * records (the data blob the KPL compares with AggregationMaxSize), `estimatedBytes` the KPL's
 * running estimate (`estimated_size()`: data + 3 and 2 for the key index per record, key
 * length + 3 per distinct key, the same again for explicit hash keys), which is what makes it
 * flush. Both are a single record's raw data length while the record holds one.
 */
export class AggregateBuilder {
  private readonly records: { record: BuilderRecord; bytes: number; estimated: number }[] = [];
  private readonly partitionKeys = new KeyTable();
  private readonly hashKeys = new KeyTable();
  private recordsBytes = 0;
  private recordsEstimated = 0;

  get count(): number {
    return this.records.length;
  }

  /** The data blob's exact size (raw data for one record). */
  get accurateBytes(): number {
    const [first] = this.records;
    if (first === undefined) return 0;
    if (this.records.length === 1) return first.record.dataBytes;
    return (
      AGGREGATION_FIXED_OVERHEAD +
      this.partitionKeys.bytes +
      this.hashKeys.bytes +
      this.recordsBytes
    );
  }

  /** The KPL's estimate of the data blob (raw data for one record). */
  get estimatedBytes(): number {
    const [first] = this.records;
    if (first === undefined) return 0;
    if (this.records.length === 1) return first.record.dataBytes;
    return this.partitionKeys.estimatedBytes + this.hashKeys.estimatedBytes + this.recordsEstimated;
  }

  /**
   * What the Kinesis record counts against the shard: data blob + partition key (the user
   * record's own when sent raw, "a" for an aggregate; kinesis-facts.md §1, §8).
   */
  get kinesisRecordBytes(): number {
    const [first] = this.records;
    if (first === undefined) return 0;
    if (this.records.length === 1) return first.record.dataBytes + first.record.keyBytes;
    return this.accurateBytes + AGGREGATE_PARTITION_KEY.length;
  }

  add(record: BuilderRecord): void {
    const keyIndex = this.partitionKeys.add(record.keyId, record.keyBytes);
    let body = TAG_BYTES + varintSize(keyIndex) + lengthDelimited(record.dataBytes);
    let estimated = record.dataBytes + 3 + 2;
    if (record.hashKeyId !== undefined) {
      const hashIndex = this.hashKeys.add(record.hashKeyId, record.hashKeyBytes ?? 0);
      body += TAG_BYTES + varintSize(hashIndex);
      estimated += 2;
    }
    const bytes = lengthDelimited(body);
    this.records.push({ record, bytes, estimated });
    this.recordsBytes += bytes;
    this.recordsEstimated += estimated;
  }

  /** Removes and returns the last record added. */
  removeLast(): BuilderRecord {
    const last = this.records.pop();
    if (last === undefined) throw new Error("invariant violated: removing from an empty aggregate");
    const { record, bytes, estimated } = last;
    this.recordsBytes -= bytes;
    this.recordsEstimated -= estimated;
    this.partitionKeys.removeLastUse(record.keyId, record.keyBytes);
    if (record.hashKeyId !== undefined) {
      this.hashKeys.removeLastUse(record.hashKeyId, record.hashKeyBytes ?? 0);
    }
    return record;
  }
}
