import type { ConsumerApplication } from "../../../models/consumers/consumer-application.js";
import type { LeaseCoordinator } from "../../../models/consumers/kcl/lease-coordinator.js";
import { unreadReport } from "../../../models/consumers/unread-report.js";
import { runCost } from "../../../models/cost/run-cost.js";
import type { LimitsProfile } from "../../../models/limits/profile.js";
import type { SdkProducer } from "../../../models/producers/sdk-producer.js";
import type { Shard } from "../../../models/shards/shard.js";
import type { KinesisStream } from "../../../models/stream/kinesis-stream.js";
import type {
  OperationRecord,
  StreamOperations,
} from "../../../models/stream/stream-operations.js";
import type { Simulation } from "../../engine/simulation.js";
import { US_PER_SECOND } from "../../engine/time-units.js";
import { latencyCdfMs } from "../../stats/latency-cdf.js";
import type { LatencyHistogram } from "../../stats/latency-histogram.js";
import { round } from "../../stats/round.js";
import { VERSION } from "../../version.js";
import { configHash } from "../config/config-hash.js";
import type { ExperimentConfig } from "../config/config-types.js";
import { runSkew } from "../skew/run-skew.js";
import { mergeLaggingSpans } from "./lagging-spans.js";
import type { KclResult, OperationResult, ShardResult } from "./result-types.js";
import { runEvents } from "./run-events.js";
import type { RunOutput } from "./run-output.js";
import { measureUsage } from "./run-usage.js";

export interface ResultInputs {
  readonly config: ExperimentConfig;
  readonly profile: LimitsProfile;
  readonly simulation: Simulation;
  readonly stream: KinesisStream;
  readonly producers: readonly SdkProducer[];
  readonly consumers: readonly ConsumerApplication[];
  readonly overallLatency: LatencyHistogram;
  readonly operations: StreamOperations;
  /** Producer totals at the end of the warm-up (zeros without one). */
  readonly warmup: { readonly accepted: number; readonly throttledAttempts: number };
  readonly wallMs: number;
}

/** Assembles the result object (design.md §14) and the series from a finished run. */
export function buildResult(inputs: ResultInputs): RunOutput {
  const { config, profile, simulation, stream, producers, consumers, overallLatency } = inputs;
  let offered = 0;
  let accepted = 0;
  let throttledAttempts = 0;
  let dropped = 0;
  let oversize = 0;
  let pendingAtProducer = 0;
  for (const { stats } of producers) {
    offered += stats.offered;
    accepted += stats.accepted;
    throttledAttempts += stats.throttledAttempts;
    dropped += stats.dropped;
    oversize += stats.oversize;
    pendingAtProducer += stats.pending;
  }
  let delivered = 0;
  let expiredUnread = 0;
  let unread = 0;
  const unreadReports = consumers.map(unreadReport);
  const unreadAtEnd = { records: 0, applications: 0 };
  for (const consumer of consumers) {
    delivered += consumer.delivery.stats.delivered;
    expiredUnread += consumer.readers.expiredUnread;
    unread += consumer.readers.unread;
  }
  for (const report of unreadReports) {
    const notReading = report.shards.reduce((sum, shard) => sum + shard.unread, 0);
    unreadAtEnd.records += notReading;
    if (notReading > 0) unreadAtEnd.applications++;
  }
  let expiredUnreadByAny = 0;
  for (const shard of stream.shards) expiredUnreadByAny += shard.expiredUnreadByAnyApplication;
  const lostRecords = dropped + expiredUnreadByAny;
  const costItems = runCost(measureUsage(config, profile, stream, consumers), profile).map(
    (line) => ({
      ...line,
      quantity: round(line.quantity, 6),
      usd: round(line.usd, 6),
    }),
  );
  const resolutionSeconds = config.metricsResolutionUs / US_PER_SECOND;

  const result = {
    name: config.name,
    seed: config.seed,
    configHash: configHash(config),
    version: VERSION,
    profile: profile.name,
    granularity: config.granularity,
    capacityMode: config.stream.mode,
    durationSeconds: config.durationUs / US_PER_SECOND,
    ...(config.startTime === undefined ? {} : { startTime: config.startTime }),
    records: {
      offered,
      accepted,
      throttledAttempts,
      dropped,
      delivered,
      expiredUnread,
      unread,
      pendingAtProducer,
    },
    throttleRate: ratio(
      throttledAttempts - inputs.warmup.throttledAttempts,
      accepted - inputs.warmup.accepted + throttledAttempts - inputs.warmup.throttledAttempts,
    ),
    dataLoss: {
      records: lostRecords,
      fraction: ratio(lostRecords, offered),
      dropped,
      oversize,
      expiredUnread: expiredUnreadByAny,
    },
    unreadAtEnd,
    latencyMs: overallLatency.summaryMs(),
    latencyCdf: latencyCdfMs(overallLatency),
    shardWriteLimits: {
      recordsPerSecond: profile.shardWriteRecordsPerSecond,
      bytesPerSecond: profile.shardWriteBytesPerSecond,
    },
    producers: producers.map(({ settings, stats, kpl }) => ({
      name: settings.name,
      ...(kpl === undefined
        ? {}
        : {
            kpl: {
              userRecordsPut: kpl.stats.userRecordsPut,
              kinesisRecordsPut: round(kpl.stats.kinesisRecordsPut, 3),
              userRecordsPerKinesisRecord: round(
                ratio(kpl.stats.userRecordsPut, kpl.stats.kinesisRecordsPut),
                3,
              ),
              expired: kpl.stats.expired,
              retriesPerRecord: round(ratio(stats.retries, stats.offered), 6),
              meanBufferingTimeMs: round(
                ratio(kpl.stats.bufferingUs, kpl.stats.bufferedRecords) / 1000,
                3,
              ),
              shardMapRefreshes: kpl.stats.shardMapRefreshes,
            },
          }),
      offered: stats.offered,
      accepted: stats.accepted,
      throttledAttempts: stats.throttledAttempts,
      dropped: stats.dropped,
      oversize: stats.oversize,
      retries: stats.retries,
      putCalls: stats.putCalls,
      pendingAtProducer: stats.pending,
    })),
    shards: stream.shards.map(shardResult),
    consumers: consumers.map((consumer, index) => ({
      name: consumer.settings.name,
      mode: consumer.settings.mode,
      delivered: consumer.delivery.stats.delivered,
      expiredUnread: consumer.readers.expiredUnread,
      unread: consumer.readers.unread,
      unreadInFlight: unreadReports[index]?.inFlight ?? 0,
      unreadShards: [...(unreadReports[index]?.shards ?? [])],
      skipped: consumer.readers.skipped,
      getRecordsCalls: consumer.delivery.stats.getRecordsCalls,
      readThrottled: consumer.delivery.stats.readThrottled,
      getShardIteratorCalls: consumer.delivery.stats.getShardIteratorCalls,
      getShardIteratorThrottled: consumer.delivery.stats.getShardIteratorThrottled,
      expiredIterators: consumer.delivery.stats.expiredIterators,
      subscriptions: consumer.delivery.stats.subscriptions,
      subscribeRejected: consumer.delivery.stats.subscribeRejected,
      redelivered: consumer.delivery.stats.redelivered,
      ...(consumer.leases === undefined ? {} : { kcl: kclResult(consumer.leases) }),
      maxMillisBehindLatest: round(consumer.delivery.stats.maxMillisBehindLatest, 3),
      maxOldestUnreadAgeMs: round(consumer.delivery.unreadAge.maxMs, 3),
      lagging: {
        laggingSeconds: consumer.delivery.unreadAge.laggingUs / US_PER_SECOND,
        spans: mergeLaggingSpans(
          consumer.readers.all.flatMap((reader) => reader.age?.lagging ?? []),
          consumer.delivery.unreadAge.laggingUs,
        ).map((span) => ({
          fromSeconds: span.fromUs / US_PER_SECOND,
          caughtUpAtSeconds: span.toUs === undefined ? null : span.toUs / US_PER_SECOND,
        })),
      },
      latencyMs: consumer.delivery.latency.summaryMs(),
      latencyCdf: latencyCdfMs(consumer.delivery.latency),
    })),
    operations: inputs.operations.records.map(operationResult),
    events: runEvents(config.events, config.durationUs),
    cost: {
      usd: round(
        costItems.reduce((sum, line) => sum + line.usd, 0),
        6,
      ),
      monthHours: profile.hoursPerMonth,
      items: costItems,
    },
    engine: { events: simulation.eventsProcessed, wallMs: Math.round(inputs.wallMs) },
  };

  const series = {
    resolutionSeconds,
    shards: stream.shards.map((shard) => ({
      shardId: shard.shardId,
      incomingRecords: shard.metrics.incomingRecords.values,
      incomingBytes: shard.metrics.incomingBytes.values,
      throttledRecords: shard.metrics.throttledRecords.values,
      outgoingRecords: shard.metrics.outgoingRecords.values,
      outgoingBytes: shard.metrics.outgoingBytes.values,
      oldestUnreadAgeMs: shard.metrics.oldestUnreadAgeMs.values,
      getRecordsIteratorAgeMs: shard.metrics.getRecordsIteratorAgeMs.values,
      readThrottled: shard.metrics.readThrottledCalls.values,
    })),
    consumers: consumers.map((consumer) => ({
      name: consumer.settings.name,
      oldestUnreadAgeMs: consumer.delivery.unreadAge.series.values,
      millisBehindLatest: carryForward(
        consumer.delivery.millisBehindLatest.values,
        consumer.delivery.lagReadings.values,
      ),
      millisBehindLatestReadings: consumer.delivery.lagReadings.values,
      recordsReceived: consumer.delivery.recordsReceived.values,
    })),
  };
  const observed = {
    counts: producers.flatMap((producer) => producer.observedKeyCounts()),
    exact: producers.every((producer) => producer.observedKeys.exact),
    offered: producers.reduce((sum, producer) => sum + producer.stats.offered, 0),
  };
  return {
    result: {
      ...result,
      skew: runSkew(
        result,
        config,
        10,
        stream.hashKeys,
        observed,
        producers.map((producer) => producer.keys),
      ),
    },
    series,
  };
}

function shardResult(shard: Shard): ShardResult {
  const metrics = shard.metrics;
  return {
    shardId: shard.shardId,
    parentShardIds: [...shard.parentShardIds],
    startingHashKey: shard.startingHashKey.toString(),
    endingHashKey: shard.endingHashKey.toString(),
    openedAtSeconds: shard.openedAtUs / US_PER_SECOND,
    closedAtSeconds: shard.closedAtUs === undefined ? null : shard.closedAtUs / US_PER_SECOND,
    accepted: metrics.accepted,
    throttledAttempts: metrics.throttledAttempts,
    bytesIn: metrics.bytesIn,
    bytesOut: metrics.bytesOut,
    recordsOut: metrics.recordsOut,
    readThrottled: metrics.readThrottled,
    peakRecordsPerSecond: metrics.peakRecords.peak(),
    peakBytesPerSecond: metrics.peakBytes.peak(),
    peakDemandRecordsPerSecond: metrics.peakDemand.peak(),
  };
}

function kclResult(leases: LeaseCoordinator): KclResult {
  const seconds = (us: number) => us / US_PER_SECOND;
  return {
    version: leases.settings.version,
    workers: leases.workers,
    leaseTimeline: leases.timeline.map((change) => ({
      atSeconds: seconds(change.atUs),
      shardId: change.shardId,
      worker: change.owner ?? null,
      how: change.how,
    })),
    failovers: leases.failovers.map((failover) => ({
      worker: failover.worker,
      stoppedAtSeconds: seconds(failover.stoppedAtUs),
      leases: failover.leases,
      recoveredAtSeconds:
        failover.recoveredAtUs === undefined ? null : seconds(failover.recoveredAtUs),
      recoverySeconds:
        failover.recoveredAtUs === undefined
          ? null
          : seconds(failover.recoveredAtUs - failover.stoppedAtUs),
    })),
    leaderChanges: leases.leaderChanges.map((change) => ({
      atSeconds: seconds(change.atUs),
      worker: change.worker,
    })),
    workerLoads: leases.workerLoads().map((load) => ({ ...load })),
  };
}

function operationResult(record: OperationRecord): OperationResult {
  const { request } = record;
  const operation =
    request.kind === "split"
      ? {
          split: request.shardId,
          ...(request.newStartingHashKey === undefined
            ? {}
            : { newStartingHashKey: request.newStartingHashKey.toString() }),
        }
      : request.kind === "merge"
        ? { merge: [...request.shardIds] }
        : { updateShardCount: request.target };
  return {
    atSeconds: record.requestedAtUs / US_PER_SECOND,
    origin: record.origin,
    ...operation,
    outcome: record.outcome,
    ...(record.error === undefined ? {} : { error: record.error, reason: record.reason ?? "" }),
    completedAtSeconds:
      record.completedAtUs === undefined ? null : record.completedAtUs / US_PER_SECOND,
    opened: [...record.opened],
    closed: [...record.closed],
  };
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : round(numerator / denominator, 9);
}

/**
 * MillisBehindLatest is only known when a read returns; an interval without a read keeps
 * the last value read (as a CloudWatch graph joins its points) instead of showing 0, which
 * would look like a consumer that caught up.
 */
function carryForward(values: Float64Array, readings: Float64Array): Float64Array {
  const carried = new Float64Array(values.length);
  let last = 0;
  for (let i = 0; i < values.length; i++) {
    if ((readings[i] as number) > 0) last = values[i] as number;
    carried[i] = last;
  }
  return carried;
}
