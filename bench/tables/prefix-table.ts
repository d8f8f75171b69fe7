import type { PrefixOrFullResult } from "../issue/prefix-or-full.js";
import { renderTable } from "../table.js";
import { mebibytes, seconds } from "../targets.js";
import type { KinesimRun } from "../whole-process/kinesim-run.js";

/** Long workloads: the measured prefix and, when run, the whole workload, whole processes. */
export function prefixTable(rows: readonly [string, PrefixOrFullResult][]): string {
  const cells = (label: string, run: KinesimRun, simulatedSeconds: number) => [
    label,
    `${simulatedSeconds / 60} min`,
    run.summary.engineEvents.toLocaleString("en-US"),
    seconds(run.summary.simulationMs),
    seconds(run.wallMs),
    (run.usage.cpuMs / run.wallMs).toFixed(2),
    mebibytes(run.usage.maxRssMiB),
  ];
  const table = renderTable(
    [
      { header: "workload", align: "left" },
      { header: "simulated", align: "right" },
      { header: "engine events", align: "right" },
      { header: "simulation", align: "right" },
      { header: "whole process", align: "right" },
      { header: "CPU ÷ wall", align: "right" },
      { header: "peak RSS", align: "right" },
    ],
    rows.flatMap(([label, result]) => [
      cells(`${label}, prefix`, result.prefix, result.prefixSeconds),
      ...(result.full === undefined ? [] : [cells(label, result.full, result.fullSeconds)]),
    ]),
  );
  return (
    "1,000-shard hours, whole processes (`kinesim run`, text summary; peak RSS and CPU from " +
    "the child's process.resourceUsage(); CPU ÷ wall well under 1 means other processes " +
    `took the core)\n\n${table}`
  );
}
