import { percent } from "../../format/number-format.js";
import type { RunResult } from "../run/result-types.js";

/** Keys listed in the summary; `--json` has ten. */
const KEYS_SHOWN = 3;
const MIN_SHARE_SHOWN = 0.01;

/**
 * The summary's skew lines (≤ 80 columns): the skew index observed against the one the key
 * distribution predicts, and the hottest keys seen in the run (up to 3, those above 1 % of
 * the records) with their shards.
 */
export function renderSkewSummary(result: RunResult): string[] {
  const { skew } = result;
  const index = (value: number | null) => (value === null ? "–" : value.toFixed(2));
  const lines = [
    `  skew index (max ÷ mean shard)  ${index(skew.skewIndex)} accepted, ` +
      `${index(skew.expectedSkewIndex)} expected from the keys`,
  ];
  // Keys under 1 % of the records say little about skew; the first is always shown.
  const keys = skew.observedKeys
    .slice(0, KEYS_SHOWN)
    .filter((key, i) => i === 0 || key.share >= MIN_SHARE_SHOWN);
  if (keys.length === 0) return lines;
  const how = skew.observedKeysExact ? "counted" : "estimated";
  lines.push(`  hottest keys (${how}):`);
  for (const key of keys) {
    const name = key.key.length > 24 ? `${key.key.slice(0, 23)}…` : key.key;
    const share = `${percent(key.share)} of records`;
    lines.push(`    ${name.padEnd(24)} ${share.padStart(18)}  → ${key.shardId}`);
  }
  return lines;
}
