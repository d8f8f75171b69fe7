/**
 * `npm run bench`: issue 14's table at default settings, each figure a whole process (Node's
 * start-up included, as a user waits for it) and printed beside its goal; then the extra
 * rows (the kernel against a bare heap loop, every shipped experiment in a warm process, the
 * tuned 1,000-shard workload, its traffic on too few shards, a sweep on 1 and 2 workers).
 * Flags (bench/options.ts): --full runs every long workload in full instead of scaling it
 * from a measured prefix, --tests times `npm test`, --long adds the seven-days memory run,
 * --simpy-rounds N. Merges the results into bench/results.json with the date and machine
 * (design.md §16). Timings live here only, never in tests.
 */
import { loadavg } from "node:os";
import { join } from "node:path";
import { benchExperiment, shippedExperiments } from "./experiment-bench.js";
import { benchEfoDay, efoDayRows } from "./issue/efo-day.js";
import { benchEfoVsPolling, efoVsPollingRows } from "./issue/efo-vs-polling.js";
import { benchNpmTest, npmTestRow } from "./issue/npm-test.js";
import { benchSimpy, simpyRows } from "./issue/simpy.js";
import { benchStartup, startupRows } from "./issue/startup.js";
import { benchThousandShards, thousandShardsRows } from "./issue/thousand-shards.js";
import { benchKernel } from "./kernel-bench.js";
import { describeMachine } from "./machine.js";
import { median } from "./median.js";
import { parseOptions } from "./options.js";
import { benchOverloaded, overloadedRows } from "./overloaded.js";
import { repoFile } from "./paths.js";
import { BARE_HEAP_LOOP_REFERENCE, RECORD_VS_BARE_MAX } from "./references.js";
import { readPreviousLong, resultsPath, writeResults } from "./results-file.js";
import { runSevenDays, sevenDaysRow } from "./seven-days.js";
import { benchSweep, type SweepBenchCase } from "./sweep-bench.js";
import { experimentTable } from "./tables/experiment-table.js";
import { kernelTable } from "./tables/kernel-table.js";
import { prefixTable } from "./tables/prefix-table.js";
import { simpyTable } from "./tables/simpy-table.js";
import { sweepTable } from "./tables/sweep-table.js";
import { targetTable } from "./tables/target-table.js";
import { atLeast, atMost, type TargetRow, times } from "./targets.js";

/** issue 3's target: the kernel within 2× of the bare loop. */
const KERNEL_MAX_SLOWDOWN = 2;
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

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const machine = describeMachine();
  // For the record only: the load average lags by a minute, so other processes' share of
  // each measurement is shown beside it (CPU ÷ wall, busy cores) instead.
  const loadAverageAtStart = Math.round((loadavg()[0] ?? 0) * 100) / 100;
  const startedAt = new Date();
  console.log(
    `kinesim bench — ${startedAt.toISOString()}; node ${machine.node}, ${machine.platform}/` +
      `${machine.arch}, ${machine.cpus.count} × ${machine.cpus.model}, ` +
      `${machine.totalMemoryGiB} GiB; load average ${loadAverageAtStart.toFixed(2)} at start\n`,
  );

  // Issue 14's table, at default settings, whole processes.
  const thousandShards = benchThousandShards(options.full);
  const efoDay = benchEfoDay(options.full);
  const efoVsPolling = benchEfoVsPolling();
  const startup = benchStartup();
  const simpy = benchSimpy(options.simpyRounds);
  const npmTest = options.tests ? benchNpmTest() : null;
  const issueRows: TargetRow[] = [
    ...thousandShardsRows("1,000 shards × 1 M records/s × 1 h, defaults", thousandShards),
    ...efoDayRows(efoDay),
    ...efoVsPollingRows(efoVsPolling),
    ...startupRows(startup),
    ...simpyRows(simpy),
    npmTestRow(npmTest),
  ];
  console.log(simpyTable(simpy));
  console.log();

  // Extra rows: tuned workloads and measurements inside the bench's own process.
  const tuned = benchThousandShards(options.full, true);
  console.log(
    prefixTable([
      ["thousand-shards, defaults (10 ms)", thousandShards],
      ["thousand-shards-100ms (tuned)", tuned],
    ]),
  );
  console.log();
  const kernel = benchKernel({ events: 2_000_000, population: 1_000 });
  console.log(kernelTable(kernel, KERNEL_MAX_SLOWDOWN));
  console.log();
  const experiments = [
    ...shippedExperiments(repoFile("experiments/")),
    {
      label: "quickstart (record mode)",
      path: join(repoFile("experiments/"), "quickstart.yaml"),
      overrides: ["granularity=record"],
    },
  ].map((bench) => benchExperiment(bench));
  console.log(experimentTable(experiments));
  console.log();
  const overloaded = benchOverloaded();
  const sweep = benchSweep(SWEEP, options.full ? 2 : 1);
  console.log(sweepTable(sweep));
  console.log();
  const long = options.long ? runSevenDays(machine) : readPreviousLong();

  const recordSimulationMs = median(simpy.record.map((run) => run.summary.simulationMs));
  const extraRows: TargetRow[] = [
    ...thousandShardsRows("1,000 shards × 1 h at resolution 100ms (tuned)", tuned),
    ...overloadedRows(overloaded),
    atMost("kernel time ÷ bare heap loop", kernel.slowdown, KERNEL_MAX_SLOWDOWN, times),
    {
      ...atMost(
        "16 shards record mode: simulation ÷ bare loop (ref.)",
        recordSimulationMs / BARE_HEAP_LOOP_REFERENCE.wallMs,
        RECORD_VS_BARE_MAX,
        times,
      ),
      basis: `the summary's own time against ${BARE_HEAP_LOOP_REFERENCE.source}`,
    },
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
    sevenDaysRow(long, options.long),
  ];
  console.log(
    targetTable(
      "Extra rows (tuned workloads, warm-process measurements, issue 3's targets)",
      extraRows,
    ),
  );
  console.log();
  console.log(
    targetTable(
      `Issue 14 at default settings, whole process — ${startedAt.toISOString().slice(0, 10)}, ` +
        `${machine.cpus.count} × ${machine.cpus.model}, load average ` +
        `${loadAverageAtStart.toFixed(2)} at start`,
      issueRows,
    ),
  );

  writeResults({
    generatedAt: startedAt.toISOString(),
    machine,
    loadAverageAtStart,
    options,
    issue14: {
      rows: issueRows,
      thousandShards,
      efoDay,
      efoVsPolling,
      startup,
      simpy,
      npmTest,
    },
    extra: { rows: extraRows, tuned, overloaded, kernel, experiments, sweep },
    long,
  });
  const carried =
    options.long || long === null ? "" : ` (seven-days kept from ${long.generatedAt})`;
  console.log(`\nwrote ${resultsPath}${carried}`);
}

main();
