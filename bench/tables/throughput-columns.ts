import type { ExperimentBenchResult } from "../experiment-bench.js";
import { integer, millis, rate } from "../format.js";
import type { Column } from "../table.js";

/** What every throughput row shows: one measured run of one experiment. */
export type ThroughputRun = Pick<
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
export const RUN_COLUMNS: readonly Column[] = [
  { header: "mode", align: "left" },
  { header: "sim s", align: "right" },
  { header: "records offered", align: "right" },
  { header: "engine events", align: "right" },
  { header: "wall ms", align: "right" },
];

export const RATE_COLUMNS: readonly Column[] = [
  { header: "records/s", align: "right" },
  { header: "events/s", align: "right" },
];

export function runCells(run: ThroughputRun): string[] {
  return [
    run.label,
    run.granularity,
    integer(run.simulatedSeconds),
    integer(run.recordsOffered),
    integer(run.engineEvents),
    millis(run.wallMs),
  ];
}

export function rateCells(run: ThroughputRun): string[] {
  return [rate(run.recordsPerWallSecond), rate(run.eventsPerSecond)];
}
