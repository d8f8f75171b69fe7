import { median, pairRatios } from "../median.js";
import { atMost, type TargetRow, times } from "../targets.js";
import { alternate } from "../whole-process/alternate.js";
import { type KinesimRun, runKinesim } from "../whole-process/kinesim-run.js";
import { EFO_VS_POLLING_MAX } from "./goals.js";

const FILE = "bench/workloads/efo-sixty-four-shards.yaml";
/** The same application polling every second instead (the file's own comment says so). */
const POLLING = "consumers=[{name: reader, pollInterval: 1s, startAt: TRIM_HORIZON}]";
const ROUNDS = 3;

export interface EfoVsPollingResult {
  readonly file: string;
  readonly efo: readonly KinesimRun[];
  readonly polling: readonly KinesimRun[];
  /** EFO's engine events ÷ polling's (the runs are deterministic: one number). */
  readonly eventsRatio: number;
  /** Median of the per-round whole-process wall-time ratios, EFO ÷ polling. */
  readonly wallRatio: number;
  /** The same for the simulation's own time, as the summaries print it. */
  readonly simulationRatio: number;
}

/** Row 3: 64 shards, 40,000 records/s, 2 min, one application by EFO and by polling. */
export function benchEfoVsPolling(): EfoVsPollingResult {
  const runs = alternate(ROUNDS, {
    polling: () => runKinesim(FILE, [POLLING]),
    efo: () => runKinesim(FILE, []),
  });
  const efo = runs.efo as KinesimRun[];
  const polling = runs.polling as KinesimRun[];
  const events = (list: readonly KinesimRun[]) => list[0]?.summary.engineEvents ?? Number.NaN;
  return {
    file: FILE,
    efo,
    polling,
    eventsRatio: events(efo) / events(polling),
    wallRatio: median(
      pairRatios(
        efo.map((run) => run.wallMs),
        polling.map((run) => run.wallMs),
      ),
    ),
    simulationRatio: median(
      pairRatios(
        efo.map((run) => run.summary.simulationMs),
        polling.map((run) => run.summary.simulationMs),
      ),
    ),
  };
}

export function efoVsPollingRows(result: EfoVsPollingResult): TargetRow[] {
  const count = (list: readonly KinesimRun[]) =>
    (list[0]?.summary.engineEvents ?? 0).toLocaleString("en-US");
  const wallMedian = (list: readonly KinesimRun[]) =>
    `${(median(list.map((run) => run.wallMs)) / 1000).toFixed(2)} s`;
  const events = atMost(
    "64 shards, 2 min: EFO ÷ polling, engine events",
    result.eventsRatio,
    EFO_VS_POLLING_MAX,
    times,
  );
  events.basis = `${count(result.efo)} against ${count(result.polling)}`;
  const wall = atMost(
    "64 shards, 2 min: EFO ÷ polling, wall time",
    result.wallRatio,
    EFO_VS_POLLING_MAX,
    times,
  );
  wall.basis =
    `median of ${result.efo.length} paired ratios; medians ${wallMedian(result.efo)} and ` +
    `${wallMedian(result.polling)}; simulation alone ${times(result.simulationRatio)}`;
  return [events, wall];
}
