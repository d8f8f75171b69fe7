import type { Random } from "../../src/engine/random-streams.js";
import type { ShardRouter } from "../hashing/shard-router.js";
import type { Segment } from "../shards/segment.js";
import type { Shard } from "../shards/shard.js";
import { KeyObserver } from "../skew/key-observer.js";
import { createRateSource } from "../workload/create-rate-source.js";
import { KeyRouteCache } from "../workload/key-route-cache.js";
import { createKeySpace } from "../workload/keys/create-key-space.js";
import type { KeySpace } from "../workload/keys/key-space.js";
import type { Spike } from "../workload/rate-modulation.js";
import type { RateSource } from "../workload/rate-source.js";
import { createRecordSizeModel, type RecordSizeModel } from "../workload/record-size.js";
import { KplClient } from "./kpl/kpl-client.js";
import { type ProducerContext, producerRandom } from "./producer-context.js";
import { type ProducerSettings, ProducerStats } from "./producer-settings.js";
import { routeToOpenShards } from "./reroute.js";
import { KplSender } from "./senders/kpl-sender.js";
import type { ProducerSender } from "./senders/producer-sender.js";
import { RetryHold } from "./senders/retry-hold.js";
import { SdkSender } from "./senders/sdk-sender.js";
import type { SendPath } from "./senders/send-path.js";
import { createProducerSource } from "./sources/create-source.js";
import type { ProducerSource } from "./sources/producer-source.js";
import { WindowedTicks, windowsPay } from "./windowed-ticks.js";

/**
 * A producer using the plain AWS SDK: PutRecord per record, or PutRecords batches, with
 * exponential-backoff retries of throttled records; records still throttled after the last
 * retry are dropped (kinesis-facts.md §1: PutRecords fails records individually).
 *
 * Two granularities share the send path:
 * - `segment`: every tick, each open shard gets one segment holding the records the
 *   producer created for it during the tick (Poisson splitting, design.md §5).
 * - `record`: one event per record, a drawn and hashed partition key, exact batching.
 */
export class SdkProducer {
  readonly stats = new ProducerStats();
  /** The producer's key space (read by the skew report at the end of a run). */
  readonly keys: KeySpace;
  private readonly sizes: RecordSizeModel;
  /** Segment mode: draws the first tick's phase. */
  private readonly arrivals: Random;
  private readonly retryRandom: Random;
  /** Where the records come from: drawn, or a trace. */
  private readonly source: ProducerSource;
  /** Segment mode: records up to this time have been created (drawn by a tick). */
  private createdUpToUs = 0;
  /** Segment mode: records created after the last tick, counted at the end of the run. */
  private unsentAtEnd = 0;
  private readonly keyRoutes: KeyRouteCache<Shard>;
  private readonly rate: RateSource;
  /** The plain SDK or the KPL, chosen once from the settings. */
  private readonly sender: ProducerSender;
  /** Records held for a retry or a later send. */
  private readonly hold: RetryHold;
  /** Records per partition key (the result's observed hottest keys). */
  readonly observedKeys: KeyObserver;
  /** Segment mode in windows of ticks, when the run allows them (windowed-ticks.ts). */
  private readonly windows: WindowedTicks | undefined;

  constructor(
    private readonly context: ProducerContext,
    readonly settings: ProducerSettings,
    readonly index: number,
    spikes: readonly Spike[] = [],
  ) {
    const random = (what: string) => producerRandom(context, settings.name, what);
    this.arrivals = random("arrivals");
    this.retryRandom = random("retries");
    this.keys = createKeySpace(settings.keys);
    // A record's data blob and partition key together must fit the stream's max record size
    // (kinesis-facts.md §1); segment mode counts keys at their mean length.
    this.sizes = createRecordSizeModel(
      settings.recordSize,
      () => context.simulation.nowUs,
      context.profile.maxRecordBytes - this.keys.meanKeyBytes,
    );
    this.observedKeys = new KeyObserver(this.keys.cardinality);
    this.keyRoutes = new KeyRouteCache(this.keys);
    this.rate = createRateSource(settings.rate, settings.bursts, spikes, random("bursts"));
    this.source = createProducerSource(context, settings, index, {
      keys: this.keys,
      sizes: this.sizes,
      rate: this.rate,
      // The rate when it never changes: the common case gets the simplest arrival draw.
      constantRate:
        typeof settings.rate === "number" && settings.bursts === undefined && spikes.length === 0
          ? settings.rate
          : undefined,
      observer: this.observedKeys,
      route: this.routeKey,
    });
    this.hold = new RetryHold(context, settings.name);
    const sendPath: SendPath = {
      context,
      settings,
      stats: this.stats,
      retryRandom: this.retryRandom,
      routeToOpenShards: (segments) => this.routeToOpenShards(segments),
      scheduleRetry: (retry) => this.hold.scheduleRetry(retry),
    };
    this.sender =
      settings.kpl === undefined
        ? new SdkSender(sendPath, this.rate)
        : new KplSender(
            sendPath,
            this.hold,
            new KplClient(
              settings.kpl,
              context.profile,
              this.sizes.meanBytes,
              this.keys.meanKeyBytes,
            ),
            {
              rate: this.rate,
              keys: this.keys,
              meanRecordBytes: () => this.meanRecordBytes,
              splitter: () => this.source.shares.splitterFor(context.stream.router),
            },
            index,
          );
    this.windows = this.windowedTicks(settings, index);
  }

  /** Windows of ticks, when the run has them and this producer can write in them. */
  private windowedTicks(settings: ProducerSettings, index: number): WindowedTicks | undefined {
    const { context } = this;
    const sender = this.sender;
    const windows = context.windows;
    // The run allows windows only in segment mode, unnarrated, for one plain-SDK producer
    // of one size (windowed-writes.ts); the checks below are what the types need.
    if (
      windows === undefined ||
      !(sender instanceof SdkSender) ||
      settings.recordSize.distribution !== "fixed"
    ) {
      return undefined;
    }
    const bytesPerRecord = settings.recordSize.bytes + this.keys.meanKeyBytes;
    const peakTickUs = sender.tickUsAtRate(this.rate.maxRate);
    const shards = context.stream.router.shards.length;
    const pays = windowsPay(this.rate.maxRate, bytesPerRecord, shards, peakTickUs, context.profile);
    if (!windows.always && !pays) return undefined;
    return new WindowedTicks({
      context,
      settings,
      producer: index,
      stats: this.stats,
      rate: this.rate,
      keys: this.keys,
      shares: this.source.shares,
      observer: this.observedKeys,
      dataBytes: settings.recordSize.bytes,
      tickUsAt: (timeUs) => sender.tickUsAt(timeUs),
      put: sender.tickPut,
      windowUs: windows.lengthUs,
    });
  }

  /** KPL producers only: aggregation, the client-side limiter, RecordTtl (and their counters). */
  get kpl(): KplClient | undefined {
    return this.sender.kpl;
  }

  /** The keys counted by `observedKeys`, named (and with explicit hash keys where used). */
  observedKeyCounts(): { key: string; hashKey?: bigint; records: number; error: number }[] {
    const keys = this.keys;
    return this.observedKeys.entries().map(({ keyIndex, estimate, error }) => ({
      key: keys.keyName(keyIndex),
      ...(keys.hashKeyOf === undefined ? {} : { hashKey: keys.hashKeyOf(keyIndex) }),
      records: estimate,
      error,
    }));
  }

  /** Mean bytes per record counted against limits: data blob plus partition key. */
  get meanRecordBytes(): number {
    return this.sizes.meanBytes + this.keys.meanKeyBytes;
  }

  /** The segment-mode tick, as long as the sender says (a PutRecords batch's wait, the KPL's buffering). */
  get tickUs(): number {
    return this.sender.tickUs();
  }

  start(): void {
    if (this.context.granularity === "segment") {
      // A random phase for the first tick, so that ticks and consumers' polls (both periodic)
      // do not meet at the same offset in every run.
      const firstUs = 1 + Math.floor(this.arrivals() * this.tickUs);
      this.context.simulation.schedule(firstUs, () => this.tick());
    } else {
      this.scheduleArrival(false);
    }
  }

  // --- segment mode -----------------------------------------------------------------

  private tick(): void {
    const simulation = this.context.simulation;
    const nowUs = simulation.nowUs;
    const fromUs = this.createdUpToUs;
    const put = this.context.narrator === undefined ? this.sender.tickPut : undefined;
    const source = this.source;
    if (this.windows !== undefined) {
      this.windows.onTick(nowUs, fromUs);
      this.createdUpToUs = nowUs;
    } else if (put !== undefined && source.runsBetween !== undefined) {
      // The tick's runs go to the shards as they are drawn (no segment objects): the same
      // draws, puts and counts as the general path below, in the same order per stream.
      put.begin(nowUs);
      this.countCreated(source.runsBetween(this.context.stream.router, fromUs, nowUs, put), nowUs);
      put.finish();
    } else {
      const segments = this.createSegments(fromUs, nowUs);
      if (segments.length > 0) this.sender.sendTick(segments, fromUs, nowUs);
    }
    simulation.schedule(this.tickUs, () => this.tick());
  }

  /**
   * Segment mode: the records created in [fromUs, toUs), counted as offered and held by the
   * producer until sent (oversize ones are dropped at once).
   */
  private createSegments(fromUs: number, toUs: number): Segment[] {
    const segments = this.source.segmentsBetween(this.context.stream.router, fromUs, toUs);
    // Indexed loops here and on the send path: a short run ends before they are optimized,
    // and an unoptimized for…of allocates an iterator result per segment.
    // Summed here and added once: whole counts, so the same totals as adding each segment's.
    let created = 0;
    for (let i = 0; i < segments.length; i++) created += (segments[i] as Segment).count;
    this.countCreated(created, toUs);
    return segments;
  }

  /**
   * Counts `created` records as offered and held by the producer until sent, drops those
   * drawn too large, and notes that records up to `toUs` have been created.
   */
  private countCreated(created: number, toUs: number): void {
    this.stats.offered += created;
    this.stats.pending += created;
    for (const { shard, records } of this.source.takeOversize()) this.dropOversize(shard, records);
    this.createdUpToUs = toUs;
  }

  /**
   * At the end of a run: the records created since the last segment-mode tick, up to and
   * including `endUs`, are offered and still held by the producer, as a record-mode producer
   * holds its open batch.
   */
  createUntil(endUs: number): void {
    // The run includes its last microsecond (the kernel runs events timed at the end), so
    // records created at `endUs` itself count: time is in whole microseconds.
    const untilUs = endUs + 1;
    if (this.context.granularity === "segment" && untilUs > this.createdUpToUs) {
      for (const segment of this.createSegments(this.createdUpToUs, untilUs)) {
        this.unsentAtEnd += segment.count;
      }
    }
  }

  // --- record mode ------------------------------------------------------------------

  /**
   * Schedules the next record-mode arrival (or, at a zero rate, a look again). With `inPlace`,
   * returns true instead when that arrival is the simulation's very next event and the clock
   * has moved to it: the caller handles it in place (Simulation.advanceIfNext).
   */
  private scheduleArrival(inPlace = true): boolean {
    const simulation = this.context.simulation;
    const source = this.source;
    const us = source.nextArrival(simulation.nowUs);
    if (us < 0) return false;
    if (!source.arrives) {
      simulation.schedule(us, this.lookAgain);
      return false;
    }
    // As Simulation.schedule and scheduleAt place it.
    const atUs = source.relative
      ? simulation.nowUs + Math.max(0, Math.round(us))
      : Math.max(us, simulation.nowUs);
    if (inPlace && simulation.advanceIfNext(atUs)) return true;
    simulation.scheduleAt(atUs, this.arrive);
    return false;
  }

  private readonly lookAgain = (): void => {
    if (this.scheduleArrival()) this.arrive();
  };

  /** Record-mode arrivals, one after another while each is the simulation's next event. */
  private readonly arrive = (): void => {
    do this.arriveOne();
    while (this.scheduleArrival());
  };

  /** One record-mode arrival: draw a key, route it, put or batch it. */
  private arriveOne(): void {
    const nowUs = this.context.simulation.nowUs;
    const record = this.source.take(nowUs);
    const keyIndex = record.keyIndex;
    this.observedKeys.offerRecord(keyIndex);
    const router = this.context.stream.router;
    const position = this.routeKey(router, keyIndex);
    const shard = router.shards[position] as { index: number };
    const bytes = record.sizeBytes + this.keys.keyBytes(keyIndex);
    if (bytes > this.context.profile.maxRecordBytes) {
      this.dropOversize(shard.index, 1, bytes);
      return;
    }
    const segment: Segment = {
      count: 1,
      bytes,
      firstCreatedUs: nowUs,
      lastCreatedUs: nowUs,
      producer: this.index,
      shard: shard.index,
      keyIndex,
    };
    this.stats.offered++;
    this.stats.pending++;
    this.sender.sendRecord(segment, keyIndex);
  }

  /**
   * Records too large for the stream (data blob plus partition key above its max record
   * size): Kinesis would refuse the request that carries one with a ValidationException,
   * which no retry cures (kinesis-facts.md §1), so the producer drops them before sending.
   * They count as offered and dropped, never as throttled.
   */
  private dropOversize(shard: number, records: number, bytes?: number): void {
    const stats = this.stats;
    stats.offered += records;
    stats.dropped += records;
    stats.oversize += records;
    const narrator = this.context.narrator;
    if (narrator !== undefined) {
      const shardId = (this.context.stream.shards[shard] as Shard).shardId;
      narrator.note({
        kind: "drop",
        atUs: this.context.simulation.nowUs,
        producer: this.settings.name,
        records,
        byShard: { [shardId]: records },
        attempts: 0,
        why: "oversize",
        ...(bytes === undefined ? {} : { bytes }),
        maxRecordBytes: this.context.profile.maxRecordBytes,
      });
    }
  }

  // --- the send path, shared ----------------------------------------------------------

  /** Records bound for a shard closed since they were routed go where their keys live now. */
  private routeToOpenShards(segments: Segment[]): Segment[] {
    return routeToOpenShards(
      segments,
      this.context.stream,
      this.routeKey,
      this.openShardProbabilities,
      this.retryRandom,
    );
  }

  /** The producer's traffic shares among the open shards (made once: puts pass it every time). */
  private readonly openShardProbabilities = (): Float64Array =>
    this.source.shares.splitterFor(this.context.stream.router).probabilities;

  /** Position among the open shards of key `keyIndex`'s shard (explicit hash keys route by themselves). */
  private readonly routeKey = (router: ShardRouter<Shard>, keyIndex: number): number => {
    const keys = this.keys;
    return keys.hashKeyOf !== undefined
      ? router.routeIndex(keys.hashKeyOf(keyIndex))
      : this.keyRoutes.route(router, keyIndex);
  };

  /**
   * Records still held by this producer, in an open batch or waiting for a retry, counted
   * from the buffers themselves (the conservation check compares it with the counters).
   */
  get heldRecords(): number {
    return this.sender.buffered + this.hold.held + this.unsentAtEnd;
  }
}
