import { sha256 } from "@noble/hashes/sha2.js";
import { utf8ToBytes } from "@noble/hashes/utils.js";
import { UserError } from "../config/user-error.js";
import type { VaryDimension } from "./vary.js";

/** One point of the grid: a value for each varied path, in `--vary` order. */
export interface SweepPoint {
  readonly index: number;
  readonly values: readonly string[];
}

/** One simulation of the sweep. */
export interface SweepRun {
  /** Position in the plan: point-major, replication-minor. */
  readonly index: number;
  readonly point: number;
  readonly replication: number;
  readonly seed: number;
}

/**
 * The grid and the seeds of a sweep; with the fingerprint of its inputs (sweep-inputs.ts) it
 * identifies the sweep, so that partial outputs can be checked before they are merged.
 */
export interface SweepPlan {
  readonly name: string;
  readonly masterSeed: number;
  readonly replications: number;
  readonly vary: readonly VaryDimension[];
  readonly points: readonly SweepPoint[];
  readonly runs: readonly SweepRun[];
}

/** Most runs in one sweep; a merge refuses partials that claim more. */
export const MAX_RUNS = 1_000_000;

/**
 * The grid (the cartesian product of the `--vary` lists, the first varying slowest) times
 * the replications. Replication r runs with the same derived seed at every point, so points
 * differ only in what was varied (common random numbers, design.md §3).
 */
export function planSweep(options: {
  name: string;
  masterSeed: number;
  replications: number;
  vary: readonly VaryDimension[];
}): SweepPlan {
  const { replications, vary, masterSeed } = options;
  if (!Number.isInteger(replications) || replications < 1) {
    throw new UserError(`--replications: expected a whole number ≥ 1, got ${replications}`);
  }
  const pointCount = vary.reduce((product, dimension) => product * dimension.values.length, 1);
  if (pointCount * replications > MAX_RUNS) {
    throw new UserError(`sweep: ${pointCount * replications} runs is more than ${MAX_RUNS}`);
  }
  const points: SweepPoint[] = [];
  for (let index = 0; index < pointCount; index++) {
    const values: string[] = [];
    let rest = index;
    for (let d = vary.length - 1; d >= 0; d--) {
      const dimension = vary[d] as VaryDimension;
      values.unshift(dimension.values[rest % dimension.values.length] as string);
      rest = Math.floor(rest / dimension.values.length);
    }
    points.push({ index, values });
  }
  const seeds = Array.from({ length: replications }, (_, r) => replicationSeed(masterSeed, r));
  const runs: SweepRun[] = [];
  for (const point of points) {
    for (let replication = 0; replication < replications; replication++) {
      runs.push({
        index: runs.length,
        point: point.index,
        replication,
        seed: seeds[replication] as number,
      });
    }
  }
  return { name: options.name, masterSeed, replications, vary, points, runs };
}

/** The `--set` assignments that turn the base experiment into one run of the sweep. */
export function runOverrides(plan: SweepPlan, run: SweepRun): string[] {
  const point = plan.points[run.point] as SweepPoint;
  return [
    ...plan.vary.map((dimension, d) => `${dimension.path}=${point.values[d]}`),
    `seed=${run.seed}`,
  ];
}

/**
 * Seed of replication r: the first 48 bits of SHA-256("kinesim/replication/<master>/<r>"),
 * an integer exactly representable as a double.
 */
export function replicationSeed(masterSeed: number, replication: number): number {
  const digest = sha256(utf8ToBytes(`kinesim/replication/${masterSeed}/${replication}`));
  let seed = 0;
  for (let i = 0; i < 6; i++) seed = seed * 256 + (digest[i] as number);
  return seed;
}

/** The runs of partition `index` of `count`: every count-th run, starting at index. */
export function partitionRuns(plan: SweepPlan, index: number, count: number): SweepRun[] {
  return plan.runs.filter((run) => run.index % count === index);
}
