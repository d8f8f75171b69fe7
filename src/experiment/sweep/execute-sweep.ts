import { Worker } from "node:worker_threads";
import type { TraceReader } from "../config/finalize-trace.js";
import { parseExperimentText } from "../config/parse-experiment.js";
import { simulateWithSeries } from "../run/simulate.js";
import { runMetrics } from "./run-metrics.js";
import { runOverrides, type SweepPlan, type SweepRun } from "./sweep-plan.js";

export interface SweepSource {
  /** The experiment file's text and name (as given on the command line). */
  readonly text: string;
  readonly fileName: string;
  /** `--set` assignments applied to every run, before the sweep's own. */
  readonly fixedOverrides: readonly string[];
  /** Reads the files the experiment names, in this thread (each file once). */
  readonly readTrace: TraceReader;
  /**
   * The files `readTrace` has read so far (name → text). Worker threads get these texts rather
   * than reading the files again, so every run simulates the bytes the sweep's fingerprint
   * covers; {@link validateSweep} reads every file of every point before any run starts.
   */
  readonly filesRead: ReadonlyMap<string, string>;
}

/** Every run's full list of `--set` assignments. */
function overridesFor(source: SweepSource, plan: SweepPlan, run: SweepRun): string[] {
  return [...source.fixedOverrides, ...runOverrides(plan, run)];
}

/**
 * Validates every point of the plan before anything runs, so a bad `--vary` value is a
 * one-line error with no partial output (each run's config is also rebuilt by its worker).
 */
export function validateSweep(source: SweepSource, plan: SweepPlan): void {
  for (const point of plan.points) {
    const run = plan.runs.find((candidate) => candidate.point === point.index);
    if (run !== undefined)
      parseExperimentText(source.text, {
        fileName: source.fileName,
        overrides: overridesFor(source, plan, run),
        readTrace: source.readTrace,
      });
  }
}

/**
 * Runs `runs` and returns each run's metric vector by run index. With one worker the runs
 * execute in this thread; otherwise a pool of worker threads takes them one at a time.
 * Results are keyed by run index, so the output never depends on the number of workers or
 * on which finished first.
 */
export async function executeRuns(
  source: SweepSource,
  plan: SweepPlan,
  runs: readonly SweepRun[],
  workers: number,
  onRunDone: (completed: number) => void = () => {},
): Promise<Map<number, number[]>> {
  const results = new Map<number, number[]>();
  if (workers <= 1 || runs.length <= 1) {
    for (const run of runs) {
      const config = parseExperimentText(source.text, {
        fileName: source.fileName,
        overrides: overridesFor(source, plan, run),
        readTrace: source.readTrace,
      });
      results.set(run.index, runMetrics(simulateWithSeries(config).result));
      onRunDone(results.size);
    }
    return results;
  }
  const queue = [...runs];
  const poolSize = Math.min(workers, runs.length);
  await new Promise<void>((resolve, reject) => {
    let active = poolSize;
    for (let w = 0; w < poolSize; w++) {
      const worker = new Worker(new URL("./sweep-worker.js", import.meta.url), {
        workerData: { text: source.text, fileName: source.fileName, files: source.filesRead },
      });
      const next = () => {
        const run = queue.shift();
        if (run === undefined) {
          void worker.terminate();
          active--;
          if (active === 0) resolve();
          return;
        }
        worker.postMessage({ index: run.index, overrides: overridesFor(source, plan, run) });
      };
      worker.on("message", (answer: { index: number; metrics?: number[]; error?: string }) => {
        if (answer.error !== undefined || answer.metrics === undefined) {
          queue.length = 0;
          reject(new Error(`sweep run ${answer.index} failed: ${answer.error}`));
          void worker.terminate();
          return;
        }
        results.set(answer.index, answer.metrics);
        onRunDone(results.size);
        next();
      });
      worker.on("error", reject);
      next();
    }
  });
  return results;
}
