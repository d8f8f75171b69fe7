import { loadExperimentFile } from "../../experiment/config/load-experiment.js";
import { UserError } from "../../experiment/config/user-error.js";
import { renderSkew, skewAnswer, skewJson } from "../../experiment/skew/render-skew.js";
import { runSuggestion } from "../../experiment/skew/run-suggestion.js";
import { skewModel } from "../../experiment/skew/skew-model.js";
import { skewForShardCounts, smallestShardCount } from "../../experiment/skew/skew-report.js";
import { terminalText } from "../terminal-text.js";

interface SkewOptions {
  shards?: string[];
  set?: string[];
  json?: boolean;
}

/**
 * `kinesim skew <experiment> [--shards N…] [--set path=value …] [--json]`: the expected
 * per-shard load for each shard count and the smallest count with no shard above its limits,
 * from the key distributions and the hash ranges, without a run. Without `--shards`: the
 * experiment's shard count and the smallest count that works.
 */
export function skewCommand(path: string, options: SkewOptions): void {
  const config = loadExperimentFile(path, options.set ?? []);
  const model = skewModel(config);
  const maxShards = model.profile.maxShardsPerStream;
  const requested = parseShardCounts(options.shards, maxShards);
  const smallest = smallestShardCount(config, maxShards, model);
  const counts =
    requested ??
    [...new Set([config.stream.shards, ...(smallest.possible ? [smallest.shards] : [])])].sort(
      (a, b) => a - b,
    );
  const answer = skewAnswer(
    config.name,
    model,
    skewForShardCounts(config, counts, model),
    smallest,
  );
  if (options.json) {
    process.stdout.write(skewJson(answer));
    return;
  }
  // A run checks the estimate against a simulation: the counts asked for, or else the
  // smallest count that works when the file has another.
  const suggested =
    requested ??
    (smallest.possible && smallest.shards !== config.stream.shards ? [smallest.shards] : []);
  const command = runSuggestion(path, options.set ?? [], suggested);
  const next = command === undefined ? "" : `\nto see it in a run:\n  ${command}\n`;
  process.stdout.write(terminalText(`${renderSkew(answer)}${next}`));
}

/** `--shards 8 16` or `--shards 8,16`: whole numbers from 1 to the stream maximum. */
function parseShardCounts(values: string[] | undefined, maxShards: number): number[] | undefined {
  if (values === undefined) return undefined;
  const counts: number[] = [];
  for (const text of values.flatMap((value) => value.split(","))) {
    const count = Number(text.trim());
    if (!/^\d+$/.test(text.trim()) || count < 1 || count > maxShards) {
      throw new UserError(`--shards: expected whole numbers from 1 to ${maxShards}, got "${text}"`);
    }
    counts.push(count);
  }
  if (counts.length === 0) throw new UserError("--shards: expected at least one shard count");
  return [...new Set(counts)];
}
