import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { fromRepoRoot, repoRoot } from "./paths.js";
import type { WorkloadChildOutput } from "./run-workload.js";

export interface ChildWorkloadResult extends WorkloadChildOutput {
  label: string;
  file: string;
  overrides: string[];
  eventsPerSecond: number;
  recordsPerWallSecond: number;
}

const childScript = fileURLToPath(new URL("./run-workload.js", import.meta.url));

/**
 * Runs one experiment in a fresh `node` process (bench/run-workload.ts), so its peak memory
 * is its own and not the bench's.
 */
export function runWorkloadInChild(
  label: string,
  path: string,
  overrides: readonly string[] = [],
): ChildWorkloadResult {
  const child = spawnSync(process.execPath, [childScript, path, ...overrides], {
    cwd: repoRoot,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1024 * 1024,
  });
  if (child.error !== undefined) throw child.error;
  if (child.status !== 0)
    throw new Error(`${label}: child exited with ${child.status ?? child.signal}`);
  const output = JSON.parse(child.stdout) as WorkloadChildOutput;
  const wallSeconds = output.wallMs / 1000;
  return {
    label,
    file: fromRepoRoot(path),
    overrides: [...overrides],
    ...output,
    eventsPerSecond: output.engineEvents / wallSeconds,
    recordsPerWallSecond: output.recordsOffered / wallSeconds,
  };
}
