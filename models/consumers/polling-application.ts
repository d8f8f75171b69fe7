import { uniform } from "../../src/engine/distributions/uniform.js";
import type { Random } from "../../src/engine/random-streams.js";
import type { ConsumerContext } from "./consumer-context.js";
import type { PollingConsumerSettings } from "./consumer-settings.js";
import { DeliveryRecorder } from "./delivery-recorder.js";
import { applicationLeases } from "./kcl/application-leases.js";
import type { LeaseCoordinator } from "./kcl/lease-coordinator.js";
import { batchProcessingUs } from "./processing-time.js";
import { type ShardReader, ShardReaders } from "./shard-readers.js";

export type { ConsumerContext } from "./consumer-context.js";

/**
 * A shared-throughput consumer application (GetRecords polling, kinesis-facts.md §2). It reads
 * every shard on its own poll loop: GetRecords up to `maxRecords` records or 10 MB, through
 * the shard's egress limiter shared with every other polling application; a throttled call
 * backs off; a busy application polls again only when it has processed the last batch.
 * Parents are read before children after a reshard ({@link ShardReaders}).
 */
export class PollingApplication {
  readonly delivery: DeliveryRecorder;
  readonly readers: ShardReaders;
  /** KCL applications only: the workers' leases. */
  readonly leases: LeaseCoordinator | undefined;
  private readonly backoffRandom: Random;
  private readonly iteratorBackoffRandom: Random;
  private readonly processingRandom: Random;
  private readonly responseRandom: Random;

  constructor(
    private readonly context: ConsumerContext,
    readonly settings: PollingConsumerSettings,
  ) {
    const startRandom = context.random.stream(`consumer:${settings.name}:start`);
    this.backoffRandom = context.random.stream(`consumer:${settings.name}:backoff`);
    this.iteratorBackoffRandom = context.random.stream(
      `consumer:${settings.name}:iterator-backoff`,
    );
    this.processingRandom = context.random.stream(`consumer:${settings.name}:processing`);
    this.responseRandom = context.random.stream(`consumer:${settings.name}:response`);
    this.delivery = new DeliveryRecorder(context, settings.pollIntervalUs, true);
    this.leases = applicationLeases(
      context,
      settings.name,
      settings.kcl,
      (reader) => this.resume(reader),
      this.delivery.unreadAge,
    );
    const leases = this.leases;
    this.readers = new ShardReaders(context, {
      ...settings,
      unreadAge: this.delivery.unreadAge,
      onReady: (reader, delayUs) => {
        if (leases !== undefined && !leases.isProcessed(reader)) return;
        reader.next = context.simulation.schedule(delayUs, () => this.poll(reader));
      },
      // Each shard's first poll at a random offset within the interval, so applications do
      // not poll in lock-step.
      firstFetchDelayUs: () => uniform(startRandom, 0, settings.pollIntervalUs),
      onAdded: (reader) => leases?.addLease(reader),
      ...(leases === undefined
        ? {}
        : { checkpointOf: (reader: ShardReader) => leases.leaseOf(reader)?.checkpointSeq }),
    });
    this.leases?.start();
  }

  /** Polls happen as events: everything up to now is already delivered. */
  settle(_nowUs: number): void {}

  /** A polling reader always has its next poll (or retry) scheduled while it reads. */
  willFetch(reader: ShardReader): boolean {
    return reader.next !== undefined;
  }

  /**
   * A worker took this shard's lease (its reader is at the checkpoint): it gets an iterator
   * there (GetShardIterator) and polls at once.
   */
  private resume(reader: ShardReader): void {
    reader.iteratorUs = undefined;
    if (reader.state === "reading" && this.readers.running) {
      reader.next = this.context.simulation.schedule(0, () => this.poll(reader));
    }
  }

  /**
   * Makes sure the reader holds a valid shard iterator (kinesis-facts.md §2, §7): its first
   * one, or a new one when the last was returned more than its lifetime ago (the
   * application's GetRecords would fail with ExpiredIteratorException; that refused call is
   * assumed not to count against the shard's GetRecords calls). A new iterator points where
   * the reader is. GetShardIterator is limited per shard for all applications together; a
   * refused call is retried after the read backoff. Returns whether the reader may go on.
   */
  private holdsIterator(reader: ShardReader, nowUs: number): boolean {
    const { profile, simulation, narrator } = this.context;
    const { shard } = reader;
    const stats = this.delivery.stats;
    if (reader.iteratorUs !== undefined) {
      if (nowUs - reader.iteratorUs <= profile.shardIteratorLifetimeUs) return true;
      stats.expiredIterators++;
      reader.iteratorUs = undefined;
      narrator?.note({
        kind: "shard-iterator",
        atUs: nowUs,
        consumer: this.settings.name,
        shardId: shard.shardId,
        what: "expired",
        lifetimeUs: profile.shardIteratorLifetimeUs,
      });
    }
    if (!shard.egress.tryGetShardIterator(nowUs)) {
      stats.getShardIteratorThrottled++;
      const backoffUs = this.settings.readBackoffUs * (0.5 + this.iteratorBackoffRandom());
      reader.next = simulation.schedule(backoffUs, () => this.poll(reader));
      narrator?.note({
        kind: "shard-iterator",
        atUs: nowUs,
        consumer: this.settings.name,
        shardId: shard.shardId,
        what: "throttled",
        perSecond: profile.getShardIteratorCallsPerSecond,
        retryInUs: Math.round(backoffUs),
      });
      return false;
    }
    stats.getShardIteratorCalls++;
    reader.iteratorUs = nowUs;
    return true;
  }

  /**
   * How long this GetRecords call takes to come back (kinesis-facts.md §2, §13): uniform
   * within ± the profile's spread around its mean. The application learns the answer, records
   * or a refusal, only then.
   */
  private responseUs(): number {
    const { getRecordsResponseTimeUs: meanUs, getRecordsResponseSpread: spread } =
      this.context.profile;
    if (meanUs === 0) return 0;
    return Math.round(meanUs * (1 - spread + 2 * spread * this.responseRandom()));
  }

  private poll(reader: ShardReader): void {
    const { simulation, profile } = this.context;
    const nowUs = simulation.nowUs;
    const { shard } = reader;
    const stats = this.delivery.stats;
    reader.next = undefined;
    // A KCL shard whose worker stopped (or lost the lease) is not read until it is taken.
    if (this.leases !== undefined && !this.leases.isProcessed(reader)) return;
    shard.trim(nowUs);
    const narrator = this.context.narrator;
    if (!this.holdsIterator(reader, nowUs)) return;
    const responseUs = this.responseUs();
    if (!shard.egress.tryCall(nowUs)) {
      stats.readThrottled++;
      shard.metrics.recordReadThrottled(nowUs);
      // Jittered (×0.5–1.5), as clients back off, so that applications refused by the same
      // shard do not come back in lock-step and lose to the same caller every time; counted
      // from when the refusal comes back.
      const backoffUs = this.settings.readBackoffUs * (0.5 + this.backoffRandom());
      reader.next = simulation.schedule(responseUs + backoffUs, () => this.poll(reader));
      if (narrator !== undefined) {
        const refusal = shard.egress.refusal(nowUs);
        narrator.note({
          kind: "read-throttled",
          atUs: nowUs,
          consumer: this.settings.name,
          shardId: shard.shardId,
          limit: refusal.limit,
          perSecond:
            refusal.limit === "bytes"
              ? profile.shardReadBytesPerSecond
              : refusal.limit === "records"
                ? profile.shardReadRecordsPerSecond
                : profile.shardReadCallsPerSecond,
          ...(refusal.limit === "calls" ? {} : { blockedUntilUs: refusal.untilUs }),
          retryInUs: Math.round(backoffUs),
        });
      }
      return;
    }
    stats.getRecordsCalls++;
    const visibleUpToUs = nowUs - profile.getRecordsVisibilityDelayUs;
    const { records, bytes, kinesisRecords, behindMs } = this.delivery.read(reader, nowUs, {
      maxRecords: this.settings.processing.maxInFlight,
      maxKinesisRecords: this.settings.maxRecords,
      maxBytes: profile.getRecordsMaxBytes,
      visibleUpToUs,
      receivedUs: nowUs + responseUs,
    });
    shard.egress.charge(nowUs, bytes, kinesisRecords);
    // The next poll's records start a stored run of their own (shard-log.ts, sealTail).
    shard.log.sealTail();
    // Each response carries the next iterator (NextShardIterator), valid for its lifetime.
    reader.iteratorUs = nowUs;
    const shardEnded = shard.status === "CLOSED" && reader.cursor.seq === shard.log.nextSeq;
    if (narrator !== undefined) {
      narrator.note({
        kind: "get-records",
        atUs: nowUs,
        consumer: this.settings.name,
        shardId: shard.shardId,
        records,
        bytes,
        millisBehindLatest: behindMs,
        shardEnded,
      });
    }
    const { perRecord, perBatch } = this.settings.processing;
    const busyUs =
      records > 0 ? batchProcessingUs(this.processingRandom, records, perRecord, perBatch) : 0;
    // The batch is processed once the response is in; a KCL worker checkpoints after that.
    this.leases?.afterProcessing(reader, records, bytes, shardEnded, responseUs + busyUs);
    if (shardEnded) {
      // The last records of a closed shard: GetRecords returns no next iterator, only its
      // children, which this application reads next.
      this.readers.finish(reader);
      return;
    }
    // The next call comes `pollInterval` after the response (the KCL sleeps its idle time
    // from the last successful call's return), or when the batch is processed, if later.
    reader.next = simulation.schedule(
      responseUs + Math.max(this.settings.pollIntervalUs, busyUs),
      () => this.poll(reader),
    );
  }
}
