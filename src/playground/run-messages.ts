import type { RunResult } from "../index.js";
import type { ReportFigure } from "../report/report-figure.js";

/** What the page asks the simulation worker to run. */
export interface RunRequest {
  /** Answers carry it back, so the page can ignore the answers of a run it no longer wants. */
  readonly id: number;
  /** The experiment YAML, exactly as in the text box (the sliders' edits are in it). */
  readonly text: string;
  /** `experiments/hot-key.yaml`: names the run and positions YAML errors. */
  readonly fileName: string;
}

/** What the worker answers: progress while it runs, then the outcome. */
export type RunAnswer =
  | { readonly id: number; readonly kind: "progress"; readonly fraction: number }
  | { readonly id: number; readonly kind: "user-error"; readonly message: string }
  | { readonly id: number; readonly kind: "failure"; readonly message: string }
  | {
      readonly id: number;
      readonly kind: "done";
      readonly result: RunResult;
      readonly figures: readonly ReportFigure[];
      readonly leftOut: readonly string[];
    };
