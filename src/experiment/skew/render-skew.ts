import { heaviestKeys } from "../../../models/skew/expected-load.js";
import { round } from "../../stats/round.js";
import type { SkewModel } from "./skew-model.js";
import { int, megabytes, type ShardCountSkew, type SmallestShardCount } from "./skew-report.js";

/** What `kinesim skew` reports for one experiment. */
export interface SkewAnswer {
  name: string;
  /** The producers' peak, all together. */
  peak: { recordsPerSecond: number; bytesPerSecond: number };
  /** The heaviest partition keys, heaviest first; utilization is a fraction of one shard. */
  heaviestKeys: {
    key: string;
    recordsPerSecond: number;
    bytesPerSecond: number;
    utilization: number;
  }[];
  shardCounts: ShardCountSkew[];
  smallest: SmallestShardCount;
}

const KEYS_LISTED = 10;
const KEYS_SHOWN = 3;
const SHARDS_SHOWN = 3;
const WIDTH = 80;

/** Assembles the answer from the per-count loads and the smallest count. */
export function skewAnswer(
  name: string,
  model: SkewModel,
  shardCounts: ShardCountSkew[],
  smallest: SmallestShardCount,
): SkewAnswer {
  return {
    name,
    peak: {
      recordsPerSecond: round(model.index.totalRecordsPerSecond, 3),
      bytesPerSecond: round(model.index.totalBytesPerSecond, 1),
    },
    heaviestKeys: heaviestKeys(
      model.producers,
      model.limits,
      KEYS_LISTED,
      undefined,
      model.cache,
    ).map((key) => ({
      key: key.key,
      recordsPerSecond: round(key.recordsPerSecond, 3),
      bytesPerSecond: round(key.bytesPerSecond, 1),
      utilization: round(key.utilization, 6),
    })),
    shardCounts,
    smallest,
  };
}

/** `kinesim skew --json`: one object, `shardCounts` and `smallest` first. */
export function skewJson(answer: SkewAnswer): string {
  const { shardCounts, smallest, ...rest } = answer;
  return `${JSON.stringify({ shardCounts, smallest, ...rest }, null, 2)}\n`;
}

/**
 * `kinesim skew`'s readable report, at most 80 columns: the peak and the heaviest keys; for
 * each shard count its hottest shards and max utilization; then the smallest count that works
 * or why none does.
 */
export function renderSkew(answer: SkewAnswer): string {
  const lines: string[] = [];
  lines.push(
    ...wrap(
      `kinesim skew · ${answer.name} · peak ${int(answer.peak.recordsPerSecond)} records/s, ` +
        `${megabytes(answer.peak.bytesPerSecond)} MB/s (expected from the key distributions, ` +
        "no run)",
      "",
    ),
  );
  const keys = answer.heaviestKeys.slice(0, KEYS_SHOWN);
  if (keys.length > 0) {
    lines.push("", "heaviest keys");
    const keyWidth = Math.min(30, Math.max(...keys.map((key) => key.key.length)));
    for (const key of keys) {
      lines.push(
        `  ${clip(key.key, 30).padEnd(keyWidth)}  ${int(key.recordsPerSecond).padStart(9)} records/s` +
          `  ${fixedMegabytes(key.bytesPerSecond).padStart(7)} MB/s  ${percent(key.utilization).padStart(6)} of a shard`,
      );
    }
  }
  for (const count of answer.shardCounts) {
    lines.push("");
    const over =
      count.shardsOverLimit === 0
        ? "none over its limits"
        : `${int(count.shardsOverLimit)} over ${count.shardsOverLimit === 1 ? "its" : "their"} limits`;
    const skew = count.skewIndex === null ? "" : `, skew index ${count.skewIndex.toFixed(2)}`;
    lines.push(
      ...wrap(
        `${int(count.shards)} shard${count.shards === 1 ? "" : "s"}: max utilization ` +
          `${percent(count.maxUtilization)} (${over}${skew})`,
        "",
      ),
    );
    lines.push(
      `  ${"shard".padEnd(20)}  ${"records/s".padStart(11)}  ${"MB/s".padStart(9)}  ${"utilization".padStart(11)}`,
    );
    const hottest = count.perShard
      .map((shard, order) => ({ shard, order }))
      .sort((a, b) => b.shard.utilization - a.shard.utilization || a.order - b.order)
      .slice(0, SHARDS_SHOWN);
    for (const { shard } of hottest) {
      lines.push(
        `  ${shard.shardId.padEnd(20)}  ${int(shard.recordsPerSecond).padStart(11)}  ` +
          `${fixedMegabytes(shard.bytesPerSecond).padStart(9)}  ${percent(shard.utilization).padStart(11)}`,
      );
    }
  }
  lines.push("");
  const smallest = answer.smallest;
  lines.push(
    ...wrap(
      smallest.possible
        ? `smallest shard count with no shard expected above its limits: ${int(smallest.shards)}`
        : `no shard count works: ${smallest.reason}`,
      "  ",
    ),
  );
  return `${lines.join("\n")}\n`;
}

/** MB/s (10^6 bytes) with two decimals, for table columns. */
function fixedMegabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(2);
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 100)} %`;
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** Breaks `text` at spaces into lines of at most 80 columns; later lines get `indent`. */
function wrap(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const candidate = line === "" ? word : `${line} ${word}`;
    if (candidate.length > WIDTH && line !== "") {
      lines.push(line);
      line = `${indent}${word}`;
    } else {
      line = candidate;
    }
  }
  if (line !== "") lines.push(line);
  return lines.map((entry) => clip(entry, WIDTH));
}
