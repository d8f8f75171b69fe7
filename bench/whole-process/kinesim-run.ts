import { parseRunSummary, type RunSummary } from "./run-summary.js";
import { type ChildUsage, timeNode } from "./time-process.js";

/** One whole-process `kinesim run`, with what its summary said. */
export interface KinesimRun {
  readonly wallMs: number;
  readonly usage: ChildUsage;
  readonly summary: RunSummary;
}

/**
 * `node bin/kinesim.js run <experiment> [--set …]`, as a user runs it (the text summary,
 * no --json), timed as a whole process with its peak resident set.
 */
export function runKinesim(experiment: string, sets: readonly string[] = []): KinesimRun {
  const args = ["bin/kinesim.js", "run", experiment, ...sets.flatMap((set) => ["--set", set])];
  const timing = timeNode(args, true);
  const label = `kinesim run ${experiment} ${sets.join(" ")}`.trim();
  if (timing.status !== 0) throw new Error(`${label}: exited with ${timing.status}`);
  const summary = parseRunSummary(timing.stdout);
  if (summary === undefined) throw new Error(`${label}: no "simulated in" line in its summary`);
  if (timing.usage === undefined) throw new Error(`${label}: no resource usage reported`);
  return { wallMs: timing.wallMs, usage: timing.usage, summary };
}
