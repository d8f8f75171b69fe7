import { evenSplit, ShardRouter, shardId } from "../../models/hashing/index.js";

/** One shard of the evenly split stream, hash keys as decimal strings. */
export interface HashReportShard {
  shardId: string;
  startingHashKey: string;
  endingHashKey: string;
}

/** One partition key: its MD5 hash key (decimal string) and the shard it lands on. */
export interface HashReportKey {
  key: string;
  hashKey: string;
  shardId: string;
}

/**
 * What `kinesim hash <key ...> --shards N` reports. This JSON shape is a contract (`--json`
 * prints it as is); hash keys are decimal strings, as everywhere in kinesim's output.
 */
export interface HashReport {
  shards: HashReportShard[];
  keys: HashReportKey[];
}

/**
 * Hashes `keys` and places them on a stream of `shardCount` evenly split shards, as
 * CreateStream would lay it out (shard ids `shardId-000000000000` onwards).
 *
 * @example
 * hashReport(["a"], 2).keys[0];
 * // { key: "a", hashKey: "16955237001963240173058271559858726497", shardId: "shardId-000000000000" }
 * @throws RangeError if `shardCount` is not a positive integer.
 */
export function hashReport(keys: string[], shardCount: number): HashReport {
  const shards = evenSplit(shardCount).map((range, index) => ({
    ...range,
    shardId: shardId(index),
  }));
  const router = new ShardRouter(shards);
  return {
    shards: shards.map((shard) => ({
      shardId: shard.shardId,
      startingHashKey: shard.startingHashKey.toString(),
      endingHashKey: shard.endingHashKey.toString(),
    })),
    keys: keys.map((key) => {
      const hashKey = router.cache.hashKey(key);
      return { key, hashKey: hashKey.toString(), shardId: router.route(hashKey).shardId };
    }),
  };
}

/**
 * A plain-text rendering of a {@link HashReport}: the answer first, a table of the keys with
 * their shard and hash key, then the shards and their inclusive hash key ranges (with many
 * shards that table is long, and the keys must not scroll away above it). Keys that are empty
 * or contain whitespace, quotes, backslashes or control characters are shown JSON-quoted.
 * Ends with a newline.
 *
 * @example
 * process.stdout.write(renderHashReport(hashReport(["user-1"], 4)));
 */
export function renderHashReport(report: HashReport): string {
  const shardCount = report.shards.length;
  const keyCount = report.keys.length;
  const onShards = `on ${plural(shardCount, "shard")}, hash key space split evenly`;
  const lines: string[] = [];
  if (keyCount === 0) {
    lines.push(`no keys ${onShards}`);
  } else {
    lines.push(
      `${plural(keyCount, "key")} ${onShards}`,
      "",
      ...table(
        [
          { title: "key", align: "left" },
          { title: "shard", align: "left" },
          { title: "hash key", align: "right" },
        ],
        report.keys.map((k) => [displayKey(k.key), k.shardId, k.hashKey]),
      ),
    );
  }
  lines.push(
    "",
    shardCount === 1
      ? "the shard's hash key range (inclusive)"
      : `the ${shardCount} shards' hash key ranges (inclusive)`,
    "",
    ...table(
      [
        { title: "shard", align: "left" },
        { title: "starting hash key", align: "right" },
        { title: "ending hash key", align: "right" },
      ],
      report.shards.map((s) => [s.shardId, s.startingHashKey, s.endingHashKey]),
    ),
  );
  return `${lines.join("\n")}\n`;
}

interface Column {
  title: string;
  align: "left" | "right";
}

const GAP = "  ";

/** Rows padded to aligned columns, under a header; no trailing spaces. */
function table(columns: Column[], rows: string[][]): string[] {
  const widths = columns.map((column, i) =>
    Math.max(width(column.title), ...rows.map((row) => width(row[i] ?? ""))),
  );
  const format = (cells: string[]): string =>
    columns
      .map((column, i) => {
        const cell = cells[i] ?? "";
        const padding = " ".repeat((widths[i] ?? 0) - width(cell));
        return column.align === "left" ? cell + padding : padding + cell;
      })
      .join(GAP)
      .trimEnd();
  return [format(columns.map((column) => column.title)), ...rows.map(format)];
}

/** Display width, counted in code points (good enough for a terminal table). */
function width(text: string): number {
  return [...text].length;
}

// Keys shown bare unless they would be ambiguous or break the table's layout.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NEEDS_QUOTES = /^$|[\s"\\\u0000-\u001f\u007f-\u009f]/u;

function displayKey(key: string): string {
  return NEEDS_QUOTES.test(key) ? JSON.stringify(key) : key;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
