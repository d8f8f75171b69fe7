import type { ChildWorkloadResult } from "../child-workload.js";
import { renderTable } from "../table.js";
import { mebibytes } from "../targets.js";
import { RATE_COLUMNS, RUN_COLUMNS, rateCells, runCells } from "./throughput-columns.js";

/** Workloads run once each in a fresh node process (bench/run-workload.ts). */
export function childTable(title: string, results: readonly ChildWorkloadResult[]): string {
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
