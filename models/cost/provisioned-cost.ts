import type { LimitsProfile } from "../limits/profile.js";

/** One line of a bill. */
export interface CostLine {
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitPriceUsd: number;
  readonly usd: number;
}

export interface ProvisionedUsage {
  /** Hours each shard was open, summed over shards. */
  readonly shardHours: number;
  readonly putPayloadUnits: number;
  readonly retentionUs: number;
}

const DAY_US = 86_400_000_000;

/**
 * What a provisioned stream's usage costs at the profile's prices (fact sheet §11,
 * us-east-1): shard-hours, PUT payload units, and extended retention (beyond 24 h, billed per
 * shard-hour). Long-term retention beyond 7 days is billed per GB-month and not yet modelled.
 */
export function provisionedCost(usage: ProvisionedUsage, profile: LimitsProfile): CostLine[] {
  const lines: CostLine[] = [
    line("shard-hours", usage.shardHours, "shard-hour", profile.priceShardHourUsd),
    line(
      "PUT payload units",
      usage.putPayloadUnits,
      "unit",
      profile.pricePutPayloadUnitsPerMillionUsd / 1_000_000,
    ),
  ];
  if (usage.retentionUs > DAY_US) {
    lines.push(
      line(
        "extended retention",
        usage.shardHours,
        "shard-hour",
        profile.priceExtendedRetentionShardHourUsd,
      ),
    );
  }
  return lines;
}

function line(item: string, quantity: number, unit: string, unitPriceUsd: number): CostLine {
  return { item, quantity, unit, unitPriceUsd, usd: quantity * unitPriceUsd };
}
