import type { Random } from "../../src/engine/random-streams.js";
import { US_PER_SECOND } from "../../src/engine/time-units.js";
import { TokenBucket } from "../shards/token-bucket.js";
import type { ConsumerContext } from "./consumer-context.js";
import type { EfoConsumerSettings } from "./consumer-settings.js";
import { DeliveryRecorder } from "./delivery-recorder.js";
import { SegmentPushes } from "./efo/segment-pushes.js";
import type { Subscription } from "./efo/subscription.js";
import { applicationLeases } from "./kcl/application-leases.js";
import type { LeaseCoordinator } from "./kcl/lease-coordinator.js";
import { batchProcessingUs } from "./processing-time.js";
import { type ShardReader, ShardReaders } from "./shard-readers.js";

/**
 * An enhanced fan-out consumer (kinesis-facts.md §3): each shard pushes records to it over a
 * SubscribeToShard connection, on a dedicated 2 MiB/s per shard independent of every other
 * consumer, about 70 ms after they are accepted. A subscription lasts 5 minutes and is
 * renewed; a stopped application's subscriptions end and it subscribes again when it starts.
 * SubscribeToShard again within 5 s of a successful call is refused (ResourceInUse) and
 * retried once a second. Records are pushed as soon as they are visible and the connection
 * has capacity (a one-second token bucket at 2 MiB/s); the push cadence itself is not
 * documented. When a shard closes, its last event (the one with ChildShards) is pushed even
 * without new records, so the application finishes the shard and goes on with its children.
 *
 * In a record-level run each push is an event here. In a segment run pushes carry the
 * shard's runs of records and are worked out lazily, by the same rule
 * (efo/segment-pushes.ts); the subscriptions' life is the same in both.
 */
export class EfoApplication {
  readonly delivery: DeliveryRecorder;
  readonly readers: ShardReaders;
  private readonly subscriptions = new Map<ShardReader, Subscription>();
  private readonly processingRandom: Random;
  /** KCL applications only: the workers' leases (a shard is pushed to while its lease is held). */
  readonly leases: LeaseCoordinator | undefined;
  /** Segment runs only: the pushes, carrying segments (undefined: one event per push). */
  private readonly segments: SegmentPushes | undefined;

  constructor(
    private readonly context: ConsumerContext,
    readonly settings: EfoConsumerSettings,
  ) {
    this.delivery = new DeliveryRecorder(context);
    this.processingRandom = context.random.stream(`consumer:${settings.name}:processing`);
    this.leases = applicationLeases(
      context,
      settings.name,
      settings.kcl,
      (reader) => this.resume(reader),
      this.delivery.unreadAge,
    );
    const leases = this.leases;
    const segmentRun = context.granularity === "segment";
    this.readers = new ShardReaders(context, {
      ...settings,
      unreadAge: this.delivery.unreadAge,
      onReady: (reader) => this.subscribe(reader),
      firstFetchDelayUs: () => 0,
      onAdded: (reader) => leases?.addLease(reader),
      onStop: (reader) => this.close(reader),
      ...(leases === undefined
        ? {}
        : { checkpointOf: (reader: ShardReader) => leases.leaseOf(reader)?.checkpointSeq }),
      ...(segmentRun
        ? {
            settle: (reader: ShardReader) =>
              this.segments?.settle(reader, context.simulation.nowUs),
          }
        : {}),
    });
    const segments = segmentRun
      ? new SegmentPushes({
          context,
          settings,
          delivery: this.delivery,
          readers: this.readers,
          leases,
          subscription: (reader) => this.subscriptions.get(reader),
          flows: (reader) => this.flows(reader),
          shardEnded: (reader) => this.shardEnded(reader),
        })
      : undefined;
    this.segments = segments;
    if (segments !== undefined) leases?.useSettle(() => this.settle(context.simulation.nowUs));
    this.leases?.start();
  }

  /** Segment runs: works out every push up to `nowUs` (record-level pushes are events). */
  settle(nowUs: number): void {
    this.segments?.settleAll(nowUs);
  }

  /**
   * Whether the reader will go on receiving without anything else happening: a subscription
   * attempt or push is scheduled, or an open subscription of an open shard (pushes follow
   * new records). An open subscription of a closed shard with nothing scheduled would never
   * deliver the shard's end.
   */
  willFetch(reader: ShardReader): boolean {
    const subscription = this.subscriptions.get(reader);
    // Segment runs: an open subscription is always pushed to in the end (settlements come
    // every second, and at a closed shard's end).
    if (this.segments !== undefined) {
      return subscription?.retry !== undefined || subscription?.open === true;
    }
    return (
      reader.next !== undefined ||
      subscription?.retry !== undefined ||
      (subscription?.open === true && reader.shard.status === "OPEN")
    );
  }

  /** Whether pushes flow to the reader now: an open subscription the application processes. */
  private flows(reader: ShardReader): boolean {
    return (
      this.subscriptions.get(reader)?.open === true &&
      this.readers.running &&
      reader.state === "reading" &&
      this.isProcessed(reader)
    );
  }

  /** Whether this shard is pushed to now: always, or while a KCL worker holds its lease. */
  private isProcessed(reader: ShardReader): boolean {
    return this.leases === undefined || this.leases.isProcessed(reader);
  }

  /** A worker took this shard's lease (its reader is at the checkpoint): it subscribes anew. */
  private resume(reader: ShardReader): void {
    this.close(reader);
    if (reader.next !== undefined) this.context.simulation.cancel(reader.next);
    reader.next = undefined;
    if (reader.state === "reading" && this.readers.running) this.attemptSubscribe(reader);
  }

  /** The reader's subscription state, created (with its listeners) on first use. */
  private subscriptionOf(reader: ShardReader): Subscription {
    let subscription = this.subscriptions.get(reader);
    if (subscription === undefined) {
      const { profile } = this.context;
      subscription = {
        bucket: new TokenBucket(profile.efoBytesPerSecond, profile.efoBytesPerSecond),
        busyUntilUs: 0,
        open: false,
        lastSubscribedUs: undefined,
        renewal: undefined,
        retry: undefined,
      };
      this.subscriptions.set(reader, subscription);
      // Segment runs: the pushes follow the shard themselves.
      if (this.segments !== undefined) return subscription;
      const delayUs = this.settings.propagationDelayUs;
      reader.shard.onAppend((nowUs) => this.schedulePush(reader, nowUs + delayUs));
      // The shard's last event (ChildShards) comes once every record before the close is
      // visible, whether or not new records came.
      reader.shard.onClose((nowUs) => this.schedulePush(reader, nowUs + delayUs));
    }
    return subscription;
  }

  /** The reader may receive: pushes go on over its subscription, or it subscribes. */
  private subscribe(reader: ShardReader): void {
    // A KCL shard whose worker stopped (or lost the lease) is not subscribed until it is taken.
    if (!this.isProcessed(reader)) return;
    const nowUs = this.context.simulation.nowUs;
    if (!this.subscriptionOf(reader).open) this.attemptSubscribe(reader);
    else if (this.segments !== undefined) this.segments.opened(reader, nowUs);
    else this.schedulePush(reader, nowUs);
  }

  /**
   * Calls SubscribeToShard (kinesis-facts.md §3): refused with ResourceInUse within 5 s of the
   * last successful call for this consumer and shard, and then tried again a second later
   * (one call per second per consumer and shard); a subscription lasts 5 minutes.
   */
  private attemptSubscribe(reader: ShardReader): void {
    const subscription = this.subscriptionOf(reader);
    subscription.retry = undefined;
    if (!this.readers.running || reader.state !== "reading" || !this.isProcessed(reader)) return;
    const { simulation, profile, narrator } = this.context;
    const nowUs = simulation.nowUs;
    const last = subscription.lastSubscribedUs;
    if (last !== undefined && nowUs - last < profile.efoResubscribeMinIntervalUs) {
      this.delivery.stats.subscribeRejected++;
      const retryInUs = Math.ceil(US_PER_SECOND / profile.efoSubscribeCallsPerSecond);
      subscription.retry = simulation.schedule(retryInUs, () => this.attemptSubscribe(reader));
      narrator?.note({
        kind: "subscribe-rejected",
        atUs: nowUs,
        consumer: this.settings.name,
        shardId: reader.shard.shardId,
        minIntervalUs: profile.efoResubscribeMinIntervalUs,
        retryInUs,
      });
      return;
    }
    this.delivery.stats.subscriptions++;
    subscription.lastSubscribedUs = nowUs;
    subscription.open = true;
    subscription.renewal = simulation.schedule(profile.efoSubscriptionUs, () => this.renew(reader));
    if (this.segments !== undefined) this.segments.opened(reader, nowUs);
    else this.schedulePush(reader, nowUs);
  }

  /** A subscription's 5 minutes are over: a running application subscribes again. */
  private renew(reader: ShardReader): void {
    this.segments?.settle(reader, this.context.simulation.nowUs);
    const subscription = this.subscriptionOf(reader);
    subscription.renewal = undefined;
    subscription.open = false;
    if (reader.state !== "reading" || !this.readers.running || !this.isProcessed(reader)) return;
    const gapUs = this.context.profile.efoResubscribeGapUs;
    if (gapUs > 0) {
      if (reader.next !== undefined) this.context.simulation.cancel(reader.next);
      reader.next = undefined;
      subscription.retry = this.context.simulation.schedule(gapUs, () =>
        this.attemptSubscribe(reader),
      );
    } else {
      this.attemptSubscribe(reader);
    }
  }

  /** Ends the reader's subscription (the application stopped, or another worker takes over). */
  private close(reader: ShardReader): void {
    const subscription = this.subscriptions.get(reader);
    if (subscription === undefined) return;
    const { simulation } = this.context;
    // Segment runs: the pushes up to now came while the subscription was open.
    this.segments?.settle(reader, simulation.nowUs);
    if (subscription.renewal !== undefined) simulation.cancel(subscription.renewal);
    if (subscription.retry !== undefined) simulation.cancel(subscription.retry);
    subscription.renewal = undefined;
    subscription.retry = undefined;
    subscription.open = false;
  }

  /** The last event carried the children: the subscription ends with the shard. */
  private shardEnded(reader: ShardReader): void {
    this.close(reader);
    this.readers.finish(reader);
  }

  /** Makes sure a push happens at `atUs` or earlier (record-level runs). */
  private schedulePush(reader: ShardReader, atUs: number): void {
    if (!this.readers.running || reader.state !== "reading" || !this.isProcessed(reader)) return;
    const subscription = this.subscriptions.get(reader);
    if (subscription === undefined || !subscription.open) return;
    if (reader.next !== undefined) {
      if (reader.next.timeUs <= atUs) return;
      this.context.simulation.cancel(reader.next);
    }
    const at = Math.max(atUs, subscription.busyUntilUs);
    reader.next = this.context.simulation.scheduleAt(at, () => this.push(reader));
  }

  private push(reader: ShardReader): void {
    const nowUs = this.context.simulation.nowUs;
    const { shard } = reader;
    const subscription = this.subscriptionOf(reader);
    const bucket = subscription.bucket;
    reader.next = undefined;
    if (!this.isProcessed(reader)) return;
    shard.trim(nowUs);
    const visibleUpToUs = nowUs - this.settings.propagationDelayUs;
    const room = Math.max(1, Math.floor(bucket.available(nowUs)));
    const { records, bytes, behindMs } = this.delivery.read(reader, nowUs, {
      maxRecords: this.settings.processing.maxInFlight,
      maxBytes: room,
      visibleUpToUs,
    });
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
      this.shardEnded(reader);
      return;
    }
    subscription.busyUntilUs = nowUs + busyUs;
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
