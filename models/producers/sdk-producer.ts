import { exponential } from "../../src/engine/distributions/exponential.js";
import type { Random, RandomStreams } from "../../src/engine/random-streams.js";
import type { Simulation } from "../../src/engine/simulation.js";
import { US_PER_SECOND } from "../../src/engine/time-units.js";
import type { ShardRouter } from "../hashing/shard-router.js";
import type { LimitsProfile } from "../limits/profile.js";
import type { Narrator } from "../narration/narrator.js";
import { countByShard } from "../narration/put-tally.js";
import type { Segment } from "../shards/segment.js";
import type { Shard } from "../shards/shard.js";
import { KeyObserver } from "../skew/key-observer.js";
import type { KinesisStream } from "../stream/kinesis-stream.js";
import { createRateSource } from "../workload/create-rate-source.js";
import { KeyRouteCache } from "../workload/key-route-cache.js";
import { createKeySpace } from "../workload/keys/create-key-space.js";
import type { KeySpace } from "../workload/keys/key-space.js";
import type { Spike } from "../workload/rate-modulation.js";
import type { RateSource } from "../workload/rate-source.js";
import { createRecordSizeModel, type RecordSizeModel } from "../workload/record-size.js";
import { shardProbabilities } from "../workload/shard-probabilities.js";
import { KplClient } from "./kpl/kpl-client.js";
import { sendKpl } from "./kpl/kpl-send.js";
import { type ProducerSettings, ProducerStats } from "./producer-settings.js";
import { PutBatcher } from "./put-batcher.js";
import { routeToOpenShards } from "./reroute.js";
import { sendSdk } from "./sdk-send.js";
import type { PendingRetry, SendPath } from "./send-path.js";
import { ShardSplitter } from "./shard-splitter.js";
import { TraceCursor } from "./trace-cursor.js";

/** Segment mode: keys drawn per tick to stand for its records in the hottest-keys sketch. */
const KEY_SAMPLES_PER_TICK = 4;

export interface ProducerContext {
  readonly simulation: Simulation;
  readonly random: RandomStreams;
  readonly stream: KinesisStream;
  readonly granularity: "segment" | "record";
  /** Segment mode: the shortest tick. */
  readonly resolutionUs: number;
  readonly profile: LimitsProfile;
  /** The end of the run: no arrival is drawn beyond it. */
  readonly horizonUs: number;
  /** Told about every put, retry and drop (`kinesim explain`). */
  readonly narrator?: Narrator | undefined;
}

/**
 * A producer using the plain AWS SDK: PutRecord per record, or PutRecords batches, with
 * exponential-backoff retries of throttled records; records still throttled after the last
 * retry are dropped (fact sheet §1: PutRecords fails records individually).
 *
 * Two granularities share the send path:
 * - `segment`: every tick, each open shard gets one segment holding the records the
 *   producer created for it during the tick (Poisson splitting, DESIGN.md decision 5).
 * - `record`: one event per record, a drawn and hashed partition key, exact batching.
 */
export class SdkProducer {
  readonly stats = new ProducerStats();
  private readonly keys: KeySpace;
  private readonly sizes: RecordSizeModel;
  private readonly arrivals: Random;
  private readonly keyRandom: Random;
  private readonly sizeRandom: Random;
  private readonly retryRandom: Random;
  private splitter: ShardSplitter | undefined;
  private splitterShards: readonly unknown[] | undefined;
  /** Record mode: PutRecords batches being collected. */
  private readonly batcher: PutBatcher;
  private constantCarry = 0;
  private awaitingRetry = 0;
  private arrivalCount = 0;
  private readonly keyRoutes: KeyRouteCache<Shard>;
  private readonly rate: RateSource;
  /** The rate when it never changes (the common case gets the simplest arrival draw). */
  private readonly constantRate: number | undefined;
  /** KPL producers only: aggregation, the client-side limiter, RecordTtl. */
  readonly kpl: KplClient | undefined;
  /** Trace replays only: the next record of the trace. */
  private readonly trace: TraceCursor | undefined;
  /** Records per partition key (the result's observed hottest keys). */
  readonly observedKeys: KeyObserver;
  /** Segment mode: draws the keys that stand for a tick's records in `observedKeys`. */
  private readonly keySampleRandom: Random;
  /** What the SDK and KPL send paths (sdk-send.ts, kpl/kpl-send.ts) use of this producer. */
  private readonly sendPath: SendPath;

  constructor(
    private readonly context: ProducerContext,
    readonly settings: ProducerSettings,
    readonly index: number,
    spikes: readonly Spike[] = [],
  ) {
    const streams = context.random;
    const prefix = `producer:${settings.name}`;
    this.arrivals = streams.stream(`${prefix}:arrivals`);
    this.keyRandom = streams.stream(`${prefix}:keys`);
    this.sizeRandom = streams.stream(`${prefix}:sizes`);
    this.retryRandom = streams.stream(`${prefix}:retries`);
    this.keys = createKeySpace(settings.keys);
    this.sizes = createRecordSizeModel(settings.recordSize, () => context.simulation.nowUs);
    this.keySampleRandom = streams.stream(`${prefix}:key-sample`);
    this.observedKeys = new KeyObserver(this.keys.cardinality);
    this.trace =
      settings.trace === undefined
        ? undefined
        : new TraceCursor(settings.trace, streams.stream(`${prefix}:trace`));
    this.keyRoutes = new KeyRouteCache(this.keys);
    this.rate = createRateSource(
      settings.rate,
      settings.bursts,
      spikes,
      streams.stream(`${prefix}:bursts`),
    );
    this.constantRate =
      typeof settings.rate === "number" && settings.bursts === undefined && spikes.length === 0
        ? settings.rate
        : undefined;
    this.kpl =
      settings.kpl === undefined
        ? undefined
        : new KplClient(
            settings.kpl,
            context.profile,
            this.sizes.meanBytes,
            this.keys.meanKeyBytes,
          );
    this.batcher = new PutBatcher(context.simulation, settings.batch, (batch) =>
      this.send(batch, 0),
    );
    this.sendPath = {
      context,
      settings,
      stats: this.stats,
      retryRandom: this.retryRandom,
      routeToOpenShards: (segments) => this.routeToOpenShards(segments),
      scheduleRetry: (retry) => this.scheduleRetry(retry),
    };
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

  /** The segment-mode tick: the batch period for PutRecords, else the resolution. */
  /**
   * The segment-mode tick. A PutRecords producer sends a batch when it is full (maxRecords ÷
   * rate) or `linger` after its first record, and the next batch starts at the next arrival
   * (on average 1 ÷ rate later), so the batch period is min(fill, linger + 1 ÷ rate); never
   * shorter than `resolution`. PutRecord producers tick at `resolution`.
   */
  get tickUs(): number {
    const { api, batch } = this.settings;
    // The KPL sends what it buffered every RecordMaxBufferedTime (fact sheet §8).
    if (this.kpl !== undefined) {
      return Math.max(this.context.resolutionUs, this.kpl.settings.recordMaxBufferedTimeUs);
    }
    if (api === "putRecord") return this.context.resolutionUs;
    const rate = this.rate.rateAt(this.context.simulation.nowUs);
    if (!(rate > 0)) return Math.max(this.context.resolutionUs, batch.lingerUs);
    const fillUs = (batch.maxRecords / rate) * US_PER_SECOND;
    const lingerUs = batch.lingerUs + US_PER_SECOND / rate;
    return Math.max(this.context.resolutionUs, Math.round(Math.min(lingerUs, fillUs)));
  }

  start(): void {
    // KPL producers aggregate, so they always work on runs of records (segments).
    if (this.context.granularity === "segment" || this.kpl !== undefined) {
      // A random phase for the first tick, so that ticks and consumers' polls (both periodic)
      // do not meet at the same offset in every run.
      const firstUs = 1 + Math.floor(this.arrivals() * this.tickUs);
      this.context.simulation.schedule(firstUs, () => this.tick(0));
    } else {
      this.scheduleArrival();
    }
  }

  // --- segment mode -----------------------------------------------------------------

  private tick(previousTickUs: number): void {
    const simulation = this.context.simulation;
    const nowUs = simulation.nowUs;
    const segments =
      this.trace === undefined
        ? this.drawSegments(previousTickUs, nowUs)
        : this.traceSegments(this.trace, previousTickUs, nowUs);
    if (segments.length > 0 && this.kpl !== undefined) {
      for (const segment of segments) {
        this.kpl.stats.bufferingUs +=
          segment.count * (nowUs - (segment.firstCreatedUs + segment.lastCreatedUs) / 2);
        this.kpl.stats.bufferedRecords += segment.count;
      }
      this.sendKpl(
        segments.map((segment) => (this.kpl as KplClient).aggregate(segment)),
        0,
      );
    } else if (segments.length > 0) {
      this.send(segments, 0);
    }
    simulation.schedule(this.tickUs, () => this.tick(nowUs));
  }

  /** A tick's records, drawn: per open shard a count (Poisson splitting) and their bytes. */
  private drawSegments(previousTickUs: number, nowUs: number): Segment[] {
    const splitter = this.currentSplitter();
    const meanCount = this.rate.expectedCount(previousTickUs, nowUs);
    let counts: Int32Array;
    if (this.settings.arrival === "poisson") {
      counts = splitter.poissonCounts(this.arrivals, meanCount);
    } else {
      const exact = this.constantCarry + meanCount;
      const total = Math.floor(exact + 1e-9);
      this.constantCarry = exact - total;
      counts = splitter.fixedCounts(this.arrivals, total);
    }
    const shards = this.context.stream.openShards;
    const segments: Segment[] = [];
    const keyBytes = this.keys.meanKeyBytes;
    let total = 0;
    for (let i = 0; i < counts.length; i++) {
      const count = counts[i] as number;
      if (count === 0) continue;
      const bytes = this.sizes.sampleTotal(this.sizeRandom, count) + Math.round(count * keyBytes);
      segments.push({
        count,
        bytes,
        firstCreatedUs: previousTickUs,
        lastCreatedUs: nowUs,
        producer: this.index,
        shard: (shards[i] as { index: number }).index,
      });
      this.stats.offered += count;
      this.stats.pending += count;
      total += count;
    }
    if (total > 0) this.sampleObservedKeys(total, nowUs);
    return segments;
  }

  /**
   * Segment mode draws no keys, so a few keys drawn from the key distribution stand for the
   * tick's records in the hottest-keys sketch, each weighted by the records it stands for.
   */
  private sampleObservedKeys(records: number, nowUs: number): void {
    const keys = this.keys;
    const draws = Math.min(records, KEY_SAMPLES_PER_TICK);
    const weight = records / draws;
    for (let i = 0; i < draws; i++) {
      const keyIndex =
        keys.indexAt !== undefined ? keys.indexAt(nowUs) : keys.sampleIndex(this.keySampleRandom);
      this.observedKeys.offerSample(keyIndex, weight);
    }
  }

  /** A trace's records timed in [previousTickUs, nowUs), gathered per open shard. */
  private traceSegments(trace: TraceCursor, previousTickUs: number, nowUs: number): Segment[] {
    const router = this.context.stream.router;
    const shards = router.shards;
    const counts = new Int32Array(shards.length);
    const bytes = new Float64Array(shards.length);
    let total = 0;
    for (let at = trace.peekUs(); at !== undefined && at < nowUs; at = trace.peekUs()) {
      const record = trace.next();
      const position = this.routeKey(router, record.keyIndex);
      counts[position] = (counts[position] as number) + 1;
      bytes[position] =
        (bytes[position] as number) + record.sizeBytes + this.keys.keyBytes(record.keyIndex);
      this.observedKeys.offerRecord(record.keyIndex);
      total++;
    }
    const segments: Segment[] = [];
    if (total === 0) return segments;
    for (let i = 0; i < counts.length; i++) {
      const count = counts[i] as number;
      if (count === 0) continue;
      segments.push({
        count,
        bytes: bytes[i] as number,
        firstCreatedUs: previousTickUs,
        lastCreatedUs: nowUs,
        producer: this.index,
        shard: (shards[i] as { index: number }).index,
      });
    }
    this.stats.offered += total;
    this.stats.pending += total;
    return segments;
  }

  /** The splitter for the current open shards, rebuilt when they change. */
  private currentSplitter(): ShardSplitter {
    const router = this.context.stream.router;
    if (this.splitter === undefined || this.splitterShards !== router.shards) {
      this.splitter = new ShardSplitter(shardProbabilities(this.keys, router));
      this.splitterShards = router.shards;
    }
    return this.splitter;
  }

  // --- record mode ------------------------------------------------------------------

  /**
   * Schedules the next record-mode arrival. Poisson arrivals with a rate that varies are
   * drawn by thinning (Lewis & Shedler, 1979): candidates at the profile's highest rate, each
   * kept with probability rate(t) ÷ highest. Constant arrivals are 1 ÷ rate(t) apart
   * (`arrivalCount` keeps a fixed rate free of accumulated rounding).
   */
  private scheduleArrival(): void {
    const { arrival } = this.settings;
    const profile = this.rate;
    const simulation = this.context.simulation;
    if (this.trace !== undefined) {
      const atUs = this.trace.peekUs();
      if (atUs === undefined || atUs > this.context.horizonUs) return;
      simulation.scheduleAt(Math.max(atUs, simulation.nowUs), this.arrive);
      return;
    }
    if (profile.maxRate <= 0) return;
    const constantRate = this.constantRate;
    if (arrival === "poisson" && constantRate !== undefined) {
      simulation.schedule(exponential(this.arrivals, constantRate) * US_PER_SECOND, this.arrive);
    } else if (arrival === "poisson") {
      let atUs = simulation.nowUs;
      do {
        atUs += exponential(this.arrivals, profile.maxRate) * US_PER_SECOND;
        // Nothing arrives after the run; a rate that stays at 0 would otherwise never end this.
        if (atUs > this.context.horizonUs) return;
      } while (this.arrivals() * profile.maxRate > profile.rateAt(atUs));
      simulation.scheduleAt(Math.round(atUs), this.arrive);
    } else if (constantRate !== undefined) {
      this.arrivalCount++;
      simulation.scheduleAt(
        Math.round((this.arrivalCount * US_PER_SECOND) / constantRate),
        this.arrive,
      );
    } else {
      const rate = profile.rateAt(simulation.nowUs);
      // At a zero rate, look again one resolution later.
      simulation.schedule(
        rate > 0 ? US_PER_SECOND / rate : this.context.resolutionUs,
        rate > 0 ? this.arrive : () => this.scheduleArrival(),
      );
    }
  }

  /** One record-mode arrival: draw a key, route it, put or batch it, schedule the next. */
  private readonly arrive = (): void => {
    const nowUs = this.context.simulation.nowUs;
    const keys = this.keys;
    const traced = this.trace?.next();
    const keyIndex =
      traced !== undefined
        ? traced.keyIndex
        : keys.indexAt !== undefined
          ? keys.indexAt(nowUs)
          : keys.sampleIndex(this.keyRandom);
    this.observedKeys.offerRecord(keyIndex);
    const router = this.context.stream.router;
    const position = this.routeKey(router, keyIndex);
    const shard = router.shards[position] as { index: number };
    const segment: Segment = {
      count: 1,
      bytes:
        (traced !== undefined ? traced.sizeBytes : this.sizes.sample(this.sizeRandom)) +
        this.keys.keyBytes(keyIndex),
      firstCreatedUs: nowUs,
      lastCreatedUs: nowUs,
      producer: this.index,
      shard: shard.index,
      keyIndex,
    };
    this.stats.offered++;
    this.stats.pending++;
    if (this.settings.api === "putRecord") {
      this.send([segment], 0);
    } else {
      this.batcher.add(segment);
    }
    this.scheduleArrival();
  };

  // --- the send path, shared ----------------------------------------------------------

  /** Holds `retry.records` until `retry.delayUs` from now, then sends them again. */
  private scheduleRetry(retry: PendingRetry): void {
    this.awaitingRetry += retry.records;
    this.context.simulation.schedule(retry.delayUs, () => {
      this.awaitingRetry -= retry.records;
      const narrator = this.context.narrator;
      if (narrator !== undefined) {
        narrator.note({
          kind: "retry",
          atUs: this.context.simulation.nowUs,
          producer: this.settings.name,
          records: retry.records,
          byShard: countByShard(retry.segments, this.context.stream.shards),
          attempt: retry.attempt + 1,
          backoffUs: retry.delayUs,
        });
      }
      retry.resend();
    });
  }

  /** Puts `segments` (attempt `attempt`, 0 = first) through the SDK. */
  private send(segments: Segment[], attempt: number): void {
    sendSdk(this.sendPath, segments, attempt);
  }

  /** Puts aggregated `segments` through the KPL. */
  private sendKpl(segments: Segment[], attempt: number): void {
    sendKpl(this.sendPath, this.kpl as KplClient, segments, attempt);
  }

  /** Records bound for a shard closed since they were routed go where their keys live now. */
  private routeToOpenShards(segments: Segment[]): Segment[] {
    return routeToOpenShards(
      segments,
      this.context.stream,
      this.routeKey,
      () => this.currentSplitter().probabilities,
      this.retryRandom,
    );
  }

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
    return this.batcher.size + this.awaitingRetry;
  }
}
