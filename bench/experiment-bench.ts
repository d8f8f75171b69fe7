import { readdirSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { loadExperimentFile } from "../src/experiment/config/load-experiment.js";
import { simulateWithSeries } from "../src/experiment/run/simulate.js";
import { fromRepoRoot } from "./paths.js";

export interface ExperimentBenchCase {
  /** Row label. */
  readonly label: string;
  readonly path: string;
  readonly overrides: readonly string[];
}

export interface ExperimentBenchResult {
  label: string;
  file: string;
  overrides: string[];
  granularity: "segment" | "record";
  simulatedSeconds: number;
  recordsOffered: number;
  engineEvents: number;
  wallMs: number;
  /** CPU time of this process during the kept run: well below `wallMs` means other load. */
  cpuMs: number;
  runs: number;
  recordsPerWallSecond: number;
  eventsPerSecond: number;
}

/** Runs shorter than this are repeated and the best of {@link REPEATS} kept. */
const REPEAT_BELOW_MS = 2000;
const REPEATS = 3;

/** One case per `experiments/*.yaml`, sorted by file name. */
export function shippedExperiments(experimentsDir: string): ExperimentBenchCase[] {
  return readdirSync(experimentsDir)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => ({
      label: name.replace(/\.yaml$/, ""),
      path: join(experimentsDir, name),
      overrides: [],
    }));
}

/** Loads and runs one experiment; the wall time covers `simulateWithSeries` only. */
export function benchExperiment(bench: ExperimentBenchCase): ExperimentBenchResult {
  const config = loadExperimentFile(bench.path, bench.overrides);
  const timeOnce = () => {
    const startedMs = performance.now();
    const startedCpu = process.cpuUsage();
    const { result } = simulateWithSeries(config);
    const wallMs = performance.now() - startedMs;
    const cpu = process.cpuUsage(startedCpu);
    return { result, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
  };
  let best = timeOnce();
  let runs = 1;
  if (best.wallMs < REPEAT_BELOW_MS) {
    for (; runs < REPEATS; runs++) {
      const candidate = timeOnce();
      if (candidate.wallMs < best.wallMs) best = candidate;
    }
  }
  const { result, wallMs, cpuMs } = best;
  const wallSeconds = wallMs / 1000;
  return {
    label: bench.label,
    file: fromRepoRoot(bench.path),
    overrides: [...bench.overrides],
    granularity: result.granularity,
    simulatedSeconds: result.durationSeconds,
    recordsOffered: result.records.offered,
    engineEvents: result.engine.events,
    wallMs,
    cpuMs,
    runs,
    recordsPerWallSecond: result.records.offered / wallSeconds,
    eventsPerSecond: result.engine.events / wallSeconds,
  };
}
