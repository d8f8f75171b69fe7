import { availableParallelism } from "node:os";
import { readExperimentText, traceReaderFor } from "../../experiment/config/load-experiment.js";
import { parseExperimentText } from "../../experiment/config/parse-experiment.js";
import { UserError } from "../../experiment/config/user-error.js";
import { executeRuns, validateSweep } from "../../experiment/sweep/execute-sweep.js";
import { renderSweepCsv, renderSweepTable } from "../../experiment/sweep/render-sweep.js";
import { recordingReader } from "../../experiment/sweep/sweep-inputs.js";
import { summarizeSweep, sweepIdentity } from "../../experiment/sweep/sweep-output.js";
import { parsePartition } from "../../experiment/sweep/sweep-partial.js";
import type { SweepPartial } from "../../experiment/sweep/sweep-partial-output.js";
import { partitionRuns, planSweep } from "../../experiment/sweep/sweep-plan.js";
import { parseVary } from "../../experiment/sweep/vary.js";
import { VERSION } from "../../version.js";
import { createProgress } from "../progress.js";
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
  const text = readExperimentText(path);
  const fixedOverrides = [...options.set];
  if (options.seed !== undefined)
    fixedOverrides.push(`seed=${wholeNumber("--seed", options.seed, 0)}`);
  const reader = recordingReader(traceReaderFor(path));
  const readTrace = reader.read;
  const base = parseExperimentText(text, { fileName: path, overrides: fixedOverrides, readTrace });
  const plan = planSweep({
    name: base.name,
    masterSeed: base.seed,
    replications,
    vary: options.vary.map(parseVary),
  });
  const source = { text, fileName: path, fixedOverrides, readTrace, filesRead: reader.files() };
  // Reads every file of every point, so the fingerprint covers all that any run reads.
  validateSweep(source, plan);
  const identity = sweepIdentity(plan, {
    experimentText: text,
    fixedOverrides,
    files: reader.files(),
    version: VERSION,
  });

  const partition = options.partition === undefined ? undefined : parsePartition(options.partition);
  const runs =
    partition === undefined ? plan.runs : partitionRuns(plan, partition.index, partition.count);
  const progress = createProgress(runs.length, "runs");
  const metrics = await executeRuns(source, plan, runs, workers, (done) => progress.update(done));
  progress.stop();

  if (partition !== undefined) {
    const partial: SweepPartial = {
      kind: "kinesim-sweep-partial",
      sweep: identity,
      partition,
      runs: runs.map((run) => ({ index: run.index, metrics: metrics.get(run.index) as number[] })),
    };
    process.stdout.write(`${JSON.stringify(partial)}\n`);
    return;
  }
  const output = summarizeSweep(
    identity,
    plan.runs.map((run) => metrics.get(run.index) as number[]),
  );
  process.stdout.write(renderSweepOutput(output, options));
}

/** The final sweep output in the format asked for; shared with `kinesim merge`. */
export function renderSweepOutput(
  output: ReturnType<typeof summarizeSweep>,
  options: { json?: boolean; csv?: boolean },
): string {
  if (options.json) return `${JSON.stringify(output, null, 2)}\n`;
  if (options.csv) return renderSweepCsv(output);
  return renderSweepTable(output);
}
