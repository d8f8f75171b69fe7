import type { RunResult, RunSeries } from "./result-types.js";

/** Everything one run produced. */
export interface RunOutput {
  readonly result: RunResult;
  readonly series: RunSeries;
}
