import { availableParallelism } from "node:os";
import { UserError } from "../../experiment/config/user-error.js";
import { renderSweepCsv, renderSweepTable } from "../../experiment/sweep/render-sweep.js";
import { sweepExperimentFile, sweepPartitionOfFile } from "../../experiment/sweep/sweep-file.js";
import type { SweepOutput } from "../../experiment/sweep/sweep-output.js";
import { parsePartition } from "../../experiment/sweep/sweep-partial.js";
import { createProgress, type Progress } from "../progress.js";
import { wholeNumber } from "./options.js";

interface SweepOptions {
  vary: string[];
  replications: string;
  workers?: string;
  partition?: string;
  seed?: string;
  set: string[];
  json?: boolean;
  csv?: boolean;
}

/** `kinesim sweep <experiment> --vary path=v1,v2 …`: the grid × replications. */
export async function sweepCommand(path: string, options: SweepOptions): Promise<void> {
  if (options.vary.length === 0)
    throw new UserError("sweep: give at least one --vary path=v1,v2,…");
  if (options.json && options.csv) throw new UserError("sweep: choose one of --json and --csv");
  const replications = wholeNumber("--replications", options.replications, 1);
  const workers =
    options.workers === undefined
      ? availableParallelism()
      : wholeNumber("--workers", options.workers, 1);
  let progress: Progress | undefined;
  const sweep = {
    vary: options.vary,
    replications,
    set: options.set,
    workers,
    ...(options.seed === undefined ? {} : { seed: wholeNumber("--seed", options.seed, 0) }),
    onProgress: (done: number, total: number) => {
      progress ??= createProgress(total, "runs");
      progress.update(done);
    },
  };
  if (options.partition !== undefined) {
    const partition = parsePartition(options.partition);
    const partial = await sweepPartitionOfFile(path, { ...sweep, partition });
    progress?.stop();
    process.stdout.write(`${JSON.stringify(partial)}\n`);
    return;
  }
  const output = await sweepExperimentFile(path, sweep);
  progress?.stop();
  process.stdout.write(renderSweepOutput(output, options));
}

/** The final sweep output in the format asked for; shared with `kinesim merge`. */
export function renderSweepOutput(
  output: SweepOutput,
  options: { json?: boolean; csv?: boolean },
): string {
  if (options.json) return `${JSON.stringify(output, null, 2)}\n`;
  if (options.csv) return renderSweepCsv(output);
  return renderSweepTable(output);
}
