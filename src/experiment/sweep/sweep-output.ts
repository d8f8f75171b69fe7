import { type MeanInterval, meanInterval } from "../../stats/mean-interval.js";
import { SWEEP_METRICS } from "./run-metrics.js";
import { type SweepInputs, sweepInputsHash } from "./sweep-inputs.js";
import type { SweepPlan } from "./sweep-plan.js";
import type { VaryDimension } from "./vary.js";

/** What identifies a sweep in its outputs (partial or final). */
export interface SweepIdentity {
  name: string;
  /** The kinesim that ran it: partials of other versions are not merged. */
  version: string;
  /** Fingerprint of everything that shapes the numbers (sweep-inputs.ts). */
  experimentHash: string;
  masterSeed: number;
  replications: number;
  vary: VaryDimension[];
  totalRuns: number;
}

/** The final output of a sweep: per point, every metric's mean and 95 % interval. */
export interface SweepOutput {
  kind: "kinesim-sweep";
  name: string;
  experimentHash: string;
  masterSeed: number;
  replications: number;
  vary: VaryDimension[];
  metrics: string[];
  points: { values: Record<string, string>; runs: number; metrics: Record<string, MeanInterval> }[];
}

export function sweepIdentity(plan: SweepPlan, inputs: SweepInputs): SweepIdentity {
  return {
    name: plan.name,
    version: inputs.version,
    experimentHash: sweepInputsHash(inputs),
    masterSeed: plan.masterSeed,
    replications: plan.replications,
    vary: plan.vary.map((dimension) => ({ path: dimension.path, values: [...dimension.values] })),
    totalRuns: plan.runs.length,
  };
}

/** The grid's points, first `--vary` slowest (the same order as {@link planSweep}). */
export function gridValues(vary: readonly VaryDimension[]): string[][] {
  let grid: string[][] = [[]];
  for (const dimension of vary) {
    grid = grid.flatMap((prefix) => dimension.values.map((value) => [...prefix, value]));
  }
  return grid;
}

/**
 * Summarizes the runs' metric vectors, indexed by run index (point-major, replication-minor),
 * into the final output. A pure function of its inputs, so one machine and a merge of
 * partitions print the same bytes.
 */
export function summarizeSweep(
  identity: SweepIdentity,
  runMetrics: readonly (readonly number[])[],
): SweepOutput {
  const grid = gridValues(identity.vary);
  const points = grid.map((values, point) => {
    const runs = runMetrics.slice(
      point * identity.replications,
      (point + 1) * identity.replications,
    );
    const metrics: Record<string, MeanInterval> = {};
    SWEEP_METRICS.forEach((name, m) => {
      metrics[name] = tidy(meanInterval(runs.map((vector) => vector[m] as number)));
    });
    return {
      values: Object.fromEntries(
        identity.vary.map((dimension, d) => [dimension.path, values[d] as string]),
      ),
      runs: runs.length,
      metrics,
    };
  });
  return {
    kind: "kinesim-sweep",
    name: identity.name,
    experimentHash: identity.experimentHash,
    masterSeed: identity.masterSeed,
    replications: identity.replications,
    vary: identity.vary,
    metrics: [...SWEEP_METRICS],
    points,
  };
}

/** Ten significant digits: enough for any metric, and no 0.30000000000000004 in the JSON. */
function tidy(interval: MeanInterval): MeanInterval {
  const round = (value: number) => Number(value.toPrecision(10));
  return {
    n: interval.n,
    mean: round(interval.mean),
    sd: round(interval.sd),
    ci95: interval.ci95 === null ? null : [round(interval.ci95[0]), round(interval.ci95[1])],
  };
}
