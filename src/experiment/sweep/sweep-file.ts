import { availableParallelism } from "node:os";
import { VERSION } from "../../version.js";
import { readExperimentText, traceReaderFor } from "../config/load-experiment.js";
import { parseExperimentText } from "../config/parse-experiment.js";
import { executeRuns, validateSweep } from "./execute-sweep.js";
import { recordingReader } from "./sweep-inputs.js";
import { type SweepOutput, summarizeSweep, sweepIdentity } from "./sweep-output.js";
import type { SweepPartial } from "./sweep-partial-output.js";
import { partitionRuns, planSweep } from "./sweep-plan.js";
import { parseVary } from "./vary.js";

/** A sweep of an experiment file: what `kinesim sweep`'s flags say, as values. */
export interface SweepFileOptions {
  /** Each `path=v1,v2,…`: the grid is every combination. */
  readonly vary: readonly string[];
  /** Runs per grid point, each with its own seed from the master seed (default 1). */
  readonly replications?: number;
  /** `path=value` overrides for every run, as `--set`. */
  readonly set?: readonly string[];
  /** The master seed, replacing the experiment's. */
  readonly seed?: number;
  /** Worker threads (default: the machine's available parallelism); 1 runs in this thread. */
  readonly workers?: number;
  /** Called as runs finish, with the count done and the count to do. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Runs a sweep of the experiment file at `path` and summarises it (`kinesim sweep`'s output
 * as data). Every run's inputs are read and checked before the first run starts.
 */
export async function sweepExperimentFile(
  path: string,
  options: SweepFileOptions,
): Promise<SweepOutput> {
  const sweep = prepareSweep(path, options);
  const metrics = await sweep.execute(sweep.plan.runs);
  return summarizeSweep(
    sweep.identity,
    sweep.plan.runs.map((run) => metrics.get(run.index) as number[]),
  );
}

/**
 * Runs part `index` of `count` of a sweep (`kinesim sweep --partition`): the partial that
 * `kinesim merge` combines with the others into the whole sweep's output.
 */
export async function sweepPartitionOfFile(
  path: string,
  options: SweepFileOptions & { readonly partition: { index: number; count: number } },
): Promise<SweepPartial> {
  const sweep = prepareSweep(path, options);
  const { index, count } = options.partition;
  const runs = partitionRuns(sweep.plan, index, count);
  const metrics = await sweep.execute(runs);
  return {
    kind: "kinesim-sweep-partial",
    sweep: sweep.identity,
    partition: options.partition,
    runs: runs.map((run) => ({ index: run.index, metrics: metrics.get(run.index) as number[] })),
  };
}

function prepareSweep(path: string, options: SweepFileOptions) {
  const text = readExperimentText(path);
  const fixedOverrides = [...(options.set ?? [])];
  if (options.seed !== undefined) fixedOverrides.push(`seed=${options.seed}`);
  const reader = recordingReader(traceReaderFor(path));
  const readTrace = reader.read;
  const base = parseExperimentText(text, { fileName: path, overrides: fixedOverrides, readTrace });
  const plan = planSweep({
    name: base.name,
    masterSeed: base.seed,
    replications: options.replications ?? 1,
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
  const workers = options.workers ?? availableParallelism();
  const execute = (runs: Parameters<typeof executeRuns>[2]) =>
    executeRuns(source, plan, runs, workers, (done) => options.onProgress?.(done, runs.length));
  return { plan, identity, execute };
}
