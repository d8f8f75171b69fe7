import { count, int, percent } from "../../format/number-format.js";
import type { StreamSnapshot } from "./read-stream.js";
import type { StreamTraffic } from "./read-traffic.js";
import type { ShardLayout } from "./shard-layout.js";

/** What `kinesim import` found and wrote, for the terminal. */
export interface ImportSummary {
  readonly stream: StreamSnapshot;
  readonly layout: ShardLayout;
  readonly traffic: StreamTraffic;
  readonly experimentPath: string;
  readonly csvPath: string;
}

/** A few lines: the stream, its consumers, its traffic, and the files written. */
export function renderImport(summary: ImportSummary): string {
  const { stream, layout, traffic } = summary;
  const open = layout.open.length;
  const hottest = Math.max(...layout.open.map((entry) => entry.share));
  const shards = layout.even
    ? `${int(open)} open, evenly split`
    : `${int(open)} open, UNEVEN hash ranges (largest ${percent(hottest)} of the key space): simulated evenly split`;
  const closed = layout.closed === 0 ? "" : `; ${int(layout.closed)} closed, not simulated`;
  const consumers =
    stream.consumers.length === 0
      ? "no enhanced fan-out consumer registered"
      : `${stream.consumers.length} enhanced fan-out: ${stream.consumers.join(", ")}`;
  const records = traffic.minutes.reduce((sum, minute) => sum + minute.incomingRecords, 0);
  const throttled = traffic.minutes.reduce((sum, minute) => sum + minute.throttledRecords, 0);
  const peak = Math.max(
    ...traffic.minutes.map((minute) => minute.incomingRecords + minute.throttledRecords),
  );
  const span = (traffic.endMs - traffic.startMs) / 60_000;
  const lines = [
    `imported ${stream.name} (${stream.arn})`,
    `  mode        ${stream.mode}, retention ${int(stream.retentionHours)} h`,
    `  shards      ${shards}${closed}`,
    `  consumers   ${consumers}`,
    `  traffic     ${int(traffic.minutes.length)} of ${int(span)} minutes with data points: ${count(records)} records put, ${count(throttled)} throttled; busiest minute ${int(peak / 60)} records/s`,
  ];
  if (traffic.unsized > 0) {
    lines.push(
      `              ${int(traffic.unsized)} minutes left out: records without IncomingBytes, or throttled records while none was accepted (no record size)`,
    );
  }
  lines.push(
    `  wrote       ${summary.experimentPath} and ${summary.csvPath}`,
    `  run it:     kinesim run ${summary.experimentPath}`,
  );
  return `${lines.join("\n")}\n`;
}
