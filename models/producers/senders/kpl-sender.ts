import { US_PER_SECOND } from "../../../src/engine/time-units.js";
import type { Segment } from "../../shards/segment.js";
import type { KeySpace } from "../../workload/keys/key-space.js";
import type { RateSource } from "../../workload/rate-source.js";
import type { KplClient } from "../kpl/kpl-client.js";
import { KplRecordPipeline } from "../kpl/kpl-record-pipeline.js";
import { KplSegmentTicks } from "../kpl/kpl-segment-tick.js";
import { sendKpl } from "../kpl/kpl-send.js";
import { KPL_SHARD_FLUSH_BYTES } from "../kpl/kpl-settings.js";
import type { ShardSplitter } from "../shard-splitter.js";
import type { ProducerSender } from "./producer-sender.js";
import type { RetryHold } from "./retry-hold.js";
import type { SendPath } from "./send-path.js";

/** What the KPL sender needs to know of the records its producer makes. */
export interface KplWorkload {
  readonly rate: RateSource;
  readonly keys: KeySpace;
  /** Mean bytes per record counted against limits now: data blob plus partition key. */
  meanRecordBytes(): number;
  /** How the producer's keys fall on the open shards now. */
  splitter(): ShardSplitter;
}

/**
 * The Kinesis Producer Library: aggregation, the collector, the client-side limiter and
 * RecordTtl (kpl/kpl-send.ts). Segment mode sends a tick as the KPL's flush rule would
 * (kpl/kpl-segment-tick.ts); record mode runs each record through the KPL's aggregator and
 * collector (kpl/kpl-record-pipeline.ts).
 */
export class KplSender implements ProducerSender {
  private readonly ticks: KplSegmentTicks | undefined;
  private readonly records: KplRecordPipeline | undefined;

  constructor(
    private readonly path: SendPath,
    private readonly hold: RetryHold,
    readonly kpl: KplClient,
    private readonly workload: KplWorkload,
    producer: number,
  ) {
    const context = path.context;
    this.ticks = context.granularity === "segment" ? new KplSegmentTicks(kpl) : undefined;
    this.records =
      context.granularity === "record"
        ? new KplRecordPipeline(context.simulation, kpl, producer, (kinesisRecords) =>
            sendKpl(path, kpl, kinesisRecords, 0),
          )
        : undefined;
  }

  /**
   * The KPL sends what it buffered every RecordMaxBufferedTime, or sooner when one shard's
   * buffer reaches 256 KiB (kinesis-facts.md §8); never sooner than `resolution`.
   */
  tickUs(): number {
    const bufferedUs = this.kpl.settings.recordMaxBufferedTimeUs;
    return Math.max(this.path.context.resolutionUs, Math.min(bufferedUs, this.shardFillUs()));
  }

  /**
   * How long the busiest shard's KPL buffer takes to reach the early-flush size at the
   * current rate (infinite at a zero rate).
   */
  private shardFillUs(): number {
    const workload = this.workload;
    const ratePerSecond = workload.rate.rateAt(this.path.context.simulation.nowUs);
    const bytesPerSecond =
      ratePerSecond * workload.meanRecordBytes() * workload.splitter().busiestShare;
    if (!(bytesPerSecond > 0)) return Number.POSITIVE_INFINITY;
    return Math.round((KPL_SHARD_FLUSH_BYTES / bytesPerSecond) * US_PER_SECOND);
  }

  /**
   * The tick's records go as the Kinesis records the KPL's flush rule makes of them, when and
   * in as many requests as it says.
   */
  sendTick(segments: Segment[], fromUs: number, toUs: number): void {
    const { context } = this.path;
    const kpl = this.kpl;
    const router = context.stream.router;
    const spanUs = Math.max(1, toUs - fromUs);
    const ratePerSecond = (this.workload.rate.expectedCount(fromUs, toUs) * US_PER_SECOND) / spanUs;
    const { kinesisRecords, timing } = this.segmentTicks().plan(
      segments,
      ratePerSecond,
      spanUs,
      router.shards,
      this.workload.splitter().probabilities,
    );
    const send = () => {
      const sentUs = context.simulation.nowUs;
      for (const segment of kinesisRecords) {
        kpl.stats.bufferingUs +=
          segment.count * (sentUs - (segment.firstCreatedUs + segment.lastCreatedUs) / 2);
        kpl.stats.bufferedRecords += segment.count;
      }
      sendKpl(this.path, kpl, kinesisRecords, 0, timing?.calls);
    };
    if (timing === undefined || timing.sendDelayUs <= 0) {
      send();
      return;
    }
    // Held by the KPL until then (counted as held by the producer).
    const held = segments.reduce((sum, segment) => sum + segment.count, 0);
    this.hold.holdFor(held, timing.sendDelayUs, send);
  }

  /** The record goes into the KPL's aggregator, bound for the shard it was routed to. */
  sendRecord(record: Segment, keyIndex: number): void {
    const keys = this.workload.keys;
    const hashKey = keys.hashKeyOf?.(keyIndex)?.toString();
    const keyBytes = keys.keyBytes(keyIndex);
    this.recordPipeline().put({
      keyIndex,
      keyId: keyIndex,
      keyBytes,
      dataBytes: record.bytes - keyBytes,
      hashKeyId: hashKey,
      hashKeyBytes: hashKey?.length,
      createdUs: record.firstCreatedUs,
      shard: record.shard,
    });
  }

  /** Records in the aggregator and collector (record mode) and in the limiter's queues. */
  get buffered(): number {
    return (this.records?.held ?? 0) + this.kpl.waiting.records;
  }

  private segmentTicks(): KplSegmentTicks {
    if (this.ticks === undefined) throw new Error("KPL sender: a tick in a record-mode run");
    return this.ticks;
  }

  private recordPipeline(): KplRecordPipeline {
    if (this.records === undefined) throw new Error("KPL sender: a record in a segment-mode run");
    return this.records;
  }
}
