import { US_PER_HOUR } from "../../src/engine/time-units.js";
import type { LimitsProfile } from "../limits/profile.js";
import {
  LONG_TERM_RETENTION_AFTER_HOURS,
  onDemandBilledBytesPerRecord,
  putPayloadUnitsPerRecord,
} from "./billing-units.js";
import { type CostLine, totalUsd } from "./cost-line.js";
import { type RunUsage, runCost } from "./run-cost.js";
import { steadyStoredGbHoursBeyondAge } from "./stored-data.js";

const SECONDS_PER_HOUR = 3600;

/** Steady traffic through a stream, as a sizing question states it. */
export interface SteadyTraffic {
  readonly recordsPerSecond: number;
  /** Bytes each record counts for: data blob plus partition key (kinesis-facts.md §1). */
  readonly recordBytes: number;
  /** Consumer applications, each reading every record once. */
  readonly consumers: number;
  /** Consumers use enhanced fan-out (their own 2 MiB/s per shard, billed apart). */
  readonly efo: boolean;
  readonly retentionHours: number;
}

/** A month's bill. */
export interface MonthlyCost {
  readonly usd: number;
  readonly items: CostLine[];
}

/**
 * What a month (`profile.hoursPerMonth`, 730 h: the Pricing Calculator's month) of steady traffic uses,
 * in one capacity mode. `shards` is the provisioned shard count (ignored on demand, which is
 * billed per stream-hour and per GB). Every record is accepted once and read once by each
 * consumer; the stream is taken to have run for longer than its retention, so the retention
 * tiers are full.
 */
export function monthlyUsage(
  mode: RunUsage["mode"],
  traffic: SteadyTraffic,
  shards: number,
  profile: LimitsProfile,
): RunUsage {
  const hours = profile.hoursPerMonth;
  const records = traffic.recordsPerSecond * SECONDS_PER_HOUR * hours;
  const bytesPerSecond = traffic.recordsPerSecond * traffic.recordBytes;
  const bytesIn = records * traffic.recordBytes;
  const bytesOut = bytesIn * traffic.consumers;
  const retained = (ageHours: number) =>
    steadyStoredGbHoursBeyondAge(bytesPerSecond, traffic.retentionHours, ageHours, hours);
  return {
    mode,
    durationHours: hours,
    shardHours: mode === "provisioned" ? shards * hours : 0,
    putPayloadUnits: records * putPayloadUnitsPerRecord(traffic.recordBytes, profile),
    bytesIn,
    onDemandBilledBytesIn: records * onDemandBilledBytesPerRecord(traffic.recordBytes, profile),
    pollingBytesOut: traffic.efo ? 0 : bytesOut,
    efoBytesOut: traffic.efo ? bytesOut : 0,
    efoConsumerShardHours:
      traffic.efo && mode === "provisioned" ? traffic.consumers * shards * hours : 0,
    retentionHours: traffic.retentionHours,
    storedGbHoursBeyond24h: retained(profile.retentionDefaultUs / US_PER_HOUR),
    storedGbHoursBeyond7d: retained(LONG_TERM_RETENTION_AFTER_HOURS),
  };
}

/**
 * A month of steady traffic at the profile's prices (kinesis-facts.md §11), in one capacity mode.
 *
 * @example
 * // AWS's example: 1 shard, 500,000 records/day of 1 KB → $11.01 a month.
 * monthlyCost("provisioned", { recordsPerSecond: 500_000 / 86_400, recordBytes: 1000,
 *   consumers: 0, efo: false, retentionHours: 24 }, 1, DEFAULT_PROFILE).usd;
 */
export function monthlyCost(
  mode: RunUsage["mode"],
  traffic: SteadyTraffic,
  shards: number,
  profile: LimitsProfile,
): MonthlyCost {
  const items = runCost(monthlyUsage(mode, traffic, shards, profile), profile);
  return { usd: totalUsd(items), items };
}
