import type { ExperimentBenchResult } from "../experiment-bench.js";
import { renderTable } from "../table.js";
import { RATE_COLUMNS, RUN_COLUMNS, rateCells, runCells } from "./throughput-columns.js";

/** Extra rows: every shipped experiment, timed inside the bench's own (warm) process. */
export function experimentTable(results: readonly ExperimentBenchResult[]): string {
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
    "Extra: shipped experiments in a warm process (wall time around simulateWithSeries; best " +
    "of 3 under 2 s; records/s and events/s per wall-clock second)\n\n" +
    table
  );
}
