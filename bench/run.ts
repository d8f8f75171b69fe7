/**
 * `npm run bench`: the kernel against a bare heap loop, every shipped experiment, the issue's
 * workloads (bench/workloads/*.yaml) against their targets, and a 100-run sweep on 1 and 2
 * workers. `npm run bench:long` (or `npm run bench -- --long`) adds the ~3-minute seven-days
 * memory benchmark. Prints tables and merges the results into bench/results.json (design.md
 * §16). Timings live here only, never in tests.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { type ChildWorkloadResult, runWorkloadInChild } from "./child-workload.js";
import {
  benchExperiment,
  type ExperimentBenchCase,
  type ExperimentBenchResult,
  shippedExperiments,
} from "./experiment-bench.js";
import { integer, millis, rate } from "./format.js";
import { benchKernel, type KernelBenchResult } from "./kernel-bench.js";
import { describeMachine, type MachineInfo } from "./machine.js";
import { repoFile } from "./paths.js";
import {
  RECORD_VS_BARE_MAX,
  RECORD_VS_SIMPY_MIN,
  SEGMENT_VS_SIMPY_MIN,
  SIXTEEN_SHARDS_REFERENCES,
} from "./references.js";
import { benchSweep, type SweepBenchCase, type SweepBenchResult } from "./sweep-bench.js";
import { type Column, renderTable } from "./table.js";
import {
  atLeast,
  atMost,
  mebibytes,
  seconds,
  type TargetRow,
  times,
  type Verdict,
} from "./targets.js";

const experimentsDir = repoFile("experiments/");
const workloadsDir = repoFile("bench/workloads/");
const resultsPath = repoFile("bench/results.json");

/** The issue's target: the kernel within 2× of the bare loop. */
const TARGET_SLOWDOWN = 2;
/** thousand-shards: under 30 s wall and 1 GiB peak resident memory. */
const FAST_PATH_MAX_MS = 30_000;
const FAST_PATH_MAX_MIB = 1024;
/** seven-days: under 2 GiB peak resident memory. */
const LONG_MAX_MIB = 2048;
/**
 * Machine-wide busy cores above this during the 1-worker sweep (which keeps ~1.1 busy by
 * itself) mean other processes shared the cores and the speedup is not trustworthy.
 */
const SWEEP_ONE_WORKER_BUSY_MAX = 1.3;
/** The sweep: at least 1.7× faster on 2 workers than on 1. */
const SWEEP_MIN_SPEEDUP = 1.7;

/**
 * 10 shard counts × 10 replications = 100 runs of quickstart. Each run simulates 90 minutes
 * so that the runs, not Node's and each worker's start-up and JIT warm-up (~2 s, paid on 1
 * worker and on 2 alike), dominate the wall time: at 30 s per run the 100 runs take ~2 s and
 * the worker count hardly matters.
 */
const SWEEP: SweepBenchCase = {
  experiment: "experiments/quickstart.yaml",
  set: ["duration=90m"],
  vary: "stream.shards=2,3,4,5,6,7,8,9,10,11",
  replications: 10,
  runs: 100,
};

/** Alternating rounds of the sweep on 1 and 2 workers; each count's best is kept. */
const SWEEP_ROUNDS = 2;

interface SixteenShardsResult {
  workload: string;
  segment: ExperimentBenchResult;
  record: ExperimentBenchResult;
  references: typeof SIXTEEN_SHARDS_REFERENCES;
  /** Record-mode wall time ÷ the bare loop's reference wall time (target ≤ 2). */
  recordVsBareLoop: number;
  /** SimPy's reference wall time ÷ record-mode wall time (target ≥ 5). */
  recordSpeedupVsSimpy: number;
  /** SimPy's reference wall time ÷ segment-mode wall time (target ≥ 20). */
  segmentSpeedupVsSimpy: number;
}

interface LongResult {
  /** When the long benchmark ran: it is kept across runs that skip it. */
  generatedAt: string;
  machine: MachineInfo;
  sevenDays: ChildWorkloadResult;
  targetMaxRssMiB: number;
  verdict: Verdict;
}

function main(): void {
  const long = process.argv.slice(2).includes("--long");
  const machine = describeMachine();
  // For the record only: the load average lags by a minute, so other processes' share of
  // each measurement is shown beside it (CPU ÷ wall, busy cores) instead.
  const loadAverageAtStart = Math.round((loadavg()[0] ?? 0) * 100) / 100;
  console.log(
    `kinesim bench — node ${machine.node}, ${machine.platform}/${machine.arch}, ` +
      `${machine.cpus.count} × ${machine.cpus.model}, ${machine.totalMemoryGiB} GiB; ` +
      `load average ${loadAverageAtStart.toFixed(2)} at start\n`,
  );
  const kernel = benchKernel({ events: 2_000_000, population: 1_000 });
  console.log(kernelTable(kernel));
  console.log();

  const cases: ExperimentBenchCase[] = [
    ...shippedExperiments(experimentsDir),
    {
      label: "quickstart (record mode)",
      path: join(experimentsDir, "quickstart.yaml"),
      overrides: ["granularity=record"],
    },
  ];
  const experiments = cases.map((bench) => benchExperiment(bench));
  console.log(experimentTable(experiments));
  console.log();

  const sixteenShards = benchSixteenShards();
  console.log(sixteenShardsTable(sixteenShards));
  console.log();

  const fastPath = runWorkloadInChild(
    "thousand-shards",
    join(workloadsDir, "thousand-shards.yaml"),
  );
  const sweep = benchSweep(SWEEP, SWEEP_ROUNDS);
  console.log(childTable("Fast path (child process)", [fastPath]));
  console.log();
  console.log(sweepTable(sweep));
  console.log();

  const previous = readPreviousResults();
  let longResult: LongResult | null;
  if (long) {
    const sevenDays = runWorkloadInChild("seven-days", join(workloadsDir, "seven-days.yaml"));
    longResult = {
      generatedAt: new Date().toISOString(),
      machine,
      sevenDays,
      targetMaxRssMiB: LONG_MAX_MIB,
      verdict: sevenDays.maxRssMiB < LONG_MAX_MIB ? "pass" : "miss",
    };
    console.log(childTable("Memory (child process, npm run bench:long)", [sevenDays]));
  } else {
    longResult = previous.long;
    console.log(
      "Memory (seven-days): skipped — it takes ~3 minutes; run `npm run bench:long`" +
        (longResult === null
          ? "."
          : ` (bench/results.json keeps the last long result, from ${longResult.generatedAt}).`),
    );
  }
  console.log();

  const targets = targetRows(kernel, sixteenShards, fastPath, sweep, longResult, long);
  console.log(targetTable(targets));

  const report = {
    generatedAt: new Date().toISOString(),
    machine,
    loadAverageAtStart,
    kernel,
    experiments,
    sixteenShards,
    fastPath,
    sweep,
    targets,
    long: longResult,
  };
  writeFileSync(resultsPath, `${JSON.stringify(report, null, 2)}\n`);
  const carried =
    long || longResult === null ? "" : ` (seven-days result kept from ${longResult.generatedAt})`;
  console.log(`\nwrote ${resultsPath}${carried}`);
}

function benchSixteenShards(): SixteenShardsResult {
  const path = join(workloadsDir, "sixteen-shards.yaml");
  const segment = benchExperiment({ label: "sixteen-shards", path, overrides: [] });
  // Record mode runs in a fresh process, best of two: in this process, after every shipped
  // experiment has run, the JIT has seen many shapes and the hot path is slower than a
  // user's `kinesim run` would be.
  const record = bestOfChildren(2, () =>
    runWorkloadInChild("sixteen-shards (record mode)", path, ["granularity=record"]),
  );
  const { bareHeapLoop, simpy } = SIXTEEN_SHARDS_REFERENCES;
  return {
    workload: segment.file,
    segment,
    record,
    references: SIXTEEN_SHARDS_REFERENCES,
    recordVsBareLoop: record.wallMs / bareHeapLoop.wallMs,
    recordSpeedupVsSimpy: simpy.wallMs / record.wallMs,
    segmentSpeedupVsSimpy: simpy.wallMs / segment.wallMs,
  };
}

/** The fastest of `runs` child-process runs, as an experiment-bench row. */
function bestOfChildren(runs: number, run: () => ChildWorkloadResult): ExperimentBenchResult {
  let best: ChildWorkloadResult | undefined;
  for (let i = 0; i < runs; i++) {
    const result = run();
    if (best === undefined || result.wallMs < best.wallMs) best = result;
  }
  const {
    label,
    file,
    overrides,
    granularity,
    simulatedSeconds,
    recordsOffered,
    engineEvents,
    wallMs,
    cpuMs,
  } = best as ChildWorkloadResult;
  return {
    label,
    file,
    overrides,
    granularity,
    simulatedSeconds,
    recordsOffered,
    engineEvents,
    wallMs,
    cpuMs,
    runs,
    recordsPerWallSecond: recordsOffered / (wallMs / 1000),
    eventsPerSecond: engineEvents / (wallMs / 1000),
  };
}

/** The last results file's long result, if it has one. */
function readPreviousResults(): { long: LongResult | null } {
  if (!existsSync(resultsPath)) return { long: null };
  try {
    const parsed = JSON.parse(readFileSync(resultsPath, "utf8")) as { long?: LongResult | null };
    return { long: parsed.long ?? null };
  } catch {
    return { long: null };
  }
}

function targetRows(
  kernel: KernelBenchResult,
  sixteen: SixteenShardsResult,
  fastPath: ChildWorkloadResult,
  sweep: SweepBenchResult,
  longResult: LongResult | null,
  ranLong: boolean,
): TargetRow[] {
  const rows: TargetRow[] = [
    atMost("kernel time ÷ bare heap loop", kernel.slowdown, TARGET_SLOWDOWN, times),
    atMost(
      "sixteen-shards record: time ÷ bare loop (ref.)",
      sixteen.recordVsBareLoop,
      RECORD_VS_BARE_MAX,
      times,
    ),
    atLeast(
      "sixteen-shards record: faster than SimPy (ref.)",
      sixteen.recordSpeedupVsSimpy,
      RECORD_VS_SIMPY_MIN,
      times,
    ),
    atLeast(
      "sixteen-shards segment: faster than SimPy (ref.)",
      sixteen.segmentSpeedupVsSimpy,
      SEGMENT_VS_SIMPY_MIN,
      times,
    ),
    atMost("thousand-shards wall time", fastPath.wallMs, FAST_PATH_MAX_MS, seconds),
    atMost("thousand-shards peak RSS", fastPath.maxRssMiB, FAST_PATH_MAX_MIB, mebibytes),
    atLeast(
      `sweep ${sweep.runs} runs: 1 worker ÷ 2 workers`,
      sweep.speedup,
      SWEEP_MIN_SPEEDUP,
      times,
    ),
    {
      benchmark: "sweep JSON output, 1 vs 2 workers",
      measured: sweep.identical ? "identical" : "DIFFERENT",
      target: "byte-identical",
      verdict: sweep.identical ? "pass" : "miss",
    },
  ];
  if (ranLong && longResult !== null) {
    rows.push(
      atMost("seven-days peak RSS", longResult.sevenDays.maxRssMiB, LONG_MAX_MIB, mebibytes),
    );
  } else {
    rows.push({
      benchmark: "seven-days peak RSS",
      measured:
        longResult === null
          ? "not run (bench:long)"
          : `last run: ${mebibytes(longResult.sevenDays.maxRssMiB)} (${longResult.verdict})`,
      target: `≤ ${mebibytes(LONG_MAX_MIB)}`,
      verdict: "skipped",
    });
  }
  return rows;
}

function kernelTable(kernel: KernelBenchResult): string {
  const { workload } = kernel;
  const title =
    `Kernel vs bare heap: ${integer(workload.events)} events, ${integer(workload.population)} ` +
    `pending, delays 1–${workload.maxDelayUs} µs, best of ${workload.runs} after a warm-up`;
  const table = renderTable(
    [
      { header: "loop", align: "left" },
      { header: "events", align: "right" },
      { header: "wall ms", align: "right" },
      { header: "events/s", align: "right" },
    ],
    (
      [
        ["bare heap", kernel.bareHeap],
        ["kinesim kernel", kernel.kernel],
      ] as const
    ).map(([label, loop]) => [
      label,
      integer(loop.events),
      millis(loop.wallMs),
      rate(loop.eventsPerSecond),
    ]),
  );
  const verdict = kernel.slowdown <= TARGET_SLOWDOWN ? "within" : "OUTSIDE";
  const summary =
    `ratio kernel ÷ bare (events/s): ${kernel.ratio.toFixed(2)} ` +
    `(kernel ${kernel.slowdown.toFixed(2)}× the bare loop's time, ${verdict} the ` +
    `${TARGET_SLOWDOWN}× target)` +
    (kernel.sameSchedule ? "" : "\nWARNING: the two loops did not run the same schedule");
  return `${title}\n\n${table}\n\n${summary}`;
}

/** What every throughput row shows: one measured run of one experiment. */
type ThroughputRun = Pick<
  ExperimentBenchResult,
  | "label"
  | "granularity"
  | "simulatedSeconds"
  | "recordsOffered"
  | "engineEvents"
  | "wallMs"
  | "recordsPerWallSecond"
  | "eventsPerSecond"
>;

/** The leading columns of a throughput table, after the label's header. */
const RUN_COLUMNS: readonly Column[] = [
  { header: "mode", align: "left" },
  { header: "sim s", align: "right" },
  { header: "records offered", align: "right" },
  { header: "engine events", align: "right" },
  { header: "wall ms", align: "right" },
];
const RATE_COLUMNS: readonly Column[] = [
  { header: "records/s", align: "right" },
  { header: "events/s", align: "right" },
];

function runCells(run: ThroughputRun): string[] {
  return [
    run.label,
    run.granularity,
    integer(run.simulatedSeconds),
    integer(run.recordsOffered),
    integer(run.engineEvents),
    millis(run.wallMs),
  ];
}

function rateCells(run: ThroughputRun): string[] {
  return [rate(run.recordsPerWallSecond), rate(run.eventsPerSecond)];
}

function experimentTable(results: readonly ExperimentBenchResult[]): string {
  const table = renderTable(
    [
      { header: "experiment", align: "left" },
      ...RUN_COLUMNS,
      { header: "runs", align: "right" },
      ...RATE_COLUMNS,
    ],
    results.map((result) => [...runCells(result), String(result.runs), ...rateCells(result)]),
  );
  return (
    "Shipped experiments (wall time around simulateWithSeries; best of 3 under 2 s; " +
    "records/s and events/s per wall-clock second)\n\n" +
    table
  );
}

function sixteenShardsTable(result: SixteenShardsResult): string {
  const { bareHeapLoop, simpy } = result.references;
  const measured = (run: ExperimentBenchResult) => [
    `kinesim, ${run.granularity} mode`,
    "this run",
    integer(run.engineEvents),
    millis(run.wallMs),
    (run.cpuMs / run.wallMs).toFixed(2),
    rate(run.eventsPerSecond),
    times(run.wallMs / bareHeapLoop.wallMs),
    times(simpy.wallMs / run.wallMs),
  ];
  const reference = (model: { label: string; wallMs: number; eventsPerSecond: number }) => [
    model.label,
    "issue",
    "",
    millis(model.wallMs),
    "",
    rate(model.eventsPerSecond),
    times(model.wallMs / bareHeapLoop.wallMs),
    times(simpy.wallMs / model.wallMs),
  ];
  const table = renderTable(
    [
      { header: "model", align: "left" },
      { header: "source", align: "left" },
      { header: "events", align: "right" },
      { header: "wall ms", align: "right" },
      { header: "CPU ÷ wall", align: "right" },
      { header: "events/s", align: "right" },
      { header: "time ÷ bare", align: "right" },
      { header: "× SimPy speed", align: "right" },
    ],
    [measured(result.segment), measured(result.record), reference(bareHeapLoop), reference(simpy)],
  );
  return (
    `sixteen-shards (${result.workload}: 16 shards, 100,000 records/s Poisson, 1 KB, ` +
    "one-second windows, one consumer polling every 200 ms, 60 s simulated; best of 3 under " +
    `2 s)\n\n${table}\n\nThe bare-loop and SimPy rows are reference figures from ` +
    `${result.references.source}; the ratios compare this run's wall times with them.`
  );
}

function childTable(title: string, results: readonly ChildWorkloadResult[]): string {
  const table = renderTable(
    [
      { header: "workload", align: "left" },
      ...RUN_COLUMNS,
      { header: "CPU ÷ wall", align: "right" },
      ...RATE_COLUMNS,
      { header: "peak RSS", align: "right" },
    ],
    results.map((result) => [
      ...runCells(result),
      (result.cpuMs / result.wallMs).toFixed(2),
      ...rateCells(result),
      mebibytes(result.maxRssMiB),
    ]),
  );
  return (
    `${title}: one run in a fresh node process; wall time around simulateWithSeries, peak RSS ` +
    `of the whole process (process.resourceUsage().maxRSS); CPU ÷ wall well under 1 means ` +
    `other processes took the core\n\n${table}`
  );
}

function sweepTable(sweep: SweepBenchResult): string {
  const table = renderTable(
    [
      { header: "workers", align: "right" },
      { header: "runs", align: "right" },
      { header: "best wall ms", align: "right" },
      { header: "every round, ms", align: "right" },
      { header: "busy cores", align: "right" },
      { header: "runs/s", align: "right" },
    ],
    sweep.timings.map((timing) => [
      String(timing.workers),
      String(sweep.runs),
      millis(timing.wallMs),
      timing.roundsMs.map(millis).join(", "),
      timing.roundsBusyCores.map((cores) => cores.toFixed(2)).join(", "),
      timing.runsPerSecond.toFixed(1),
    ]),
  );
  const outputs = sweep.rounds * sweep.timings.length;
  const identical = sweep.identical
    ? `all ${outputs} --json outputs byte-identical (${integer(sweep.outputBytes)} bytes each)`
    : `the ${outputs} --json outputs are NOT byte-identical`;
  const one = sweep.timings.find((timing) => timing.workers === 1);
  const disturbed = (one?.roundsBusyCores ?? []).some((cores) => cores > SWEEP_ONE_WORKER_BUSY_MAX);
  const warning = disturbed
    ? "\nWARNING: other processes used the CPU during the 1-worker sweep (busy cores above " +
      `${SWEEP_ONE_WORKER_BUSY_MAX}); the speedup is not reliable, run the bench again.`
    : "";
  return (
    `Sweep: ${sweep.command}\n(wall time of each CLI child process, Node start-up included; ` +
    `${sweep.rounds} alternating rounds, best kept; busy cores: machine-wide, all ` +
    `processes, ~1.1 for 1 worker and ~2 for 2 on a quiet machine)\n\n${table}\n\n` +
    `speedup 1 → 2 workers: ${times(sweep.speedup)}; ${identical}${warning}`
  );
}

function targetTable(rows: readonly TargetRow[]): string {
  const table = renderTable(
    [
      { header: "target", align: "left" },
      { header: "measured", align: "right" },
      { header: "goal", align: "right" },
      { header: "result", align: "left" },
    ],
    rows.map((row) => [row.benchmark, row.measured, row.target, row.verdict]),
  );
  return `Issue targets ("ref." = against the issue's reference wall times)\n\n${table}`;
}

main();
