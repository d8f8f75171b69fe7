import { count, ms, percent, seconds, usd } from "../../format/number-format.js";
import type { MetricComparison, MetricKind, RunIdentity } from "./compare-results.js";

/**
 * The words and numbers of a comparison, shared by the terminal table and the HTML report so
 * both state a change the same way.
 */

/** A value as the run's summary prints it; "–" when the run has none. */
export function metricValue(kind: MetricKind, value: number | null): string {
  if (value === null) return "–";
  switch (kind) {
    case "fraction":
      return percent(value);
    case "ms":
      return ms(value);
    case "count":
      return count(value);
    case "usd":
      return usd(value);
  }
}

/**
 * B − A in words: "same" when equal; percentage points for fractions ("+1.25 pp"); otherwise
 * the signed difference and, when A is positive, the relative change ("-120 ms (-18.3 %)", one decimal).
 * "not compared" for a total over different durations; "–" when a side has no value.
 */
export function metricDelta(metric: MetricComparison): string {
  if (metric.delta === null) {
    return metric.total && metric.a !== null && metric.b !== null ? "not compared" : "–";
  }
  if (metric.delta === 0) return "same";
  const sign = metric.delta > 0 ? "+" : "-";
  const size = Math.abs(metric.delta);
  if (metric.kind === "fraction") return `${sign}${percent(size).replace(" %", " pp")}`;
  const absolute = `${sign}${metricValue(metric.kind, size)}`;
  if (metric.relative === null) return absolute;
  const change = `${metric.relative > 0 ? "+" : "-"}${(Math.abs(metric.relative) * 100).toFixed(1)} %`;
  return `${absolute} (${change})`;
}

/** "quickstart · seed 42 · 2 min · provisioned, 4 shards at the end · config b73e…" */
export function describeIdentity(run: RunIdentity): string {
  return [
    run.name,
    `seed ${run.seed}`,
    seconds(run.durationSeconds),
    `${run.capacityMode}, ${run.openShards} shard${run.openShards === 1 ? "" : "s"} at the end`,
    `config ${run.configHash}`,
  ].join(" · ");
}
