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
 * execute in this thread; with N, this thread and N − 1 worker threads take them one at a
 * time. This thread counts as a worker because it has the model loaded and compiled already,
 * where each worker thread loads and warms up its own copy: with two worker threads and this
 * thread idle, a 100-run sweep used about 5 % more CPU than on one and ran 1.6–1.75× faster
 * on two cores rather than nearly 2×. Results are keyed by run index, so the output never
 * depends on the number of workers or on which finished first.
 */
export async function executeRuns(
  source: SweepSource,
  plan: SweepPlan,
  runs: readonly SweepRun[],
  workers: number,
  onRunDone: (completed: number) => void = () => {},
): Promise<Map<number, number[]>> {
  const results = new Map<number, number[]>();
  const runHere = (run: SweepRun) => {
    const config = parseExperimentText(source.text, {
      fileName: source.fileName,
      overrides: overridesFor(source, plan, run),
      readTrace: source.readTrace,
    });
    results.set(run.index, runMetrics(simulateWithSeries(config).result));
    onRunDone(results.size);
  };
  if (workers <= 1 || runs.length <= 1) {
    for (const run of runs) runHere(run);
    return results;
  }
  const queue = [...runs];
  let failure: Error | undefined;
  const threads = startWorkerThreads(
    source,
    plan,
    queue,
    Math.min(workers - 1, runs.length - 1),
    (index, metrics) => {
      results.set(index, metrics);
      onRunDone(results.size);
    },
    (error) => {
      failure ??= error;
      queue.length = 0;
    },
  );
  // This thread's share: one run at a time, letting the threads' answers in between (each
  // thread holds a second run meanwhile, so it waits only when this one is longer than both).
  for (;;) {
    if (failure !== undefined) break;
    const run = queue.shift();
    if (run === undefined) break;
    try {
      runHere(run);
    } catch (error) {
      failure ??= error instanceof Error ? error : new Error(String(error));
      queue.length = 0;
      break;
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  // A failure stops everything at once; otherwise the threads finish the runs they hold.
  if (failure === undefined) await threads.finished;
  if (failure !== undefined) {
    await threads.stop();
    throw failure;
  }
  return results;
}

/**
 * Starts `count` (at least one) worker threads that take runs from `queue` (shared with the
 * caller), two at a time each, and reports each answer; `finished` settles once every thread has no run
 * left, or at the first failure.
 */
function startWorkerThreads(
  source: SweepSource,
  plan: SweepPlan,
  queue: SweepRun[],
  count: number,
  onResult: (index: number, metrics: number[]) => void,
  onFailure: (error: Error) => void,
): { finished: Promise<void>; stop: () => Promise<void> } {
  const started: Worker[] = [];
  const finished = new Promise<void>((resolve) => {
    let active = count;
    const done = (worker: Worker) => {
      void worker.terminate();
      active--;
      if (active === 0) resolve();
    };
    for (let w = 0; w < count; w++) {
      const worker = new Worker(new URL("./sweep-worker.js", import.meta.url), {
        workerData: { text: source.text, fileName: source.fileName, files: source.filesRead },
      });
      started.push(worker);
      let inFlight = 0;
      let stopped = false;
      const stop = (error?: Error) => {
        if (stopped) return;
        stopped = true;
        if (error !== undefined) onFailure(error);
        done(worker);
      };
      const send = () => {
        const run = queue.shift();
        if (run === undefined) return;
        inFlight++;
        worker.postMessage({ index: run.index, overrides: overridesFor(source, plan, run) });
      };
      worker.on("message", (answer: { index: number; metrics?: number[]; error?: string }) => {
        if (stopped) return;
        inFlight--;
        if (answer.error !== undefined || answer.metrics === undefined) {
          stop(new Error(`sweep run ${answer.index} failed: ${answer.error}`));
          return;
        }
        onResult(answer.index, answer.metrics);
        send();
        if (inFlight === 0) stop();
      });
      worker.on("error", (error) => stop(error));
      send();
      send();
      if (inFlight === 0) stop();
    }
  });
  return {
    finished,
    stop: async () => void (await Promise.all(started.map((w) => w.terminate()))),
  };
}
