import { UserError } from "../config/user-error.js";
import type { SweepIdentity } from "./sweep-output.js";
import { checkPartial } from "./sweep-partial-schema.js";

/** Parses `i/n` (0 ≤ i < n). */
export function parsePartition(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index >= count) {
    throw new UserError(`--partition: expected i/n with 0 ≤ i < n, e.g. 0/4, got "${text}"`);
  }
  return { index, count };
}

/**
 * Combines partial outputs into the runs' metric vectors in run order. Rejects a partial that
 * is malformed or from another kinesim version, partials of different sweeps (any difference
 * in the inputs' fingerprint), a run present twice, or a run missing.
 */
export function mergePartials(partials: readonly { file: string; partial: unknown }[]): {
  identity: SweepIdentity;
  runMetrics: number[][];
} {
  if (partials.length === 0) throw new UserError("merge: no partial outputs given");
  let identity: SweepIdentity | undefined;
  let identityText = "";
  const byIndex = new Map<number, number[]>();
  for (const { file, partial } of partials) {
    const checked = checkPartial(file, partial);
    const text = JSON.stringify(checked.sweep);
    if (identity === undefined) {
      identity = checked.sweep;
      identityText = text;
    } else if (text !== identityText) {
      throw new UserError(
        `${file}: is a partition of a different sweep (the experiment, the files it reads, --set, seed, --vary or replications differ)`,
      );
    }
    for (const run of checked.runs) {
      if (byIndex.has(run.index))
        throw new UserError(`${file}: run ${run.index} appears in two partial outputs`);
      byIndex.set(run.index, run.metrics);
    }
  }
  const sweep = identity as SweepIdentity;
  const runMetrics: number[][] = [];
  for (let index = 0; index < sweep.totalRuns; index++) {
    const metrics = byIndex.get(index);
    if (metrics === undefined) {
      throw new UserError(
        `merge: run ${index} of ${sweep.totalRuns} is missing (a partition was not given)`,
      );
    }
    runMetrics.push(metrics);
  }
  return { identity: sweep, runMetrics };
}
