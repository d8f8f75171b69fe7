import type { LimitsProfile } from "../../../models/limits/profile.js";
import { meanDecimalDigits } from "../../../models/workload/keys/key-space.js";
import { int } from "../../format/number-format.js";
import { round } from "../../stats/round.js";
import { parseExperimentText } from "../config/parse-experiment.js";
import { UserError } from "../config/user-error.js";
import { simulateWithSeries } from "../run/simulate.js";
import type { PlanInput } from "./plan-stream.js";

/** What `kinesim plan --simulate` ran and saw. */
export interface PlanSimulation {
  readonly shards: number;
  readonly seed: number;
  readonly durationSeconds: number;
  /** Mean partition-key bytes of the simulated keys (the nearest the key names allow). */
  readonly partitionKeyBytes: number;
  /** Throttled put attempts ÷ all put attempts. */
  readonly throttleRate: number;
  readonly dataLossFraction: number;
  /** Creation → receipt by a consumer, p99; null when no consumer was simulated. */
  readonly latencyP99Ms: number | null;
  /** Throttled GetRecords calls, all consumers together. */
  readonly readThrottled: number;
  readonly note?: string;
  /** The experiment file that was run: save it and `kinesim run` it to explore further. */
  readonly experiment: string;
}

/**
 * The key set `--simulate` writes with: uniform over this many keys, `key-0 … key-99999`
 * (high cardinality: each shard takes the keys MD5 puts in its range, within √(shards ÷ 100,000)
 * of its range's width, 1 % at 10 shards).
 */
export const PLAN_KEY_CARDINALITY = 100_000;
export const PLAN_KEY_PREFIX = "key-";

/** Mean UTF-8 bytes of the simulated keys: the prefix plus the mean number of digits (8.89). */
export const DEFAULT_PARTITION_KEY_BYTES =
  PLAN_KEY_PREFIX.length + meanDecimalDigits(0, PLAN_KEY_CARDINALITY);

export const PLAN_SIMULATION_SEED = 1;
export const PLAN_SIMULATION_DURATION = "2m";

/**
 * The experiment that checks a plan: `shards` shards, one producer with Poisson arrivals at
 * the planned rate, fixed-size records, uniform keys over 100,000 names padded to the planned
 * key size, and `consumers` polling applications (one GetRecords per shard per second, from
 * LATEST). Enhanced fan-out is not simulated yet, so with `efo` there are no consumers and
 * only the write side is checked. Two minutes, seed 1.
 */
export function planExperimentYaml(input: PlanInput, shards: number): string {
  const keys = simulatedKeys(input.partitionKeyBytes);
  const consumers = input.efo ? 0 : input.consumers;
  const lines = [
    "# written by kinesim plan --simulate",
    "name: plan",
    `seed: ${PLAN_SIMULATION_SEED}`,
    `duration: ${PLAN_SIMULATION_DURATION}`,
    "stream:",
    `  shards: ${shards}`,
    `  retention: ${input.retentionHours}h`,
    "producers:",
    "  - name: producer",
    `    rate: ${input.recordsPerSecond}`,
    "    arrival: poisson",
    `    recordSize: ${input.recordBytes}`,
    `    keys: { distribution: uniform, cardinality: ${PLAN_KEY_CARDINALITY}, prefix: ${JSON.stringify(keys.prefix)} }`,
  ];
  if (consumers === 0) {
    lines.push("consumers: []");
  } else {
    lines.push("consumers:");
    for (let i = 1; i <= consumers; i++) {
      lines.push(`  - { name: consumer-${i}, pollInterval: 1s, startAt: LATEST }`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Runs the plan's experiment (see `planExperimentYaml`). */
export function simulatePlan(
  input: PlanInput,
  shards: number,
  profile: LimitsProfile,
): PlanSimulation {
  if (shards > profile.maxShardsPerStream) {
    throw new UserError(
      `--simulate: ${int(shards)} shards is more than a stream may have (${int(profile.maxShardsPerStream)})`,
    );
  }
  const experiment = planExperimentYaml(input, shards);
  const { result } = simulateWithSeries(parseExperimentText(experiment, { fileName: "plan.yaml" }));
  const simulation: PlanSimulation = {
    shards,
    seed: result.seed,
    durationSeconds: result.durationSeconds,
    partitionKeyBytes: round(simulatedKeys(input.partitionKeyBytes).meanBytes, 3),
    throttleRate: result.throttleRate,
    dataLossFraction: result.dataLoss.fraction,
    latencyP99Ms: result.latencyMs.count === 0 ? null : result.latencyMs.p99,
    readThrottled: result.consumers.reduce((sum, consumer) => sum + consumer.readThrottled, 0),
    experiment,
  };
  return input.efo && input.consumers > 0
    ? {
        ...simulation,
        note: "enhanced fan-out consumers are not simulated yet: only writes were checked",
      }
    : simulation;
}

/**
 * A key prefix that makes `prefix + i` (i < 100,000) average `targetBytes` bytes: "key-" cut
 * or padded with "x". Keys can average no less than the digits alone (4.89 bytes).
 */
function simulatedKeys(targetBytes: number): { prefix: string; meanBytes: number } {
  const digits = meanDecimalDigits(0, PLAN_KEY_CARDINALITY);
  const length = Math.max(0, Math.round(targetBytes - digits));
  const prefix =
    length <= PLAN_KEY_PREFIX.length
      ? PLAN_KEY_PREFIX.slice(0, length)
      : PLAN_KEY_PREFIX + "x".repeat(length - PLAN_KEY_PREFIX.length);
  return { prefix, meanBytes: prefix.length + digits };
}
