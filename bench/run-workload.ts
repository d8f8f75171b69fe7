/**
 * Child-process entry for workloads whose peak memory is measured on its own:
 * `node dist/bench/run-workload.js <experiment.yaml> [path=value ...]` loads and runs the
 * experiment once and prints one JSON line ({@link WorkloadChildOutput}) on stdout. The peak
 * resident set is the whole process's (Node itself included), from `process.resourceUsage()`.
 */
import { performance } from "node:perf_hooks";
import { loadExperimentFile } from "../src/experiment/config/load-experiment.js";
import { simulateWithSeries } from "../src/experiment/run/simulate.js";

export interface WorkloadChildOutput {
  granularity: "segment" | "record";
  simulatedSeconds: number;
  /** Wall time of `simulateWithSeries` alone (loading the file excluded). */
  wallMs: number;
  /** CPU time of this process (all its threads) during `simulateWithSeries`. */
  cpuMs: number;
  engineEvents: number;
  recordsOffered: number;
  /** `process.resourceUsage().maxRSS`: peak resident set in KiB. */
  maxRssKiB: number;
  maxRssMiB: number;
}

function main(): void {
  const [path, ...overrides] = process.argv.slice(2);
  if (path === undefined) {
    process.stderr.write("usage: run-workload.js <experiment.yaml> [path=value ...]\n");
    process.exitCode = 2;
    return;
  }
  const config = loadExperimentFile(path, overrides);
  const startedMs = performance.now();
  const startedCpu = process.cpuUsage();
  const { result } = simulateWithSeries(config);
  const wallMs = performance.now() - startedMs;
  const cpu = process.cpuUsage(startedCpu);
  const maxRssKiB = process.resourceUsage().maxRSS;
  const output: WorkloadChildOutput = {
    granularity: result.granularity,
    simulatedSeconds: result.durationSeconds,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    engineEvents: result.engine.events,
    recordsOffered: result.records.offered,
    maxRssKiB,
    maxRssMiB: maxRssKiB / 1024,
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

main();
