import { integer } from "../format.js";
import type { SimpyResult } from "../issue/simpy.js";
import { median } from "../median.js";
import { renderTable } from "../table.js";
import type { KinesimRun } from "../whole-process/kinesim-run.js";

/**
 * Row 6 in detail: each model's whole-process wall times and what it computed, so that the
 * SimPy model's counts and latency can be set beside kinesim's (they agree within sampling
 * noise when the two model the same thing).
 */
export function simpyTable(result: SimpyResult): string {
  const walls = (ms: readonly number[]) => ms.map((value) => (value / 1000).toFixed(2)).join(", ");
  const kinesimRow = (label: string, runs: readonly KinesimRun[]) => {
    const first = runs[0]?.summary;
    return [
      label,
      (median(runs.map((run) => run.wallMs)) / 1000).toFixed(2),
      walls(runs.map((run) => run.wallMs)),
      integer(first?.engineEvents ?? Number.NaN),
      integer(first?.recordsOffered ?? Number.NaN),
      integer(first?.recordsAccepted ?? Number.NaN),
      `${integer(first?.latencyP50Ms ?? Number.NaN)} ms`,
    ];
  };
  const rows = [
    kinesimRow("kinesim, default (segment) mode", result.segment),
    kinesimRow("kinesim, record mode", result.record),
  ];
  const simpy = result.simpy[0]?.output;
  if (simpy !== undefined) {
    rows.unshift([
      `${simpy.model} model (${result.rounds} runs)`,
      (median(result.simpy.map((run) => run.wallMs)) / 1000).toFixed(2),
      walls(result.simpy.map((run) => run.wallMs)),
      integer(simpy.events),
      integer(simpy.offered),
      integer(simpy.accepted),
      `${integer(simpy.latencyP50Ms)} ms`,
    ]);
  }
  const table = renderTable(
    [
      { header: "model", align: "left" },
      { header: "median s", align: "right" },
      { header: "each run, s", align: "left" },
      { header: "events", align: "right" },
      { header: "offered", align: "right" },
      { header: "accepted", align: "right" },
      { header: "latency p50", align: "right" },
    ],
    rows,
  );
  return (
    "Row 6 in detail: bench/workloads/sixteen-shards.yaml (16 shards, 100,000 records/s " +
    "Poisson, 1 KB, PutRecord without retries, one-second windows, one application polling " +
    "every 200 ms, 60 s) and bench/reference/sixteen_shards_simpy.py, whole processes, " +
    `alternating; ${result.python}\n\n${table}`
  );
}
