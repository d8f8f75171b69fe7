import { spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { busyCores, cpuSnapshot } from "./cpu-load.js";
import { repoFile, repoRoot } from "./paths.js";

export interface SweepBenchCase {
  /** Experiment file, relative to the repo root (passed as is to the CLI). */
  readonly experiment: string;
  /** `--set` assignments. */
  readonly set: readonly string[];
  /** One `--vary path=v1,v2,…`. */
  readonly vary: string;
  readonly replications: number;
  /** Total runs: grid points × replications. */
  readonly runs: number;
}

export interface SweepTiming {
  workers: number;
  /** Best wall time of the whole `kinesim sweep` child process, Node start-up included. */
  wallMs: number;
  /** Every round's wall time, in order. */
  roundsMs: number[];
  /** Every round's busy cores, machine-wide (all processes; see {@link busyCores}). */
  roundsBusyCores: number[];
  runsPerSecond: number;
}

export interface SweepBenchResult {
  command: string;
  runs: number;
  rounds: number;
  timings: SweepTiming[];
  /** Best wall time on 1 worker ÷ best wall time on 2. */
  speedup: number;
  /** The `--json` outputs of every worker count and round are byte-identical. */
  identical: boolean;
  outputBytes: number;
}

const cli = repoFile("bin/kinesim.js");

/**
 * Times the same sweep through the CLI with each worker count, in child processes, `rounds`
 * times in alternation (1, 2, 1, 2, …) and keeps each count's best, so a burst of other load
 * on the machine hits both counts alike and is filtered out.
 */
export function benchSweep(
  bench: SweepBenchCase,
  rounds: number,
  workerCounts: readonly number[] = [1, 2],
): SweepBenchResult {
  const baseArgs = [
    "sweep",
    bench.experiment,
    ...bench.set.flatMap((assignment) => ["--set", assignment]),
    "--vary",
    bench.vary,
    "--replications",
    String(bench.replications),
  ];
  const outputs: string[] = [];
  const cores = cpus().length;
  const rows = new Map<number, { wallMs: number; busyCores: number }[]>(
    workerCounts.map((workers) => [workers, []]),
  );
  for (let round = 0; round < rounds; round++) {
    for (const workers of workerCounts) {
      const before = cpuSnapshot();
      const { wallMs, stdout } = timeSweep([...baseArgs, "--workers", String(workers), "--json"]);
      outputs.push(stdout);
      rows.get(workers)?.push({ wallMs, busyCores: busyCores(before, cpuSnapshot(), cores) });
    }
  }
  const timings = workerCounts.map((workers): SweepTiming => {
    const measured = rows.get(workers) ?? [];
    const roundsMs = measured.map((row) => row.wallMs);
    const wallMs = Math.min(...roundsMs);
    return {
      workers,
      wallMs,
      roundsMs,
      roundsBusyCores: measured.map((row) => row.busyCores),
      runsPerSecond: bench.runs / (wallMs / 1000),
    };
  });
  const first = outputs[0] ?? "";
  const one = timings.find((timing) => timing.workers === 1);
  const two = timings.find((timing) => timing.workers === 2);
  return {
    command: `kinesim ${baseArgs.join(" ")} --workers N --json`,
    runs: bench.runs,
    rounds,
    timings,
    speedup: one !== undefined && two !== undefined ? one.wallMs / two.wallMs : Number.NaN,
    identical: outputs.every((output) => output === first),
    outputBytes: Buffer.byteLength(first),
  };
}

function timeSweep(args: readonly string[]): { wallMs: number; stdout: string } {
  const startedMs = performance.now();
  const child = spawnSync(process.execPath, [cli, ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - startedMs;
  if (child.error !== undefined) throw child.error;
  if (child.status !== 0)
    throw new Error(`kinesim ${args.join(" ")} exited with ${child.status ?? child.signal}`);
  return { wallMs, stdout: child.stdout };
}
