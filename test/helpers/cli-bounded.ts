import { spawnSync } from "node:child_process";
import { bin, type CliRun, repoRoot } from "./cli.js";

/** Limits for a `kinesim` run given an input that once took too much memory or time. */
export interface RunBudget {
  /** V8's heap limit (node's --max-old-space-size), so a regression fails instead of swapping. */
  readonly heapMb: number;
  /** Killed after this long (status null), so a regression fails instead of hanging. */
  readonly timeoutMs: number;
  /** Extra environment variables. */
  readonly env?: Record<string, string>;
}

/** Runs the built `kinesim` like `kinesim()` does, within a heap limit and a time limit. */
export function kinesimWithin(budget: RunBudget, args: string[], cwd = repoRoot): CliRun {
  const run = spawnSync(process.execPath, [`--max-old-space-size=${budget.heapMb}`, bin, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CI: "true", ...budget.env },
    timeout: budget.timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
