import { atMost, mebibytes, seconds, type TargetRow } from "../targets.js";
import { THOUSAND_SHARDS_MAX_MIB, THOUSAND_SHARDS_MAX_MS } from "./goals.js";
import { type PrefixOrFullResult, prefixOrFull } from "./prefix-or-full.js";

const HOUR_S = 3600;
/** One simulated minute: ~14 s at the default 10 ms resolution before issue 14's part 2. */
const PREFIX_S = 60;

/**
 * Row 1: bench/workloads/thousand-shards.yaml, every setting at its default (the 10 ms
 * resolution included). With `tuned`, the same at `resolution: 100ms`
 * (thousand-shards-100ms.yaml), the bench's workload before issue 14: an extra row.
 */
export function benchThousandShards(full: boolean, tuned = false): PrefixOrFullResult {
  const file = tuned
    ? "bench/workloads/thousand-shards-100ms.yaml"
    : "bench/workloads/thousand-shards.yaml";
  return prefixOrFull(file, [], HOUR_S, PREFIX_S, full);
}

/** Its wall-time and peak-memory rows, saying which figure was measured and which scaled. */
export function thousandShardsRows(label: string, result: PrefixOrFullResult): TargetRow[] {
  const prefixMin = result.prefixSeconds / 60;
  const wall = atMost(`${label}: wall time`, result.wallMs, THOUSAND_SHARDS_MAX_MS, seconds);
  if (result.scaled) {
    wall.basis =
      `scaled ×${result.factor} from ${prefixMin} simulated min (${seconds(result.prefix.wallMs)}, ` +
      "whole process); `npm run bench -- --full` runs the hour";
  }
  const memory = result.full?.usage.maxRssMiB;
  if (memory !== undefined) {
    return [wall, atMost(`${label}: peak RSS`, memory, THOUSAND_SHARDS_MAX_MIB, mebibytes)];
  }
  const prefixRss = result.prefix.usage.maxRssMiB;
  return [
    wall,
    {
      benchmark: `${label}: peak RSS`,
      measured: `≥ ${mebibytes(prefixRss)}`,
      target: `≤ ${mebibytes(THOUSAND_SHARDS_MAX_MIB)}`,
      verdict: prefixRss > THOUSAND_SHARDS_MAX_MIB ? "miss" : "not measured",
      basis: `the ${prefixMin}-min prefix's peak; the hour was not run`,
    },
  ];
}
