import { integer, millis } from "../format.js";
import type { SweepBenchResult } from "../sweep-bench.js";
import { renderTable } from "../table.js";
import { times } from "../targets.js";

/**
 * Machine-wide busy cores above this during the 1-worker sweep (which keeps ~1.1 busy by
 * itself) mean other processes shared the cores and the speedup is not trustworthy.
 */
const SWEEP_ONE_WORKER_BUSY_MAX = 1.3;

/** Extra rows: the 100-run sweep on 1 and 2 workers. */
export function sweepTable(sweep: SweepBenchResult): string {
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
    `Extra: sweep: ${sweep.command}\n(wall time of each CLI child process, Node start-up ` +
    `included; ${sweep.rounds} alternating round(s), best kept; busy cores: machine-wide, all ` +
    `processes, ~1.1 for 1 worker and ~2 for 2 on a quiet machine)\n\n${table}\n\n` +
    `speedup 1 → 2 workers: ${times(sweep.speedup)}; ${identical}${warning}`
  );
}
