import type { Random } from "../../src/engine/random-streams.js";
import { US_PER_SECOND } from "../../src/engine/time-units.js";
import { TokenBucket } from "../shards/token-bucket.js";
import type { ConsumerContext } from "./consumer-context.js";
import type { EfoConsumerSettings } from "./consumer-settings.js";
import { DeliveryRecorder } from "./delivery-recorder.js";
import { applicationLeases } from "./kcl/application-leases.js";
import type { LeaseCoordinator } from "./kcl/lease-coordinator.js";
import { batchProcessingUs } from "./processing-time.js";
import { type ShardReader, ShardReaders } from "./shard-readers.js";

/**
 * An enhanced fan-out consumer (kinesis-facts.md §3): each shard pushes records to it over a
 * SubscribeToShard connection, on a dedicated 2 MiB/s per shard independent of every other
 * consumer, about 70 ms after they are accepted. A subscription lasts 5 minutes and is
 * renewed. Records are pushed as soon as they are visible and the connection has capacity
 * (a one-second token bucket at 2 MiB/s); the push cadence itself is not documented.
 */
export class EfoApplication {
  readonly delivery: DeliveryRecorder;
  readonly readers: ShardReaders;
  private readonly buckets = new Map<ShardReader, TokenBucket>();
  private readonly busyUntilUs = new Map<ShardReader, number>();
  private readonly processingRandom: Random;
  /** KCL applications only: the workers' leases (a shard is pushed to while its lease is held). */
  readonly leases: LeaseCoordinator | undefined;

  constructor(
    private readonly context: ConsumerContext,
    readonly settings: EfoConsumerSettings,
  ) {
    this.delivery = new DeliveryRecorder(context);
    this.processingRandom = context.random.stream(`consumer:${settings.name}:processing`);
    this.leases = applicationLeases(context, settings.name, settings.kcl, (reader) =>
      this.resume(reader),
    );
    this.readers = new ShardReaders(
      context,
      settings.startAt,
      settings.parentPollIntervalUs,
      (reader, delayUs) => this.subscribe(reader, delayUs),
      () => 0,
      (reader) => this.leases?.addLease(reader),
    );
    this.leases?.start();
  }

  /** Whether this shard is pushed to now: always, or while a KCL worker holds its lease. */
  private isProcessed(reader: ShardReader): boolean {
    return this.leases === undefined || this.leases.isProcessed(reader);
  }

  /** A worker took this shard's lease (its reader is at the checkpoint): subscribe again. */
  private resume(reader: ShardReader): void {
    if (reader.state === "reading" && this.readers.running) this.subscribe(reader, 0);
  }

  /** Opens (or reopens) the reader's subscription: renewals every 5 min, pushes on new data. */
  private subscribe(reader: ShardReader, delayUs: number): void {
    // A KCL shard whose worker stopped (or lost the lease) is not subscribed until it is taken.
    if (!this.isProcessed(reader)) return;
    const { simulation, profile } = this.context;
    if (!this.buckets.has(reader)) {
      this.buckets.set(
        reader,
        new TokenBucket(profile.efoBytesPerSecond, profile.efoBytesPerSecond),
      );
      reader.shard.onAppend((nowUs) =>
        this.schedulePush(reader, nowUs + this.settings.propagationDelayUs),
      );
      this.scheduleRenewal(reader, simulation.nowUs + delayUs);
    }
    this.schedulePush(reader, simulation.nowUs + delayUs);
  }

  /** SubscribeToShard connections end after 5 minutes; the consumer subscribes again. */
  private scheduleRenewal(reader: ShardReader, atUs: number): void {
    this.delivery.stats.subscriptions++;
    this.context.simulation.scheduleAt(atUs + this.context.profile.efoSubscriptionUs, () => {
      if (reader.state === "finished") return;
      const gapUs = this.context.profile.efoResubscribeGapUs;
      if (gapUs > 0 && reader.next !== undefined) {
        this.context.simulation.cancel(reader.next);
        reader.next = undefined;
        this.schedulePush(reader, this.context.simulation.nowUs + gapUs);
      }
      this.scheduleRenewal(reader, this.context.simulation.nowUs);
    });
  }

  /** Makes sure a push happens at `atUs` or earlier. */
  private schedulePush(reader: ShardReader, atUs: number): void {
    if (!this.readers.running || reader.state !== "reading" || !this.isProcessed(reader)) return;
    if (reader.next !== undefined) {
      if (reader.next.timeUs <= atUs) return;
      this.context.simulation.cancel(reader.next);
    }
    const at = Math.max(atUs, this.busyUntilUs.get(reader) ?? 0);
    reader.next = this.context.simulation.scheduleAt(at, () => this.push(reader));
  }

  private push(reader: ShardReader): void {
    const nowUs = this.context.simulation.nowUs;
    const { shard } = reader;
    const bucket = this.buckets.get(reader) as TokenBucket;
    reader.next = undefined;
    if (!this.isProcessed(reader)) return;
    shard.trim(nowUs);
    const visibleUpToUs = nowUs - this.settings.propagationDelayUs;
    const room = Math.max(1, Math.floor(bucket.available(nowUs)));
    const { records, bytes, behindMs } = this.delivery.read(
      reader,
      nowUs,
      this.settings.processing.maxInFlight,
      room,
      visibleUpToUs,
    );
    bucket.take(nowUs, bytes);
    const shardEnded = shard.status === "CLOSED" && reader.cursor.seq === shard.log.nextSeq;
    const narrator = this.context.narrator;
    // Pushes that carry nothing (a subscription's first event, an early wake-up) are not told.
    if (narrator !== undefined && (records > 0 || shardEnded)) {
      narrator.note({
        kind: "efo-push",
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
    const leases = this.leases;
    // Without the KCL, the last batch of a closed shard needs no processing time: nothing
    // waits for it (and no draw is made).
    const busyUs =
      records > 0 && (!shardEnded || leases !== undefined)
        ? batchProcessingUs(this.processingRandom, records, perRecord, perBatch)
        : 0;
    leases?.afterProcessing(reader, records, bytes, shardEnded, busyUs);
    if (shardEnded) {
      this.readers.finish(reader);
      return;
    }
    this.busyUntilUs.set(reader, nowUs + busyUs);
    if (reader.cursor.seq < shard.log.nextSeq) {
      // More is waiting: when it becomes visible, or when the connection has capacity again.
      const visibleAtUs =
        shard.log.acceptedAtUs(reader.cursor.seq) + this.settings.propagationDelayUs;
      const tokens = bucket.available(nowUs);
      const capacityAtUs =
        tokens >= 1
          ? nowUs
          : nowUs + Math.ceil(((1 - tokens) * US_PER_SECOND) / bucket.ratePerSecond);
      this.schedulePush(reader, Math.max(visibleAtUs, capacityAtUs, nowUs + 1));
    }
  }
}
