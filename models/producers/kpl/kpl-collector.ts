import type { EventHandle, Simulation } from "../../../src/engine/simulation.js";
import type { KinesisRecordItem } from "./kpl-aggregator.js";
import { KPL_SHARD_FLUSH_BYTES } from "./kpl-settings.js";

/** Limits of one PutRecords request and how long a Kinesis record may wait for others. */
export interface CollectorLimits {
  readonly maxCount: number;
  readonly maxSizeBytes: number;
  /**
   * The least time a Kinesis record waits for others once it reaches the collector
   * (µs): min(RecordMaxBufferedTime × 20 %, 50 ms) when aggregating, else 0.
   */
  readonly lingerUs: number;
}

/**
 * The extra time the KPL (0.14.0 and later) gives a Kinesis record in the collector when it
 * aggregates, so that records whose deadline has passed still share PutRecords requests:
 * the lower of 20 % of RecordMaxBufferedTime and 50 ms (kinesis-facts.md §8; KPL
 * `aws/kinesis/core/pipeline.h` `putrecords_buffer_duration`, PR #280). Without aggregation
 * it is 0.
 */
export function collectorLingerUs(recordMaxBufferedTimeUs: number, aggregation: boolean): number {
  if (!aggregation) return 0;
  return Math.min(Math.floor(recordMaxBufferedTimeUs * 0.2), 50_000);
}

/**
 * Record mode: the KPL's collector, exactly (kinesis-facts.md §8; KPL
 * `aws/kinesis/core/collector.h`, `reducer.h`). One for the whole producer: Kinesis records
 * of every shard wait in it for the earliest deadline among them (each extended to at least
 * `lingerUs` from its arrival), and the collector sends them all as one PutRecords request
 * then, or at once when a record brings it to CollectionMaxCount or CollectionMaxSize, or
 * brings one shard's buffered data to 256 KiB. A request takes the records in deadline order
 * and keeps back the last ones until the rest fit.
 */
export class KplCollector {
  private items: KinesisRecordItem[] = [];
  private bytes = 0;
  private readonly bufferedByShard = new Map<number, number>();
  private timer: EventHandle | undefined;
  private timerAtUs = Number.POSITIVE_INFINITY;
  /** User records held in the collector. */
  held = 0;

  constructor(
    private readonly simulation: Simulation,
    private readonly limits: CollectorLimits,
    private readonly send: (items: KinesisRecordItem[]) => void,
  ) {}

  put(item: KinesisRecordItem): void {
    const nowUs = this.simulation.nowUs;
    item.deadlineUs = Math.max(item.deadlineUs, nowUs + this.limits.lingerUs);
    this.items.push(item);
    this.bytes += item.segment.bytes;
    this.held += item.segment.count;
    const shard = item.segment.shard;
    const buffered = (this.bufferedByShard.get(shard) ?? 0) + item.blobBytes;
    this.bufferedByShard.set(shard, buffered);
    if (
      this.items.length >= this.limits.maxCount ||
      this.bytes >= this.limits.maxSizeBytes ||
      buffered >= KPL_SHARD_FLUSH_BYTES
    ) {
      this.flush();
    } else if (item.deadlineUs < this.timerAtUs) {
      this.arm(item.deadlineUs);
    }
  }

  private flush(): void {
    this.disarm();
    const sorted = [...this.items].sort((a, b) => a.deadlineUs - b.deadlineUs);
    const request: KinesisRecordItem[] = [];
    let requestBytes = 0;
    let index = 0;
    for (; index < sorted.length; index++) {
      const item = sorted[index] as KinesisRecordItem;
      const fits =
        request.length < this.limits.maxCount &&
        requestBytes + item.segment.bytes <= this.limits.maxSizeBytes;
      if (!fits && request.length > 0) break;
      request.push(item);
      requestBytes += item.segment.bytes;
    }
    this.items = sorted.slice(index);
    this.bytes -= requestBytes;
    for (const item of request) {
      this.held -= item.segment.count;
      const shard = item.segment.shard;
      this.bufferedByShard.set(shard, (this.bufferedByShard.get(shard) ?? 0) - item.blobBytes);
    }
    let earliestUs = Number.POSITIVE_INFINITY;
    for (const item of this.items) earliestUs = Math.min(earliestUs, item.deadlineUs);
    if (earliestUs < Number.POSITIVE_INFINITY) this.arm(earliestUs);
    this.send(request);
  }

  private arm(atUs: number): void {
    this.disarm();
    this.timerAtUs = atUs;
    this.timer = this.simulation.scheduleAt(atUs, () => {
      this.timer = undefined;
      this.timerAtUs = Number.POSITIVE_INFINITY;
      this.flush();
    });
  }

  private disarm(): void {
    if (this.timer !== undefined) this.simulation.cancel(this.timer);
    this.timer = undefined;
    this.timerAtUs = Number.POSITIVE_INFINITY;
  }
}
