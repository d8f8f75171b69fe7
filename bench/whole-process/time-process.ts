import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../paths.js";

/** One whole-process run, timed from the parent: start-up, work and exit all included. */
export interface ProcessTiming {
  readonly wallMs: number;
  readonly status: number | null;
  readonly stdout: string;
  /** The child's own peak resident set and CPU time, when it was a node child asked for them. */
  readonly usage?: ChildUsage;
}

export interface ChildUsage {
  readonly maxRssMiB: number;
  readonly cpuMs: number;
}

const usageHook = pathToFileURL(
  join(repoRoot, "dist", "bench", "whole-process", "usage-hook.js"),
).href;

/**
 * Runs `command args` to completion from the repository root and times it with
 * `process.hrtime` around `spawnSync`: what a user waits for at the prompt. stdout is piped
 * (kept for parsing), stderr goes to the bench's own stderr.
 */
export function timeProcess(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ProcessTiming {
  const started = process.hrtime.bigint();
  const child = spawnSync(command, args, {
    cwd: repoRoot,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.error !== undefined) throw child.error;
  return { wallMs, status: child.status, stdout: child.stdout };
}

/**
 * Runs `node args` as a whole process; with `usage`, the child also reports its peak resident
 * set and CPU time through the exit hook (one extra small module loaded, so leave it off
 * where start-up itself is measured).
 */
export function timeNode(args: readonly string[], usage = false): ProcessTiming {
  if (!usage) return timeProcess(process.execPath, args);
  const dir = mkdtempSync(join(tmpdir(), "kinesim-bench-"));
  const out = join(dir, "usage.json");
  try {
    const timing = timeProcess(process.execPath, ["--import", usageHook, ...args], {
      ...process.env,
      KINESIM_BENCH_USAGE: out,
    });
    const raw = JSON.parse(readFileSync(out, "utf8")) as { maxRssKiB: number; cpuMs: number };
    return { ...timing, usage: { maxRssMiB: raw.maxRssKiB / 1024, cpuMs: raw.cpuMs } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
