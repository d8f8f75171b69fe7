import { spawnSync } from "node:child_process";
import { bin, repoRoot } from "./cli.js";

/** What a child process may spend on one `kinesim` command before the test calls it a failure. */
export interface Budget {
  /** Wall-clock limit; the child is killed when it passes it. */
  readonly seconds: number;
  /** V8 heap limit (`--max-old-space-size`): a run that needs more aborts, which fails the test. */
  readonly heapMiB: number;
}

/**
 * The outcome of a command run under a budget: `undefined` when it kept kinesim's promise about
 * input (exit 0 with a clean stderr, or exit 2 with one line on stderr and nothing on stdout),
 * otherwise a one-paragraph account of what went wrong, for the test's failure message.
 */
export function brokenPromise(args: readonly string[], budget: Budget): string | undefined {
  const run = spawnSync(
    process.execPath,
    [`--max-old-space-size=${budget.heapMiB}`, bin, ...args],
    {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: budget.seconds * 1000,
      killSignal: "SIGKILL",
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, CI: "true" },
    },
  );
  const stderr = run.stderr ?? "";
  const stdout = run.stdout ?? "";
  const tail = stderr.trim().split("\n").slice(-3).join(" | ");
  if (run.error !== undefined && run.signal === null) return `could not run: ${run.error.message}`;
  if (run.signal !== null) {
    return `killed by ${run.signal} (over ${budget.seconds} s or ${budget.heapMiB} MiB); stderr: ${tail}`;
  }
  if (run.status === 2) {
    const lines = stderr.trimEnd().split("\n");
    if (lines.length !== 1 || lines[0] === "") return `exit 2 without one line: ${tail}`;
    if (/internal error|invariant|\bat .*:\d+:\d+/i.test(stderr))
      return `exit 2 hides a bug: ${tail}`;
    if (stdout !== "") return "exit 2 after writing to stdout";
    return undefined;
  }
  if (run.status !== 0) return `exit ${run.status}: ${tail}`;
  if (/Error|\bat .*:\d+:\d+/.test(stderr)) return `exit 0 with an error on stderr: ${tail}`;
  if (args.includes("--json") && !isOneJsonObject(stdout)) return "--json printed no JSON object";
  return undefined;
}

function isOneJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value);
  } catch {
    return false;
  }
}
