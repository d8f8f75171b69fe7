import { spawnSync } from "node:child_process";
import { bin, type CliRun, repoRoot } from "./cli.js";

/** Limits for a `kinesim` run given an input that once took too much memory or time. */
export interface RunBudget {
  /** V8's heap limit (node's --max-old-space-size), so a regression fails instead of swapping. */
  readonly heapMb: number;
  /** Killed (SIGKILL) after this long, so a regression fails instead of hanging. */
  readonly timeoutMs: number;
  /** Extra environment variables. */
  readonly env?: Record<string, string>;
}

/** A bounded run: `signal` is set when it was killed for time or aborted for memory. */
export interface BoundedRun extends CliRun {
  readonly signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  readonly error?: Error;
}

/** Runs the built `kinesim` like `kinesim()` does, within a heap limit and a time limit. */
export function kinesimWithin(
  budget: RunBudget,
  args: readonly string[],
  cwd = repoRoot,
): BoundedRun {
  const run = spawnSync(process.execPath, [`--max-old-space-size=${budget.heapMb}`, bin, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CI: "true", ...budget.env },
    timeout: budget.timeoutMs,
    killSignal: "SIGKILL",
    maxBuffer: 256 * 1024 * 1024,
  });
  return {
    status: run.status,
    signal: run.signal,
    stdout: run.stdout ?? "",
    stderr: run.stderr ?? "",
    ...(run.error === undefined ? {} : { error: run.error }),
  };
}
