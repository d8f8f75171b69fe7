import type { Random } from "../../../src/engine/random-streams.js";
import type { Shard } from "../../shards/shard.js";
import type { ConsumerContext } from "../consumer-context.js";
import type { EfoConsumerSettings } from "../consumer-settings.js";
import type { DeliveryRecorder } from "../delivery-recorder.js";
import type { LeaseCoordinator } from "../kcl/lease-coordinator.js";
import type { ShardReader, ShardReaders } from "../shard-readers.js";
import type { PendingAppends } from "./pending-appends.js";
import type { Subscription } from "./subscription.js";
import type { UniformSpreads } from "./uniform-spreads.js";

/** What the segment-run pushes need of their enhanced fan-out application. */
export interface SegmentPushHost {
  readonly context: ConsumerContext;
  readonly settings: EfoConsumerSettings;
  readonly delivery: DeliveryRecorder;
  readonly readers: ShardReaders;
  readonly leases: LeaseCoordinator | undefined;
  /** The reader's subscription, once it has subscribed. */
  subscription(reader: ShardReader): Subscription | undefined;
  /** Whether pushes flow to the reader: subscription open, application running, lease held. */
  flows(reader: ShardReader): boolean;
  /** The shard's last event (the one with ChildShards) was pushed: the subscription ends. */
  shardEnded(reader: ShardReader): void;
}

/** One shard's pushes to an application in a segment run. */
export interface PushChain {
  readonly shard: Shard;
  readonly appends: PendingAppends;
  /** No push before this time: after the last push, the last settlement, or a (re)subscription. */
  notBeforeUs: number;
  /** Guards against settling the chain from inside one of its own pushes. */
  settling: boolean;
  /** Processing-time draws (per shard, so that they do not depend on the settlement order). */
  processing: Random | undefined;
  /** The latencies of its pushes' runs, gathered until the chain is next settled. */
  readonly spreads: UniformSpreads;
}

/**
 * The first record whose run a chain keeps for `reader`: its position, or where its unread
 * ages were last brought up to date if that is earlier (they go on from that record, dated by
 * its run: UnreadAge.acceptedAtUs).
 */
export function keptFrom(reader: ShardReader): number {
  const tracked = reader.age?.seq;
  return tracked === undefined ? reader.cursor.seq : Math.min(reader.cursor.seq, tracked);
}

/** Acceptance time of record `seq`: its run's, when kept, else interpolated by the log. */
export function acceptedAtUs(chain: PushChain, seq: number): number {
  const index = chain.appends.indexOf(seq);
  return index < 0 ? chain.shard.log.acceptedAtUs(seq) : chain.appends.acceptedAt(index);
}

/** One past the last record accepted at or before `timeUs`. */
export function visibleEnd(chain: PushChain, timeUs: number): number {
  const kept = chain.appends.endAcceptedBy(timeUs);
  if (kept !== undefined) return kept;
  const logged = chain.shard.log.firstSeqAcceptedAfter(timeUs);
  const keptFromSeq = chain.appends.firstSeq;
  return keptFromSeq === undefined ? logged : Math.min(logged, keptFromSeq);
}

/** The chain's processing-time draws: `consumer:<name>:processing:<shardId>`. */
export function processingOf(host: SegmentPushHost, chain: PushChain): Random {
  if (chain.processing === undefined) {
    chain.processing = host.context.random.stream(
      `consumer:${host.settings.name}:processing:${chain.shard.shardId}`,
    );
  }
  return chain.processing;
}
