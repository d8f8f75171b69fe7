import type { LimitsProfile } from "../limits/profile.js";
import type { CostLine } from "./cost-line.js";
import { runCost } from "./run-cost.js";

export type { CostLine } from "./cost-line.js";

export interface ProvisionedUsage {
  /** Hours each shard was open, summed over shards. */
  readonly shardHours: number;
  readonly putPayloadUnits: number;
  readonly retentionUs: number;
}

const US_PER_HOUR = 3_600_000_000;

/**
 * What a provisioned stream's usage costs at the profile's prices (fact sheet §11,
 * us-east-1): shard-hours, PUT payload units, and extended retention (beyond 24 h, billed per
 * shard-hour). Kept for callers that know only these three quantities; `runCost` (run-cost.ts)
 * is the whole model (long-term retention, enhanced fan-out, on-demand).
 */
export function provisionedCost(usage: ProvisionedUsage, profile: LimitsProfile): CostLine[] {
  return runCost(
    {
      mode: "provisioned",
      durationHours: 0,
      shardHours: usage.shardHours,
      putPayloadUnits: usage.putPayloadUnits,
      bytesIn: 0,
      onDemandBilledBytesIn: 0,
      pollingBytesOut: 0,
      efoBytesOut: 0,
      efoConsumerShardHours: 0,
      retentionHours: usage.retentionUs / US_PER_HOUR,
      storedGbHoursBeyond24h: 0,
      storedGbHoursBeyond7d: 0,
    },
    profile,
  );
}
