import { shardId } from "../../../models/hashing/shard-id.js";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import { int, percent } from "../../format/number-format.js";
import type { StreamSnapshot } from "./read-stream.js";
import type { StreamTraffic, TrafficMinute } from "./read-traffic.js";
import type { ShardLayout } from "./shard-layout.js";

/** What an import wrote: the experiment and the CloudWatch export beside it. */
export interface ImportedFiles {
  readonly experiment: string;
  readonly csv: string;
}

export interface ImportInputs {
  readonly stream: StreamSnapshot;
  readonly layout: ShardLayout;
  readonly traffic: StreamTraffic;
  /** The CSV's file name, relative to the experiment (they are written side by side). */
  readonly csvName: string;
  readonly days: number;
}

/**
 * Partition keys replayed with the traffic: CloudWatch counts records, not keys, so the
 * experiment draws them from many uniform keys (every shard's share is its range's width)
 * and says so, for the user to replace with what they know of their keys.
 */
const KEY_CARDINALITY = 100_000;

/**
 * The CloudWatch export kinesim's `producers[].cloudwatch` replays (its reader is
 * models/workload/trace/cloudwatch-export.ts): a row per minute with data points, in time
 * order; minutes without any are left out, which the reader takes as no traffic.
 */
export function trafficCsv(minutes: readonly TrafficMinute[]): string {
  const rows = minutes.map(
    (minute) =>
      `${isoMinute(minute.timeMs)},${minute.incomingRecords},${minute.incomingBytes},${minute.throttledRecords}`,
  );
  return `Timestamp,IncomingRecords,IncomingBytes,WriteProvisionedThroughputExceeded\n${rows.join("\n")}\n`;
}

/** The experiment file: the stream as listed, its EFO consumers, a producer replaying the CSV. */
export function importedExperiment(inputs: ImportInputs): string {
  const { stream, layout, traffic } = inputs;
  // Advantage is an account setting no stream API reports (kinesis-facts.md §14); an
  // on-demand stream with more enhanced fan-out consumers than Standard allows has it (§3).
  const mode =
    stream.mode === "on-demand" &&
    stream.consumers.length > DEFAULT_PROFILE.efoMaxConsumersPerStream
      ? "on-demand-advantage"
      : stream.mode;
  const first = traffic.minutes[0];
  const last = traffic.minutes.at(-1);
  const minutes =
    first === undefined || last === undefined ? 1 : (last.timeMs - first.timeMs) / 60_000 + 1;
  const lines = [
    `# ${stream.name} — imported by \`kinesim import\` from the Kinesis stream`,
    `# ${stream.arn}.`,
    "#",
    ...shardComment(layout),
    "#",
    `# Traffic: ${inputs.csvName}, the stream's CloudWatch IncomingRecords, IncomingBytes and`,
    "# WriteProvisionedThroughputExceeded (Sum per minute; throttled records count as demand) of",
    `# the ${inputs.days === 1 ? "day" : `${inputs.days} days`} from ${isoMinute(traffic.startMs)} to ${isoMinute(traffic.endMs)}: ${int(traffic.minutes.length)} minutes with data points.`,
    "# The run starts at the first of them.",
    "#",
    "# Partition keys: CloudWatch does not count them. The producer draws",
    `# ${int(KEY_CARDINALITY)} uniform keys, which MD5 spreads over the shards about as their range widths; put what`,
    "# you know of your keys under keys: (see experiments/hot-key.yaml and zipf-keys.yaml).",
    "#",
    "# Consumers: the enhanced fan-out consumers registered with the stream. Applications that",
    "# read with GetRecords are registered nowhere: add them under consumers: yourself.",
    ...(mode === stream.mode
      ? []
      : [
          `# More than ${DEFAULT_PROFILE.efoMaxConsumersPerStream} of them: only On-demand Advantage allows that, so the stream is written as it.`,
        ]),
    `name: ${JSON.stringify(stream.name)}`,
    "seed: 1",
    `duration: ${minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`}`,
    // The first minute on the clock: the report's time axes then read as CloudWatch's do.
    ...(first === undefined ? [] : [`startTime: "${isoSecond(first.timeMs)}"`]),
    "stream:",
    `  mode: ${mode}`,
    `  shards: ${layout.open.length}`,
    `  retention: ${stream.retentionHours}h`,
    "producers:",
    "  - name: all-producers",
    "    cloudwatch:",
    `      file: ${JSON.stringify(inputs.csvName)}`,
    "      within: poisson",
    "    keys:",
    "      distribution: uniform",
    `      cardinality: ${KEY_CARDINALITY}`,
  ];
  if (stream.consumers.length > 0) {
    lines.push("consumers:");
    for (const name of stream.consumers) {
      lines.push(`  - name: ${JSON.stringify(name)}`, "    mode: efo");
    }
  }
  return `${lines.join("\n")}\n`;
}

/** A file a person reads: the shard table stops after this many rows. */
const LISTED_SHARDS = 100;

/** The shard map in comments: which listed shard each simulated one stands for. */
function shardComment(layout: ShardLayout): string[] {
  const count = layout.open.length;
  const closed =
    layout.closed === 0
      ? ""
      : ` ${int(layout.closed)} closed shard${layout.closed === 1 ? "" : "s"} (parents of reshards, still readable) ${layout.closed === 1 ? "is" : "are"} not simulated.`;
  const lines = [
    layout.even
      ? `# Shards: ${int(count)} open, the even split CreateStream makes; stream.shards: ${int(count)} starts with the same hash ranges.${closed}`
      : `# Shards: ${int(count)} open with UNEVEN hash ranges. An experiment starts evenly split (stream.shards), so`,
  ];
  if (!layout.even) {
    lines.push(
      "# each simulated shard below takes 1/N of the keys where the real one takes its share:",
      "# a shard whose share is above 1/N is hotter in the real stream than here.",
    );
    if (closed !== "") lines.push(`#${closed}`);
  }
  lines.push("#   simulated              real                   share of the key space");
  layout.open.slice(0, LISTED_SHARDS).forEach(({ shard, share }, i) => {
    lines.push(`#   ${shardId(i)}   ${shard.shardId.padEnd(22)} ${percent(share)}`);
  });
  if (count > LISTED_SHARDS) lines.push(`#   … and ${int(count - LISTED_SHARDS)} more`);
  return lines.map((line) => line.replace(/\s+$/, ""));
}

/** An ISO 8601 time to the minute, as CloudWatch exports write it. */
function isoMinute(timeMs: number): string {
  return new Date(timeMs).toISOString().replace(/:\d\d\.\d{3}Z$/, ":00Z");
}

/** "2026-03-01T00:00:00Z": a whole second in UTC, as an experiment's startTime is written. */
function isoSecond(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
