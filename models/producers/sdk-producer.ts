import { exponential } from "../../src/engine/distributions/exponential.js";
import type { Random, RandomStreams } from "../../src/engine/random-streams.js";
import type { EventHandle, Simulation } from "../../src/engine/simulation.js";
import { US_PER_SECOND } from "../../src/engine/time-units.js";
import type { ShardRouter } from "../hashing/shard-router.js";
import type { LimitsProfile } from "../limits/profile.js";
import type { Narrator } from "../narration/narrator.js";
import { countByShard, PutTally } from "../narration/put-tally.js";
import { type Segment, splitSegment } from "../shards/segment.js";
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
import { type ProducerSettings, ProducerStats } from "./producer-settings.js";
import { routeToOpenShards } from "./reroute.js";
import { retryDelayUs } from "./retry-backoff.js";
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
  private batch: Segment[] = [];
  private batchBytes = 0;
  private lingerTimer: EventHandle | undefined;
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
      this.addToBatch(segment);
    }
    this.scheduleArrival();
  };

  private addToBatch(segment: Segment): void {
    const { maxRecords, maxBytes, lingerUs } = this.settings.batch;
    if (this.batch.length > 0 && this.batchBytes + segment.bytes > maxBytes) this.flush();
    this.batch.push(segment);
    this.batchBytes += segment.bytes;
    if (this.batch.length >= maxRecords) {
      this.flush();
    } else if (this.batch.length === 1) {
      this.lingerTimer = this.context.simulation.schedule(lingerUs, () => this.flush());
    }
  }

  private flush(): void {
    if (this.lingerTimer !== undefined) {
      this.context.simulation.cancel(this.lingerTimer);
      this.lingerTimer = undefined;
    }
    const batch = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    if (batch.length > 0) this.send(batch, 0);
  }

  // --- the send path, shared ----------------------------------------------------------

  /** Puts `segments` (attempt `attempt`, 0 = first) and schedules a retry of what failed. */
  private send(segments: Segment[], attempt: number): void {
    const nowUs = this.context.simulation.nowUs;
    const shards = this.context.stream.shards;
    const stats = this.stats;
    const narrator = this.context.narrator;
    const tally = narrator === undefined ? undefined : new PutTally();
    stats.putCalls += this.callsFor(segments);
    const failed: Segment[] = [];
    let failedCount = 0;
    for (const segment of this.routeToOpenShards(segments)) {
      const shard = shards[segment.shard] as Shard;
      const accepted = shard.put(segment, nowUs);
      if (tally !== undefined) tally.add(shard, segment, accepted);
      stats.accepted += accepted;
      stats.pending -= accepted;
      if (accepted < segment.count) {
        const rest = accepted === 0 ? segment : splitSegment(segment, accepted)[1];
        failed.push(rest);
        failedCount += rest.count;
      }
    }
    const { name, api } = this.settings;
    if (narrator !== undefined) {
      (tally as PutTally).report(narrator, {
        atUs: nowUs,
        producer: name,
        api: api === "putRecord" ? "PutRecord" : "PutRecords",
        kpl: false,
        attempt: attempt + 1,
      });
    }
    if (failedCount === 0) return;
    stats.throttledAttempts += failedCount;
    const retry = attempt + 1;
    if (retry > this.settings.retries.max) {
      stats.dropped += failedCount;
      stats.pending -= failedCount;
      if (narrator !== undefined) {
        narrator.note({
          kind: "drop",
          atUs: nowUs,
          producer: name,
          records: failedCount,
          byShard: countByShard(failed, shards),
          attempts: retry,
          why: "retries",
        });
      }
      return;
    }
    stats.retries += failedCount;
    const delayUs = retryDelayUs(this.settings.retries, retry, this.retryRandom);
    this.awaitingRetry += failedCount;
    this.context.simulation.schedule(delayUs, () => {
      this.awaitingRetry -= failedCount;
      if (narrator !== undefined) {
        narrator.note({
          kind: "retry",
          atUs: this.context.simulation.nowUs,
          producer: name,
          records: failedCount,
          byShard: countByShard(failed, shards),
          attempt: retry + 1,
          backoffUs: delayUs,
        });
      }
      this.send(failed, retry);
    });
  }

  /**
   * The KPL's send: records past RecordTtl fail as Expired; the client-side limiter holds
   * back what would exceed RateLimit; what the shard throttles is retried after
   * RecordMaxBufferedTime ÷ 2 with no backoff (or with the SDK's, if configured), unless
   * FailIfThrottled; held-back records go out with the retries.
   */
  private sendKpl(segments: Segment[], attempt: number): void {
    const kpl = this.kpl as KplClient;
    const nowUs = this.context.simulation.nowUs;
    const stats = this.stats;
    const shards = this.context.stream.shards;
    const narrator = this.context.narrator;
    const producer = this.settings.name;
    const toSend: Segment[] = [];
    const later: Segment[] = [];
    if (
      segments.some(
        (segment) => (this.context.stream.shards[segment.shard] as Shard).status !== "OPEN",
      )
    ) {
      // A record landed on a shard the cached shard map did not predict: refresh the map.
      kpl.stats.shardMapRefreshes++;
    }
    for (const segment of this.routeToOpenShards(segments)) {
      const [expired, alive] = kpl.expire(segment, nowUs);
      if (expired > 0) {
        kpl.stats.expired += expired;
        stats.dropped += expired;
        stats.pending -= expired;
        if (narrator !== undefined) {
          narrator.note({
            kind: "kpl-expired",
            atUs: nowUs,
            producer,
            shardId: (shards[segment.shard] as Shard).shardId,
            records: expired,
            recordTtlUs: kpl.settings.recordTtlUs,
          });
        }
      }
      if (alive === undefined) continue;
      const [now, held] = kpl.limit(alive, nowUs);
      if (now !== undefined) toSend.push(now);
      if (held !== undefined) later.push(held);
      if (held !== undefined && narrator !== undefined) {
        narrator.note({
          kind: "kpl-held",
          atUs: nowUs,
          producer,
          shardId: (shards[held.shard] as Shard).shardId,
          records: held.count,
          rateLimitPercent: kpl.settings.rateLimitPercent,
        });
      }
    }
    let kinesisRecords = 0;
    let bytes = 0;
    for (const segment of toSend) {
      kinesisRecords += segment.count * (segment.recordWeight ?? 1);
      bytes += segment.bytes;
    }
    if (toSend.length > 0) stats.putCalls += kpl.callsFor(kinesisRecords, bytes);
    const retry: Segment[] = [];
    const dropped: Segment[] = [];
    const tally = narrator === undefined ? undefined : new PutTally();
    for (const segment of toSend) {
      const shard = shards[segment.shard] as Shard;
      const accepted = shard.put(segment, nowUs);
      if (tally !== undefined) tally.add(shard, segment, accepted);
      stats.accepted += accepted;
      stats.pending -= accepted;
      kpl.stats.userRecordsPut += accepted;
      kpl.stats.kinesisRecordsPut += accepted * (segment.recordWeight ?? 1);
      if (accepted === segment.count) continue;
      const rest = accepted === 0 ? segment : splitSegment(segment, accepted)[1];
      stats.throttledAttempts += rest.count;
      const outOfRetries =
        kpl.settings.backoff === "exponential" && attempt + 1 > this.settings.retries.max;
      if (kpl.settings.failIfThrottled || outOfRetries) {
        stats.dropped += rest.count;
        stats.pending -= rest.count;
        dropped.push(rest);
      } else {
        stats.retries += rest.count;
        retry.push(rest);
      }
    }
    if (narrator !== undefined) {
      (tally as PutTally).report(narrator, {
        atUs: nowUs,
        producer,
        api: "PutRecords",
        kpl: true,
        attempt: attempt + 1,
      });
      if (dropped.length > 0) {
        narrator.note({
          kind: "drop",
          atUs: nowUs,
          producer,
          records: dropped.reduce((sum, segment) => sum + segment.count, 0),
          byShard: countByShard(dropped, shards),
          attempts: attempt + 1,
          why: kpl.settings.failIfThrottled ? "failIfThrottled" : "retries",
        });
      }
    }
    retry.push(...later);
    if (retry.length === 0) return;
    const waiting = retry.reduce((sum, segment) => sum + segment.count, 0);
    const delayUs =
      kpl.settings.backoff === "none"
        ? kpl.retryDelayUs
        : retryDelayUs(this.settings.retries, attempt + 1, this.retryRandom);
    this.awaitingRetry += waiting;
    this.context.simulation.schedule(delayUs, () => {
      this.awaitingRetry -= waiting;
      if (narrator !== undefined) {
        narrator.note({
          kind: "retry",
          atUs: this.context.simulation.nowUs,
          producer,
          records: waiting,
          byShard: countByShard(retry, shards),
          attempt: attempt + 2,
          backoffUs: delayUs,
        });
      }
      this.sendKpl(retry, attempt + 1);
    });
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

  /** API calls needed to carry `segments`: one per record, or PutRecords batches. */
  private callsFor(segments: readonly Segment[]): number {
    let records = 0;
    let bytes = 0;
    for (const segment of segments) {
      records += segment.count;
      bytes += segment.bytes;
    }
    if (this.settings.api === "putRecord") return records;
    const { maxRecords, maxBytes } = this.settings.batch;
    return Math.max(Math.ceil(records / maxRecords), Math.ceil(bytes / maxBytes));
  }

  /**
   * Records still held by this producer, in an open batch or waiting for a retry, counted
   * from the buffers themselves (the conservation check compares it with the counters).
   */
  get heldRecords(): number {
    return this.batch.length + this.awaitingRetry;
  }
}
