import { monthlyCost, type SteadyTraffic } from "../../../models/cost/monthly-cost.js";
import type { CostLine } from "../../../models/cost/run-cost.js";
import type { LimitsProfile } from "../../../models/limits/profile.js";
import { int } from "../../format/number-format.js";
import { round } from "../../stats/round.js";
import { formatBytes } from "../config/units.js";

/**
 * `kinesim plan`'s arithmetic: how many provisioned shards a steady workload needs, which
 * limit decides it, and what a month costs in each capacity mode. No simulation here (see
 * plan-simulation.ts); every limit and price comes from the limits profile.
 */

export interface PlanInput {
  readonly recordsPerSecond: number;
  /** Data blob bytes per record. */
  readonly recordBytes: number;
  /** Mean partition-key bytes per record; they count against the 1 MB/s (kinesis-facts.md §1). */
  readonly partitionKeyBytes: number;
  /** Consumer applications, each reading every record. */
  readonly consumers: number;
  /** Consumers use enhanced fan-out instead of polling (GetRecords). */
  readonly efo: boolean;
  readonly retentionHours: number;
}

export type LimitingFactor = "records" | "bytes" | "reads";

export interface PlanCost {
  readonly monthlyUsd: number;
  readonly items: CostLine[];
}

export interface PlanResult {
  /** The sizing rule's shard count: the smallest that meets every limit. */
  readonly shards: number;
  readonly limitingFactor: LimitingFactor;
  /** A month at `shards` provisioned shards. */
  readonly provisioned: PlanCost;
  /** A month of the same traffic on an on-demand (Standard) stream. */
  readonly onDemand: PlanCost;
  readonly input: PlanInput;
  /** Shards each limit needs on its own (reads: 0 with enhanced fan-out or no consumers). */
  readonly shardsFor: Readonly<Record<LimitingFactor, number>>;
  /** Fraction of each per-shard limit used at `shards` (read: of the shared polling 2 MiB/s). */
  readonly utilization: {
    readonly writeRecords: number;
    readonly writeBytes: number;
    readonly read: number;
  };
  readonly headroom: {
    readonly targetUtilization: number;
    readonly shards: number;
    readonly monthlyUsd: number;
  };
  readonly profile: string;
  readonly hoursPerMonth: number;
  readonly warnings: string[];
}

/**
 * The recommended headroom: enough shards that no per-shard limit is used beyond 80 %. This
 * is kinesim's planning policy, not a Kinesis number. At 100 % a shard throttles whenever a
 * second brings more than its average (Poisson arrivals vary by √λ records from second to
 * second; batches arrive in lumps), keys never spread perfectly evenly over hash ranges, and
 * every throttled record comes back as a retry on top of the load. 20 % covers those and some
 * growth. AWS's own on-demand mode is more cautious still: it splits a shard once it takes
 * 500 KB/s (kinesis-facts.md §6), about half of the 1 MiB/s limit.
 */
export const HEADROOM_UTILIZATION = 0.8;

/**
 * Sizes a provisioned stream for steady traffic and prices a month of it.
 *
 * Write side (kinesis-facts.md §1, "1 MB/s (partition keys included) or 1,000 records/s" per shard):
 * AWS's rule max(records/s ÷ 1000, MB/s ÷ 1), rounded up. "MB" is taken as the profile's
 * `shardWriteBytesPerSecond`, 1 MiB = 1,048,576 bytes: the API reference and the quotas page
 * state the limit in MiB and it is what the simulator enforces, so the plan and `--simulate`
 * agree. Partition-key bytes are counted (they count against the limit). With 10^6-byte MB the
 * rule would also give 10 shards for 5,000 records/s of 2,000-byte records without keys, but
 * 11 once an 8.9-byte key is added (10.04 MB/s); with MiB it is 10 either way (9.58 MiB/s).
 *
 * Read side (kinesis-facts.md §2, §3): polling consumers share 2 MiB/s per shard, so shards ≥
 * consumers × bytes/s ÷ `shardReadBytesPerSecond`. With enhanced fan-out each consumer has its
 * own 2 MiB/s per shard, twice the most a shard can take in, so reads never add shards.
 *
 * The limiting factor is the limit with the largest need before rounding (ties go to records,
 * then bytes, then reads).
 *
 * @example
 * planStream({ recordsPerSecond: 5000, recordBytes: 2000, partitionKeyBytes: 9,
 *   consumers: 1, efo: false, retentionHours: 24 }, DEFAULT_PROFILE);
 * // → { shards: 10, limitingFactor: "bytes", … }
 */
export function planStream(input: PlanInput, profile: LimitsProfile): PlanResult {
  const need = needs(input, profile);
  const limitingFactor = largest(need);
  const shards = Math.max(1, ceil(need[limitingFactor]));
  const headroomShards = Math.max(1, ceil(need[limitingFactor] / HEADROOM_UTILIZATION));
  const traffic: SteadyTraffic = {
    recordsPerSecond: input.recordsPerSecond,
    recordBytes: input.recordBytes + input.partitionKeyBytes,
    consumers: input.consumers,
    efo: input.efo,
    retentionHours: input.retentionHours,
  };
  const provisioned = monthlyCost("provisioned", traffic, shards, profile);
  const onDemand = monthlyCost("on-demand", traffic, shards, profile);
  const atHeadroom = monthlyCost("provisioned", traffic, headroomShards, profile);
  return {
    shards,
    limitingFactor,
    provisioned: planCost(provisioned),
    onDemand: planCost(onDemand),
    input,
    shardsFor: {
      records: ceil(need.records),
      bytes: ceil(need.bytes),
      reads: ceil(need.reads),
    },
    utilization: {
      writeRecords: round(need.records / shards, 4),
      writeBytes: round(need.bytes / shards, 4),
      read: round(need.reads / shards, 4),
    },
    headroom: {
      targetUtilization: HEADROOM_UTILIZATION,
      shards: headroomShards,
      monthlyUsd: round(atHeadroom.usd, 6),
    },
    profile: profile.name,
    hoursPerMonth: profile.hoursPerMonth,
    warnings: warnings(input, profile, shards),
  };
}

/** Shards each limit needs, unrounded. */
function needs(input: PlanInput, profile: LimitsProfile): Record<LimitingFactor, number> {
  const bytesPerSecond = input.recordsPerSecond * (input.recordBytes + input.partitionKeyBytes);
  return shardNeeds(
    input.recordsPerSecond,
    bytesPerSecond,
    input.efo ? 0 : input.consumers,
    profile,
  );
}

/**
 * Shards each limit needs, unrounded, for a peak of `recordsPerSecond` and `bytesPerSecond`
 * (partition keys included) read by `pollingConsumers` applications sharing each shard's reads
 * (kinesis-facts.md §1, §2; enhanced fan-out consumers add none, §3).
 */
export function shardNeeds(
  recordsPerSecond: number,
  bytesPerSecond: number,
  pollingConsumers: number,
  profile: LimitsProfile,
): Record<LimitingFactor, number> {
  return {
    records: recordsPerSecond / profile.shardWriteRecordsPerSecond,
    bytes: bytesPerSecond / profile.shardWriteBytesPerSecond,
    reads: (pollingConsumers * bytesPerSecond) / profile.shardReadBytesPerSecond,
  };
}

/** The limit with the largest need (ties go to records, then bytes, then reads). */
export function largest(need: Record<LimitingFactor, number>): LimitingFactor {
  let best: LimitingFactor = "records";
  for (const factor of ["bytes", "reads"] as const) if (need[factor] > need[best]) best = factor;
  return best;
}

/** Rounds up, ignoring floating-point dust (5000 / 1000 · (1 + 1e-15) is 5 shards, not 6). */
export function ceil(value: number): number {
  return Math.ceil(value * (1 - 1e-12));
}

function planCost(cost: { usd: number; items: CostLine[] }): PlanCost {
  return {
    monthlyUsd: round(cost.usd, 6),
    items: cost.items.map((line) => ({
      ...line,
      quantity: round(line.quantity, 6),
      usd: round(line.usd, 6),
    })),
  };
}

function warnings(input: PlanInput, profile: LimitsProfile, shards: number): string[] {
  const list: string[] = [];
  if (shards > profile.maxShardsPerStream) {
    list.push(
      `${int(shards)} shards is more than a stream may have (${int(profile.maxShardsPerStream)}, kinesis-facts.md §5): split the traffic over several streams`,
    );
  }
  // Each polling application calls GetRecords on every shard, once a second by default.
  if (!input.efo && input.consumers > profile.shardReadCallsPerSecond) {
    list.push(
      `${input.consumers} polling consumers polling once a second make ${input.consumers} GetRecords calls/s per shard, above the ${profile.shardReadCallsPerSecond} allowed (kinesis-facts.md §2) whatever the shard count: use --efo or poll less often`,
    );
  } else if (!input.efo && input.consumers > 1) {
    list.push(
      `${input.consumers} polling consumers share each shard's reads: a large read holds the shard off for bytes ÷ ${formatBytes(profile.shardReadBytesPerSecond)}/s (kinesis-facts.md §2), so their calls collide and wait long before reads reach 100 %; --simulate shows the latency, and AWS advises enhanced fan-out (--efo) beyond one consumer (kinesis-facts.md §6)`,
    );
  }
  const bytesPerSecond = input.recordsPerSecond * (input.recordBytes + input.partitionKeyBytes);
  const initialOnDemand = profile.onDemandInitialShards * profile.shardWriteBytesPerSecond;
  if (bytesPerSecond > profile.onDemandMaxWriteBytesPerSecond) {
    list.push(
      "on-demand: this is more than an on-demand stream can take in (kinesis-facts.md §6); the on-demand price assumes it could",
    );
  } else if (bytesPerSecond > initialOnDemand) {
    list.push(
      `on-demand: a new stream takes ${profile.onDemandInitialShards} shards' worth of writes at first and then follows twice its previous peak (kinesis-facts.md §6); ramp up to this rate or expect throttling`,
    );
  }
  return list;
}
