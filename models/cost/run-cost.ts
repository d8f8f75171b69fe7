import { US_PER_HOUR } from "../../src/engine/time-units.js";
import type { LimitsProfile } from "../limits/profile.js";
import type { CapacityMode } from "../stream/capacity-mode.js";
import { BILLING_GB_BYTES } from "./billing-units.js";
import { type CostLine, costLine } from "./cost-line.js";

export type { CostLine } from "./cost-line.js";

/** What a stream used over a span of time: the quantities AWS bills (kinesis-facts.md §11). */
export interface RunUsage {
  mode: CapacityMode;
  /** Length of the span (an On-demand Standard stream is billed per stream-hour). */
  durationHours: number;
  /** Every shard while open, short-lived ones included. */
  shardHours: number;
  /** Provisioned: per accepted record ceil(record bytes / 25 KiB) (see billing-units.ts). */
  putPayloadUnits: number;
  /** Accepted bytes. */
  bytesIn: number;
  /** Per accepted record, its size rounded up to 1 KiB (profile.onDemandInRoundingBytes). */
  onDemandBilledBytesIn: number;
  /** Bytes returned by GetRecords. */
  pollingBytesOut: number;
  /** Bytes pushed to enhanced fan-out consumers. */
  efoBytesOut: number;
  /** Σ over EFO consumers of shard-hours subscribed. */
  efoConsumerShardHours: number;
  retentionHours: number;
  /** GB-hours of data stored beyond 24 h of age, and beyond 7 days of age (for retention tiers). */
  storedGbHoursBeyond24h: number;
  storedGbHoursBeyond7d: number;
}

/**
 * The bill for `usage` at the profile's prices (kinesis-facts.md §11, us-east-1). GB means 2^30
 * bytes (see `BILLING_GB_BYTES`); a GB-month is `profile.hoursPerMonth` GB-hours.
 *
 * Provisioned: shard-hours; PUT payload units; extended retention per shard-hour when the
 * retention exceeds the default 24 h (§11 lists it per shard-hour; the unit is UNCONFIRMED);
 * long-term retention per GB-month of data older than 7 days; enhanced fan-out
 * consumer-shard-hours and GB retrieved. GetRecords reads are free.
 *
 * On-demand (Standard): stream-hours; data in (records rounded up to 1 KiB); data out through
 * GetRecords; enhanced fan-out data out; extended retention per GB-month of data aged 24 h to
 * 7 days and long-term retention per GB-month of data older than 7 days (the two tiers are
 * disjoint, as on the pricing page: "beyond the first 24 hours and within the first seven
 * days", then "beyond seven days").
 *
 * On-demand Advantage: the same items at the profile's Advantage rates (§11: "at least 60 %
 * lower" for data in, data out and extended retention; the rates are UNCONFIRMED), and no
 * stream-hours ("no longer a fixed, per-stream level charge"). Long-term retention as on
 * Standard. The account's minimum throughput commitment is not billed: it belongs to the
 * account, not to one stream, and its amount is not published (§13).
 *
 * Lines for optional features (retention tiers, enhanced fan-out) appear only when they
 * apply; the base lines of each mode always appear.
 *
 * @example
 * // AWS's example: 1 shard, 500,000 records/day of 1 KB for 30 days → $10.80 + $0.21.
 * runCost({ ...usage, mode: "provisioned", shardHours: 720, putPayloadUnits: 15e6 }, DEFAULT_PROFILE);
 */
export function runCost(usage: RunUsage, profile: LimitsProfile): CostLine[] {
  switch (usage.mode) {
    case "provisioned":
      return provisionedLines(usage, profile);
    case "on-demand":
      return onDemandLines(usage, profile, {
        streamHourUsd: profile.priceOnDemandStreamHourUsd,
        inGbUsd: profile.priceOnDemandInGbUsd,
        outGbUsd: profile.priceOnDemandOutGbUsd,
        efoOutGbUsd: profile.priceOnDemandEfoOutGbUsd,
        extendedRetentionGbMonthUsd: profile.priceOnDemandExtendedRetentionGbMonthUsd,
      });
    case "on-demand-advantage":
      return onDemandLines(usage, profile, {
        streamHourUsd: undefined,
        inGbUsd: profile.priceOnDemandAdvantageInGbUsd,
        outGbUsd: profile.priceOnDemandAdvantageOutGbUsd,
        efoOutGbUsd: profile.priceOnDemandAdvantageEfoOutGbUsd,
        extendedRetentionGbMonthUsd: profile.priceOnDemandAdvantageExtendedRetentionGbMonthUsd,
      });
  }
}

/** One on-demand price list: Standard's, or Advantage's (which has no stream-hour charge). */
interface OnDemandPrices {
  readonly streamHourUsd: number | undefined;
  readonly inGbUsd: number;
  readonly outGbUsd: number;
  readonly efoOutGbUsd: number;
  readonly extendedRetentionGbMonthUsd: number;
}

/** Data retention beyond the default (24 h, kinesis-facts.md §7) is billed as extended retention. */
function hasExtendedRetention(usage: RunUsage, profile: LimitsProfile): boolean {
  return usage.retentionHours > profile.retentionDefaultUs / US_PER_HOUR;
}

/** Data older than 7 days is billed per GB-month in both capacity modes (kinesis-facts.md §11). */
function longTermRetentionLines(usage: RunUsage, profile: LimitsProfile): CostLine[] {
  if (usage.storedGbHoursBeyond7d <= 0) return [];
  return [
    costLine(
      "long-term retention",
      usage.storedGbHoursBeyond7d / profile.hoursPerMonth,
      "GB-month",
      profile.priceLongTermRetentionGbMonthUsd,
    ),
  ];
}

function provisionedLines(usage: RunUsage, profile: LimitsProfile): CostLine[] {
  const lines = [
    costLine("shard-hours", usage.shardHours, "shard-hour", profile.priceShardHourUsd),
    costLine(
      "PUT payload units",
      usage.putPayloadUnits,
      "unit",
      profile.pricePutPayloadUnitsPerMillionUsd / 1_000_000,
    ),
  ];
  if (hasExtendedRetention(usage, profile)) {
    lines.push(
      costLine(
        "extended retention",
        usage.shardHours,
        "shard-hour",
        profile.priceExtendedRetentionShardHourUsd,
      ),
    );
  }
  lines.push(...longTermRetentionLines(usage, profile));
  if (usage.efoConsumerShardHours > 0) {
    lines.push(
      costLine(
        "EFO consumer-shard-hours",
        usage.efoConsumerShardHours,
        "consumer-shard-hour",
        profile.priceEfoConsumerShardHourUsd,
      ),
    );
  }
  if (usage.efoBytesOut > 0) {
    lines.push(costLine("EFO data out", gb(usage.efoBytesOut), "GB", profile.priceEfoGbUsd));
  }
  return lines;
}

function onDemandLines(
  usage: RunUsage,
  profile: LimitsProfile,
  prices: OnDemandPrices,
): CostLine[] {
  const lines: CostLine[] = [];
  if (prices.streamHourUsd !== undefined) {
    lines.push(costLine("stream-hours", usage.durationHours, "stream-hour", prices.streamHourUsd));
  }
  lines.push(
    costLine("data in", gb(usage.onDemandBilledBytesIn), "GB", prices.inGbUsd),
    costLine("data out", gb(usage.pollingBytesOut), "GB", prices.outGbUsd),
  );
  if (usage.efoBytesOut > 0) {
    lines.push(costLine("EFO data out", gb(usage.efoBytesOut), "GB", prices.efoOutGbUsd));
  }
  if (hasExtendedRetention(usage, profile)) {
    const agedUnder7d = Math.max(0, usage.storedGbHoursBeyond24h - usage.storedGbHoursBeyond7d);
    lines.push(
      costLine(
        "extended retention",
        agedUnder7d / profile.hoursPerMonth,
        "GB-month",
        prices.extendedRetentionGbMonthUsd,
      ),
    );
  }
  lines.push(...longTermRetentionLines(usage, profile));
  return lines;
}

function gb(bytes: number): number {
  return bytes / BILLING_GB_BYTES;
}
