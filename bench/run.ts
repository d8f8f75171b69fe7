/**
 * `npm run bench`: the kernel against a bare heap loop, then every shipped experiment.
 * Prints tables and writes bench/results.json (DESIGN.md "Performance"). Timings live here
 * only, never in tests.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  benchExperiment,
  type ExperimentBenchCase,
  type ExperimentBenchResult,
  shippedExperiments,
} from "./experiment-bench.js";
import { integer, millis, rate } from "./format.js";
import { benchKernel, type KernelBenchResult } from "./kernel-bench.js";
import { describeMachine } from "./machine.js";
import { renderTable } from "./table.js";

// Compiled to dist/bench/run.js, so the repo root is two levels up.
const repoRoot = new URL("../../", import.meta.url);
const experimentsDir = fileURLToPath(new URL("experiments/", repoRoot));
const resultsPath = fileURLToPath(new URL("bench/results.json", repoRoot));

/** The target: the kernel within 2× of the bare loop. */
const TARGET_SLOWDOWN = 2;

function main(): void {
  const machine = describeMachine();
  console.log(
    `kinesim bench — node ${machine.node}, ${machine.platform}/${machine.arch}, ` +
      `${machine.cpus.count} × ${machine.cpus.model}, ${machine.totalMemoryGiB} GiB\n`,
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

  const report = { generatedAt: new Date().toISOString(), machine, kernel, experiments };
  writeFileSync(resultsPath, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${resultsPath}`);
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

function experimentTable(results: readonly ExperimentBenchResult[]): string {
  const table = renderTable(
    [
      { header: "experiment", align: "left" },
      { header: "mode", align: "left" },
      { header: "sim s", align: "right" },
      { header: "records offered", align: "right" },
      { header: "engine events", align: "right" },
      { header: "wall ms", align: "right" },
      { header: "runs", align: "right" },
      { header: "records/s", align: "right" },
      { header: "events/s", align: "right" },
    ],
    results.map((result) => [
      result.label,
      result.granularity,
      integer(result.simulatedSeconds),
      integer(result.recordsOffered),
      integer(result.engineEvents),
      millis(result.wallMs),
      String(result.runs),
      rate(result.recordsPerWallSecond),
      rate(result.eventsPerSecond),
    ]),
  );
  return (
    "Shipped experiments (wall time around runExperiment; best of 3 under 2 s; " +
    "records/s and events/s per wall-clock second)\n\n" +
    table
  );
}

main();
