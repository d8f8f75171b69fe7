import { atMost, seconds, type TargetRow } from "../targets.js";
import { timeProcess } from "../whole-process/time-process.js";
import { NPM_TEST_MAX_MS } from "./goals.js";

export interface NpmTestResult {
  readonly wallMs: number;
  readonly status: number | null;
}

/**
 * Row 7: `npm test` as a whole process (lint, builds, type checks and every test). Several
 * minutes, so only with `--tests`; its output is kept out of the bench's.
 */
export function benchNpmTest(): NpmTestResult {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const timing = timeProcess(npm, ["test"]);
  return { wallMs: timing.wallMs, status: timing.status };
}

export function npmTestRow(result: NpmTestResult | null): TargetRow {
  const label = "npm test, whole";
  if (result === null) {
    return {
      benchmark: label,
      measured: "not measured",
      target: `< ${seconds(NPM_TEST_MAX_MS)}`,
      verdict: "not measured",
      basis: "takes minutes: `npm run bench -- --tests` times it",
    };
  }
  const row = atMost(label, result.wallMs, NPM_TEST_MAX_MS, seconds);
  if (result.status !== 0) {
    row.verdict = "miss";
    row.basis = `npm test failed (exit ${result.status})`;
  }
  return row;
}
