/** The performance targets, each row with what was measured and whether it was met. */

export type Verdict = "pass" | "miss" | "skipped";

export interface TargetRow {
  benchmark: string;
  measured: string;
  target: string;
  verdict: Verdict;
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
