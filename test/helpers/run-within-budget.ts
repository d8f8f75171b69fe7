import { kinesimWithin, type RunBudget } from "./cli-bounded.js";

/**
 * The outcome of a command run under a budget: `undefined` when it kept kinesim's promise about
 * input (exit 0 with a clean stderr, or exit 2 with one line on stderr and nothing on stdout),
 * otherwise a one-paragraph account of what went wrong, for the test's failure message.
 */
export function brokenPromise(args: readonly string[], budget: RunBudget): string | undefined {
  const run = kinesimWithin(budget, args);
  const { stderr, stdout } = run;
  const tail = stderr.trim().split("\n").slice(-3).join(" | ");
  const limits = `${budget.timeoutMs / 1000} s or ${budget.heapMb} MiB`;
  if (run.error !== undefined && run.signal === null) return `could not run: ${run.error.message}`;
  if (run.signal !== null) return `killed by ${run.signal} (over ${limits}); stderr: ${tail}`;
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
