/** The performance targets, each row with what was measured and whether it was met. */

/**
 * "not measured": the figure could not be taken here (a tool missing, or left out by default
 * and asked for with a flag); "skipped": taken on an earlier run, shown for reference.
 */
export type Verdict = "pass" | "miss" | "skipped" | "not measured";

export interface TargetRow {
  benchmark: string;
  measured: string;
  target: string;
  verdict: Verdict;
  /** How the figure was obtained when it is not a plain measurement (e.g. scaled from a prefix). */
  basis?: string;
}

/** A row for a measured value that must be at most `limit`. */
export function atMost(
  benchmark: string,
  value: number,
  limit: number,
  show: (value: number) => string,
): TargetRow {
  return {
    benchmark,
    measured: show(value),
    target: `≤ ${show(limit)}`,
    verdict: value <= limit ? "pass" : "miss",
  };
}

/** A row for a measured value that must be at least `limit`. */
export function atLeast(
  benchmark: string,
  value: number,
  limit: number,
  show: (value: number) => string,
): TargetRow {
  return {
    benchmark,
    measured: show(value),
    target: `≥ ${show(limit)}`,
    verdict: value >= limit ? "pass" : "miss",
  };
}

/** "1.75×", "12.3×", "541×". */
export function times(value: number): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}×`;
}

/** "536 MiB". */
export function mebibytes(value: number): string {
  return `${Math.round(value).toLocaleString("en-US")} MiB`;
}

/** "25.1 s". */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
