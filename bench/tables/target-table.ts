import { renderTable } from "../table.js";
import type { TargetRow } from "../targets.js";

/**
 * Figures beside their goals. The last column says how a figure was obtained when it was not
 * measured plainly (scaled from a prefix, the median of paired ratios, not run), so a reader
 * never takes an estimate for a measurement.
 */
export function targetTable(title: string, rows: readonly TargetRow[]): string {
  const table = renderTable(
    [
      { header: "row", align: "left" },
      { header: "measured", align: "right" },
      { header: "goal", align: "right" },
      { header: "result", align: "left" },
      { header: "how", align: "left" },
    ],
    rows.map((row) => [row.benchmark, row.measured, row.target, row.verdict, row.basis ?? ""]),
  );
  return `${title}\n\n${table}`;
}
