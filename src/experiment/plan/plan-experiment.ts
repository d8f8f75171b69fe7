import { LONG_TERM_RETENTION_AFTER_HOURS } from "../../../models/cost/billing-units.js";
import { totalUsd } from "../../../models/cost/cost-line.js";
import { type RunUsage, runCost } from "../../../models/cost/run-cost.js";
import { steadyStoredGbHoursBeyondAge } from "../../../models/cost/stored-data.js";
import type { LimitsProfile } from "../../../models/limits/profile.js";
import { US_PER_HOUR, US_PER_SECOND } from "../../engine/time-units.js";
import { int } from "../../format/number-format.js";
import { round } from "../../stats/round.js";
import type { ExperimentConfig } from "../config/config-types.js";
import { resolveProfile } from "../config/resolve-profile.js";
import { skewForShardCounts, smallestShardCount } from "../skew/skew-report.js";
import { type OfferedTraffic, offeredTraffic } from "./offered-traffic.js";
import {
  ceil,
  HEADROOM_UTILIZATION,
  type LimitingFactor,
  largest,
  type PlanCost,
  shardNeeds,
} from "./plan-stream.js";

/** `kinesim plan <experiment>`: sizing and a month's bill from the file's own traffic. */
export interface ExperimentPlan {
  /** Provisioned shards for the peak, with keys spread evenly. */
  readonly shards: number;
  readonly limitingFactor: LimitingFactor;
  readonly provisioned: PlanCost;
  readonly onDemand: PlanCost;
  readonly experiment: string;
  readonly shardsFor: Readonly<Record<LimitingFactor, number>>;
  readonly headroom: { readonly targetUtilization: number; readonly shards: number };
  readonly consumers: { readonly polling: number; readonly efo: number };
  readonly retentionHours: number;
  /** The experiment's own shard count, for comparison. */
  readonly experimentShards: number;
  readonly traffic: {
    readonly periodSeconds: number;
    readonly periodReason: string;
    readonly bucketSeconds: number;
    readonly peakRecordsPerSecond: number;
    readonly peakBytesPerSecond: number;
    readonly peakAtSeconds: number;
    readonly meanRecordsPerSecond: number;
    readonly meanBytesPerSecond: number;
    /** Data + key bytes per record, over the period. */
    readonly meanRecordBytes: number;
    /** The month is the period's usage times this (hoursPerMonth ÷ the period's hours). */
    readonly monthScale: number;
  };
  /** The key distribution at `shards` shards (skew-report.ts), at each producer's peak. */
  readonly keys: {
    readonly hottestShardUtilization: number;
    readonly skewIndex: number | null;
    /** The smallest even split with no shard expected over its limits, or why there is none. */
    readonly shardsForHottest: number | null;
    readonly reason?: string;
  };
  readonly hoursPerMonth: number;
  readonly profile: string;
  readonly notes: string[];
}

/**
 * Sizes and prices a stream for an experiment's traffic.
 *
 * Provisioned: the smallest shard count whose limits hold at the peak (planStream's rule,
 * kinesis-facts.md §1–§3: records/s ÷ 1,000, bytes/s ÷ 1 MiB, and the polling applications'
 * bytes/s ÷ the 2 MiB/s they share per shard), billed for a month at that count. On-demand
 * (Standard): the period's usage scaled to a month, stream-hours for the whole month.
 * Retention tiers are taken at the period's mean bytes/s.
 */
export function planExperiment(config: ExperimentConfig): ExperimentPlan {
  const profile = resolveProfile(config);
  const traffic = offeredTraffic(config, profile);
  const polling = config.consumers.filter((consumer) => consumer.mode === "polling").length;
  const efo = config.consumers.length - polling;
  const need = shardNeeds(
    traffic.peakRecordsPerSecond,
    traffic.peakBytesPerSecond,
    polling,
    profile,
  );
  const limitingFactor = largest(need);
  const shards = Math.max(1, ceil(need[limitingFactor]));
  const retentionHours = config.stream.retentionUs / US_PER_HOUR;
  const periodHours = traffic.periodUs / US_PER_HOUR;
  const hours = profile.hoursPerMonth;
  const monthScale = hours / periodHours;
  const usage = monthUsage(traffic, monthScale, polling, efo, retentionHours, profile);
  const provisioned = runCost(
    {
      ...usage,
      mode: "provisioned",
      shardHours: shards * hours,
      efoConsumerShardHours: efo * shards * hours,
    },
    profile,
  );
  const onDemand = runCost({ ...usage, mode: "on-demand" }, profile);
  const periodSeconds = traffic.periodUs / US_PER_SECOND;
  return {
    shards,
    limitingFactor,
    provisioned: planCost(provisioned),
    onDemand: planCost(onDemand),
    experiment: config.name,
    shardsFor: { records: ceil(need.records), bytes: ceil(need.bytes), reads: ceil(need.reads) },
    headroom: {
      targetUtilization: HEADROOM_UTILIZATION,
      shards: Math.max(1, ceil(need[limitingFactor] / HEADROOM_UTILIZATION)),
    },
    consumers: { polling, efo },
    retentionHours,
    experimentShards: config.stream.shards,
    traffic: {
      periodSeconds: round(traffic.periodUs / US_PER_SECOND, 6),
      periodReason: traffic.periodReason,
      bucketSeconds: traffic.bucketUs / US_PER_SECOND,
      peakRecordsPerSecond: round(traffic.peakRecordsPerSecond, 3),
      peakBytesPerSecond: round(traffic.peakBytesPerSecond, 1),
      peakAtSeconds: traffic.peakAtUs / US_PER_SECOND,
      meanRecordsPerSecond: round(traffic.records / periodSeconds, 3),
      meanBytesPerSecond: round(traffic.bytes / periodSeconds, 1),
      meanRecordBytes: traffic.records === 0 ? 0 : round(traffic.bytes / traffic.records, 3),
      monthScale: round(monthScale, 6),
    },
    keys: keySkew(config, shards),
    hoursPerMonth: hours,
    profile: profile.name,
    notes:
      shards > profile.maxShardsPerStream
        ? [
            ...traffic.notes,
            `${int(shards)} shards is more than a stream may have (${int(profile.maxShardsPerStream)}, kinesis-facts.md §5): split the traffic over several streams`,
          ]
        : traffic.notes,
  };
}

/** The period's usage times `scale`, both modes' shared quantities (no shard-hours yet). */
function monthUsage(
  traffic: OfferedTraffic,
  scale: number,
  polling: number,
  efo: number,
  retentionHours: number,
  profile: LimitsProfile,
): RunUsage {
  const hours = profile.hoursPerMonth;
  const bytesIn = traffic.bytes * scale;
  const meanBytesPerSecond = (traffic.bytes * US_PER_SECOND) / traffic.periodUs;
  const retained = (ageHours: number) =>
    steadyStoredGbHoursBeyondAge(meanBytesPerSecond, retentionHours, ageHours, hours);
  return {
    mode: "on-demand",
    durationHours: hours,
    shardHours: 0,
    putPayloadUnits: traffic.putPayloadUnits * scale,
    bytesIn,
    onDemandBilledBytesIn: traffic.onDemandBilledBytes * scale,
    pollingBytesOut: polling * bytesIn,
    efoBytesOut: efo * bytesIn,
    efoConsumerShardHours: 0,
    retentionHours,
    storedGbHoursBeyond24h: retained(profile.retentionDefaultUs / US_PER_HOUR),
    storedGbHoursBeyond7d: retained(LONG_TERM_RETENTION_AFTER_HOURS),
  };
}

/** What the key distribution does to the hottest shard at `shards` (kinesim skew's model). */
function keySkew(config: ExperimentConfig, shards: number): ExperimentPlan["keys"] {
  const [atShards] = skewForShardCounts(config, [shards]);
  const smallest = smallestShardCount(config);
  return {
    hottestShardUtilization: atShards?.maxUtilization ?? 0,
    skewIndex: atShards?.skewIndex ?? null,
    shardsForHottest: smallest.possible ? smallest.shards : null,
    ...(smallest.possible ? {} : { reason: smallest.reason }),
  };
}

function planCost(items: ReturnType<typeof runCost>): PlanCost {
  return {
    monthlyUsd: round(totalUsd(items), 6),
    items: items.map((line) => ({
      ...line,
      quantity: round(line.quantity, 6),
      usd: round(line.usd, 6),
    })),
  };
}
