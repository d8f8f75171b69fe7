import type { EventHandle, Simulation } from "../../../src/engine/simulation.js";
import { AggregateBuilder, type BuilderRecord } from "../../kpl/aggregate-builder.js";
import { type Segment, spanOfEvenlySpaced } from "../../shards/segment.js";

/** Record mode: one user record handed to the KPL. */
export interface KplUserRecord extends BuilderRecord {
  readonly keyIndex: number;
  readonly createdUs: number;
  /** arrival + RecordMaxBufferedTime (KPL `kinesis_producer.cc` `on_put_record`). */
  readonly deadlineUs: number;
  /** The predicted shard (index), from the shard map when the record arrived. */
  readonly shard: number;
}

/** A Kinesis record the aggregator has closed: a segment of its user records, and its timing. */
export interface KinesisRecordItem {
  /** count = user records; bytes = the Kinesis record's (data blob + partition key). */
  readonly segment: Segment;
  /** The earliest deadline of its user records (the collector may extend it). */
  deadlineUs: number;
  /** Σ creation times of its user records (for the mean buffering time). */
  readonly sumCreatedUs: number;
  /** Its data blob (`accurate_size()`), what the collector's 256 KiB per-shard check adds. */
  readonly blobBytes: number;
}

/** One predicted shard's open Kinesis record and its flush timer. */
class ShardReducer {
  builder = new AggregateBuilder();
  records: KplUserRecord[] = [];
  timer: EventHandle | undefined;
  timerAtUs = Number.POSITIVE_INFINITY;
  /** The earliest deadline among `records`. */
  deadlineUs = Number.POSITIVE_INFINITY;
}

/**
 * Record mode: the KPL's aggregator, exactly (kinesis-facts.md §8; KPL
 * `aws/kinesis/core/aggregator.h`, `reducer.h`). User records are grouped per predicted shard;
 * a shard's open Kinesis record is flushed when the earliest deadline in it arrives, or at
 * once when a record brings it to AggregationMaxCount or its estimated size to
 * AggregationMaxSize. A flush orders the records by deadline and keeps back, for the next
 * Kinesis record, the last ones until the rest fit exactly (count and accurate size); what it
 * keeps back sets the next timer. A Kinesis record of one user record is sent raw.
 */
export class KplAggregator {
  private readonly reducers = new Map<number, ShardReducer>();
  /** User records held in open Kinesis records. */
  held = 0;

  constructor(
    private readonly simulation: Simulation,
    private readonly producer: number,
    private readonly maxCount: number,
    private readonly maxSizeBytes: number,
    private readonly emit: (item: KinesisRecordItem) => void,
  ) {}

  put(record: KplUserRecord): void {
    let reducer = this.reducers.get(record.shard);
    if (reducer === undefined) {
      reducer = new ShardReducer();
      this.reducers.set(record.shard, reducer);
    }
    reducer.builder.add(record);
    reducer.records.push(record);
    reducer.deadlineUs = Math.min(reducer.deadlineUs, record.deadlineUs);
    this.held++;
    if (
      reducer.builder.count >= this.maxCount ||
      reducer.builder.estimatedBytes >= this.maxSizeBytes
    ) {
      this.flush(reducer);
    } else {
      this.setDeadline(reducer);
    }
  }

  private flush(reducer: ShardReducer): void {
    if (reducer.timer !== undefined) this.simulation.cancel(reducer.timer);
    reducer.timer = undefined;
    reducer.timerAtUs = Number.POSITIVE_INFINITY;
    let records = reducer.records;
    let builder = reducer.builder;
    if (!isSortedByDeadline(records)) {
      // Records kept back by the last flush were put back latest first: order by deadline.
      records = [...records].sort((a, b) => a.deadlineUs - b.deadlineUs);
      builder = new AggregateBuilder();
      for (const record of records) builder.add(record);
    }
    const kept: KplUserRecord[] = [];
    while (
      (builder.count > this.maxCount || builder.accurateBytes > this.maxSizeBytes) &&
      builder.count > 1
    ) {
      builder.removeLast();
      kept.push(records.pop() as KplUserRecord);
    }
    const item = kinesisRecordOf(records, builder, this.producer);
    reducer.builder = new AggregateBuilder();
    reducer.records = [];
    reducer.deadlineUs = Number.POSITIVE_INFINITY;
    for (const record of kept) {
      reducer.builder.add(record);
      reducer.records.push(record);
      reducer.deadlineUs = Math.min(reducer.deadlineUs, record.deadlineUs);
    }
    this.held -= records.length;
    this.setDeadline(reducer);
    this.emit(item);
  }

  /** Arms the shard's timer for the earliest deadline of its open Kinesis record. */
  private setDeadline(reducer: ShardReducer): void {
    if (reducer.records.length === 0) return;
    const deadlineUs = reducer.deadlineUs;
    if (reducer.timer !== undefined && deadlineUs >= reducer.timerAtUs) return;
    if (reducer.timer !== undefined) this.simulation.cancel(reducer.timer);
    reducer.timerAtUs = deadlineUs;
    reducer.timer = this.simulation.scheduleAt(deadlineUs, () => {
      reducer.timer = undefined;
      reducer.timerAtUs = Number.POSITIVE_INFINITY;
      this.flush(reducer);
    });
  }
}

function isSortedByDeadline(records: readonly KplUserRecord[]): boolean {
  for (let i = 1; i < records.length; i++) {
    if ((records[i] as KplUserRecord).deadlineUs < (records[i - 1] as KplUserRecord).deadlineUs) {
      return false;
    }
  }
  return true;
}

function kinesisRecordOf(
  records: readonly KplUserRecord[],
  builder: AggregateBuilder,
  producer: number,
): KinesisRecordItem {
  const first = records[0] as KplUserRecord;
  let firstCreatedUs = first.createdUs;
  let lastCreatedUs = first.createdUs;
  let sumCreatedUs = 0;
  let deadlineUs = Number.POSITIVE_INFINITY;
  for (const record of records) {
    firstCreatedUs = Math.min(firstCreatedUs, record.createdUs);
    lastCreatedUs = Math.max(lastCreatedUs, record.createdUs);
    sumCreatedUs += record.createdUs;
    deadlineUs = Math.min(deadlineUs, record.deadlineUs);
  }
  const count = records.length;
  // The aggregate's records were created at known times; spread evenly between the first and
  // the last, they are the creation times of this span.
  const span = spanOfEvenlySpaced(firstCreatedUs, lastCreatedUs, count);
  const segment: Segment =
    count === 1
      ? {
          count,
          bytes: builder.kinesisRecordBytes,
          firstCreatedUs,
          lastCreatedUs,
          producer,
          shard: first.shard,
          keyIndex: first.keyIndex,
        }
      : {
          count,
          bytes: builder.kinesisRecordBytes,
          ...span,
          producer,
          shard: first.shard,
          recordWeight: 1 / count,
        };
  return { segment, deadlineUs, sumCreatedUs, blobBytes: builder.accurateBytes };
}
