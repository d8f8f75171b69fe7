import { uniform } from "../../src/engine/distributions/uniform.js";
import type { Random, RandomStreams } from "../../src/engine/random-streams.js";
import type { EventHandle, Simulation } from "../../src/engine/simulation.js";
import { LatencyHistogram } from "../../src/stats/latency-histogram.js";
import { TimeSeries } from "../../src/stats/time-series.js";
import type { LimitsProfile } from "../limits/profile.js";
import type { Shard, ShardCursor } from "../shards/shard.js";
import type { LogSlice } from "../shards/shard-log.js";
import type { KinesisStream } from "../stream/kinesis-stream.js";
import { ConsumerStats, type PollingConsumerSettings } from "./consumer-settings.js";
import { KeyOrderCheck } from "./key-order-check.js";

export interface ConsumerContext {
  readonly simulation: Simulation;
  readonly random: RandomStreams;
  readonly stream: KinesisStream;
  readonly profile: LimitsProfile;
  readonly metricsResolutionUs: number;
  readonly durationUs: number;
  /** Record-level runs check per-key delivery order. */
  readonly checkKeyOrder: boolean;
}

/**
 * An application's reader of one shard: `waiting` for its parent shards to be read to their
 * ends, `reading`, or `finished` (a closed shard read to its end).
 */
interface ShardReader {
  readonly shard: Shard;
  readonly cursor: ShardCursor;
  poll: EventHandle | undefined;
  state: "waiting" | "reading" | "finished";
}

/**
 * A shared-throughput consumer application (GetRecords polling, fact sheet §2). It reads
 * every shard on its own poll loop: GetRecords up to `maxRecords` records or 10 MB, through
 * the shard's egress limiter shared with every other polling application; a throttled call
 * backs off; a busy application polls again only when it has processed the last batch.
 *
 * After a reshard it reads each parent to its end before its children, as the KCL does
 * (fact sheet §5: "Read the parent to exhaustion before the children"): a child's reader
 * waits until every parent's reader has finished, then starts at the child's first record.
 */
export class PollingApplication {
  readonly stats = new ConsumerStats();
  readonly latency = new LatencyHistogram();
  /** Largest MillisBehindLatest seen in each metrics interval. */
  readonly millisBehindLatest: TimeSeries;
  private readonly readers: ShardReader[] = [];
  private readonly readerByShard = new Map<Shard, ShardReader>();
  private readonly startRandom: Random;
  private readonly backoffRandom: Random;
  private running = false;
  private readonly keyOrder: KeyOrderCheck | undefined;

  constructor(
    private readonly context: ConsumerContext,
    readonly settings: PollingConsumerSettings,
  ) {
    this.startRandom = context.random.stream(`consumer:${settings.name}:start`);
    this.backoffRandom = context.random.stream(`consumer:${settings.name}:backoff`);
    this.millisBehindLatest = new TimeSeries(context.metricsResolutionUs, context.durationUs);
    this.keyOrder = context.checkKeyOrder
      ? new KeyOrderCheck((shard, ancestor) =>
          context.stream.descendsFrom(
            context.stream.shards[shard] as Shard,
            context.stream.shards[ancestor] as Shard,
          ),
        )
      : undefined;
  }

  /** Starts reading every open shard at its starting position. */
  start(): void {
    for (const shard of this.context.stream.openShards) {
      const log = shard.log;
      const seq = this.settings.startAt === "TRIM_HORIZON" ? log.trimSeq : log.nextSeq;
      this.stats.skipped += seq - log.trimSeq;
      this.addReader(shard, seq, "reading");
    }
    this.context.stream.onShardOpened((shard) => this.addReader(shard, 0, "waiting"));
    this.resume();
  }

  private addReader(shard: Shard, seq: number, state: ShardReader["state"]): void {
    const cursor: ShardCursor = { seq, expiredUnread: 0 };
    shard.addCursor(cursor);
    const reader: ShardReader = { shard, cursor, poll: undefined, state };
    this.readers.push(reader);
    this.readerByShard.set(shard, reader);
    if (state === "waiting") this.scheduleParentCheck(reader);
  }

  /**
   * A waiting reader looks every `parentPollInterval` (the KCL's
   * parentShardPollIntervalMillis, 10 s, fact sheet §9) for its parents to be finished, then
   * starts reading. That wait is part of the lag spike a reshard causes.
   */
  private scheduleParentCheck(reader: ShardReader): void {
    this.context.simulation.schedule(this.settings.parentPollIntervalUs, () => {
      const stream = this.context.stream;
      const ready = reader.shard.parentShardIds.every((parentId) => {
        const parent = stream.findShard(parentId);
        const parentReader = parent === undefined ? undefined : this.readerByShard.get(parent);
        return parentReader === undefined || parentReader.state === "finished";
      });
      if (!ready) {
        this.scheduleParentCheck(reader);
        return;
      }
      reader.state = "reading";
      if (this.running) reader.poll = this.context.simulation.schedule(0, () => this.poll(reader));
    });
  }

  /** Stops polling (a crashed or paused application); cursors are kept. */
  pause(): void {
    this.running = false;
    for (const reader of this.readers) {
      if (reader.poll !== undefined) this.context.simulation.cancel(reader.poll);
      reader.poll = undefined;
    }
  }

  /** Resumes polling from the cursors, each shard's first poll staggered over an interval. */
  resume(): void {
    if (this.running) return;
    this.running = true;
    for (const reader of this.readers) {
      if (reader.state !== "reading") continue;
      const offsetUs = uniform(this.startRandom, 0, this.settings.pollIntervalUs);
      reader.poll = this.context.simulation.schedule(offsetUs, () => this.poll(reader));
    }
  }

  /** Starts latency and lag statistics afresh (end of a warm-up); counts are kept. */
  resetStatistics(): void {
    this.latency.reset();
    this.stats.maxMillisBehindLatest = 0;
  }

  /** Records accepted but not yet read (nor expired) by this application. */
  get unread(): number {
    let unread = 0;
    for (const { shard, cursor } of this.readers) unread += shard.log.nextSeq - cursor.seq;
    return unread;
  }

  get expiredUnread(): number {
    let expired = 0;
    for (const { cursor } of this.readers) expired += cursor.expiredUnread;
    return expired;
  }

  private poll(reader: ShardReader): void {
    const { simulation, profile } = this.context;
    const nowUs = simulation.nowUs;
    const { shard, cursor } = reader;
    reader.poll = undefined;
    shard.trim(nowUs);
    if (!shard.egress.tryCall(nowUs)) {
      this.stats.readThrottled++;
      shard.metrics.readThrottled++;
      // Jittered (×0.5–1.5), as clients back off, so that applications refused by the same
      // shard do not come back in lock-step and lose to the same caller every time.
      const backoffUs = this.settings.readBackoffUs * (0.5 + this.backoffRandom());
      reader.poll = simulation.schedule(backoffUs, () => this.poll(reader));
      return;
    }
    this.stats.getRecordsCalls++;
    let records = 0;
    let bytes = 0;
    const visit = (slice: LogSlice) => {
      records += slice.count;
      bytes += slice.bytes;
      // Latency: creation by the producer → receipt in this GetRecords response.
      this.latency.recordSpread(
        nowUs - slice.lastCreatedUs,
        nowUs - slice.firstCreatedUs,
        slice.count,
      );
      if (this.keyOrder !== undefined && slice.keyIndex !== undefined) {
        this.keyOrder.deliver(slice.producer, slice.keyIndex, shard.index, slice.firstSeq);
      }
    };
    const visibleUpToUs = nowUs - profile.getRecordsVisibilityDelayUs;
    cursor.seq = shard.log.read(
      cursor.seq,
      this.settings.maxRecords,
      profile.getRecordsMaxBytes,
      visibleUpToUs,
      visit,
    );
    shard.egress.charge(nowUs, bytes);
    shard.metrics.recordOutgoing(nowUs, records, bytes);
    this.stats.delivered += records;
    this.stats.bytesDelivered += bytes;
    // MillisBehindLatest: age of the oldest record not yet returned; 0 when caught up.
    const behindMs =
      cursor.seq < shard.log.nextSeq ? (nowUs - shard.log.acceptedAtUs(cursor.seq)) / 1000 : 0;
    this.millisBehindLatest.max(nowUs, behindMs);
    if (behindMs > this.stats.maxMillisBehindLatest) this.stats.maxMillisBehindLatest = behindMs;
    if (shard.status === "CLOSED" && cursor.seq === shard.log.nextSeq) {
      // The last records of a closed shard: GetRecords returns no next iterator, only its
      // children, which this application reads next.
      this.finish(reader);
      return;
    }
    const busyUs = records * this.settings.processingTimeUs;
    reader.poll = simulation.schedule(Math.max(this.settings.pollIntervalUs, busyUs), () =>
      this.poll(reader),
    );
  }

  private finish(reader: ShardReader): void {
    reader.state = "finished";
  }
}
