import { FULL_RUN_BUDGET_MS } from "../options.js";
import { type KinesimRun, runKinesim } from "../whole-process/kinesim-run.js";

/** A long workload's wall time: measured in full, or scaled from a measured prefix. */
export interface PrefixOrFullResult {
  readonly file: string;
  readonly sets: readonly string[];
  /** The whole workload's simulated length. */
  readonly fullSeconds: number;
  /** The prefix run: the workload cut to `prefixSeconds` of simulated time. */
  readonly prefixSeconds: number;
  readonly prefix: KinesimRun;
  /** The whole workload's run, when it was made. */
  readonly full?: KinesimRun;
  /** The full run's wall time, or the prefix's scaled by fullSeconds ÷ prefixSeconds. */
  readonly wallMs: number;
  readonly scaled: boolean;
  /** fullSeconds ÷ prefixSeconds. */
  readonly factor: number;
}

/**
 * Runs the first `prefixSeconds` of a workload as a whole process, then the whole workload
 * if asked (`full`) or if the prefix predicts it fits {@link FULL_RUN_BUDGET_MS}; otherwise
 * reports the prefix's wall time scaled linearly. The scaling counts Node's start-up again
 * for every prefix-length of simulated time, which overstates the whole run a little.
 */
export function prefixOrFull(
  file: string,
  sets: readonly string[],
  fullSeconds: number,
  prefixSeconds: number,
  full: boolean,
): PrefixOrFullResult {
  const prefix = runKinesim(file, [...sets, `duration=${prefixSeconds}s`]);
  const factor = fullSeconds / prefixSeconds;
  const predictedMs = prefix.wallMs * factor;
  const measured = { file, sets, fullSeconds, prefixSeconds, prefix, factor };
  if (full || predictedMs <= FULL_RUN_BUDGET_MS) {
    const whole = runKinesim(file, sets);
    return { ...measured, full: whole, wallMs: whole.wallMs, scaled: false };
  }
  return { ...measured, wallMs: predictedMs, scaled: true };
}
