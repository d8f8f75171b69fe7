import { scaledToMonthUsd } from "../../../models/cost/scaled-month.js";
import {
  clock,
  count,
  duration,
  int,
  ms,
  percent,
  seconds,
  usd,
  usdCents,
} from "../../format/number-format.js";
import type { RunResult, RunSeries } from "../run/result-types.js";
import { renderSkewSummary } from "../skew/render-skew-summary.js";
import { laggingLines } from "./lagging-lines.js";
import { latencyLines } from "./latency-lines.js";
import { producerCells } from "./producer-cells.js";
import { throttleSparkline } from "./throttle-sparkline.js";

/**
 * The human-readable summary `kinesim run` prints: the headline numbers first (throttling,
 * data loss, latency saying whose, cost), with the series a sparkline of throttling over time, then
 * per-producer, per-shard and per-consumer tables. Fits in 80 columns. Deterministic except
 * for the wall time on the second line.
 */
export function renderSummary(result: RunResult, series?: RunSeries): string {
  const lines: string[] = [];
  const r = result.records;
  lines.push(`${result.name} · seed ${result.seed} · kinesim ${result.version}`);
  lines.push(
    `${seconds(result.durationSeconds)} simulated in ${(result.engine.wallMs / 1000).toFixed(2)} s` +
      ` (${result.granularity} mode, ${count(result.engine.events)} events)`,
  );
  lines.push("");
  const attempts = r.accepted + r.throttledAttempts;
  lines.push(
    row(
      "throttle rate",
      `${percent(result.throttleRate)}  (${count(r.throttledAttempts)} of ${count(attempts)} put attempts)`,
    ),
  );
  const loss = result.dataLoss;
  lines.push(
    row(
      "data loss",
      `${percent(loss.fraction)}  (${count(loss.records)} records: dropped ${count(loss.dropped)}${loss.oversize > 0 ? ` (${count(loss.oversize)} too large for the stream)` : ""}, expired ${count(loss.expiredUnread)})`,
    ),
  );
  if (result.unreadAtEnd.records > 0) lines.push(unreadHeadline(result));
  lines.push(...latencyLines(result, MAX_COLUMNS));
  lines.push(...renderCost(result));
  lines.push(row("records", `offered ${count(r.offered)}  accepted ${count(r.accepted)}`));
  if (series !== undefined) lines.push(...renderSparkline(result, series));
  lines.push("");
  lines.push(...renderProducers(result));
  lines.push("");
  const throttledShards = result.shards.filter((shard) => shard.throttledAttempts > 0).length;
  const shownShards = hottestShards(result, 16);
  lines.push(
    table(
      // "puts": put attempts, accepted and throttled together (what the producers asked for).
      // At most 11 characters: with seven-digit counts the table is then 80 columns wide.
      ["shard", "accepted", "throttled", "peak rec/s", "peak KB/s", "peak puts/s"],
      shownShards.map((s) => [
        s.shardId,
        count(s.accepted),
        count(s.throttledAttempts),
        int(s.peakRecordsPerSecond),
        int(s.peakBytesPerSecond / 1000),
        int(s.peakDemandRecordsPerSecond),
      ]),
    ),
  );
  if (shownShards.length < result.shards.length) {
    lines.push(
      `  … ${result.shards.length - shownShards.length} more shards (the hottest are shown)`,
    );
  }
  lines.push(...peakAboveLimitNote(result, shownShards));
  lines.push(`  ${throttledShards} of ${result.shards.length} shards throttled at least one write`);
  lines.push(...renderSkewSummary(result));
  if (result.operations.length > 0) {
    lines.push("");
    lines.push(...renderOperations(result));
  }
  if (result.consumers.length > 0) {
    lines.push("");
    lines.push(
      table(
        ["consumer", "delivered", "p50", "p99", "max behind", "throttled reads", "expired"],
        result.consumers.map((c) => [
          c.name,
          count(c.delivered),
          ms(c.latencyMs.p50),
          ms(c.latencyMs.p99),
          duration(c.maxOldestUnreadAgeMs ?? c.maxMillisBehindLatest),
          count(c.readThrottled),
          count(c.expiredUnread),
        ]),
      ),
    );
    lines.push(...laggingLines(result));
    lines.push(...renderUnread(result));
    for (const c of result.consumers) {
      if (c.kcl === undefined) continue;
      lines.push(
        `  ${c.name}: KCL, ${c.kcl.workers} workers, ${count(c.redelivered)} records delivered again`,
      );
      for (const f of c.kcl.failovers) {
        const back =
          f.recoverySeconds === null
            ? "not yet owned again"
            : `owned again after ${f.recoverySeconds.toFixed(1)} s`;
        lines.push(
          `    worker ${f.worker} stopped at ${clock(f.stoppedAtSeconds)}: its ${f.leases} shards ${back}`,
        );
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * What the run cost, then that cost scaled to the profile's month (730 hours by default,
 * kinesis-facts.md §11: the Pricing Calculator's month), saying it is scaled: a short run's traffic is taken to last the
 * whole month.
 */
function renderCost(result: RunResult): string[] {
  const { usd: runUsd, monthHours } = result.cost;
  const monthly = scaledToMonthUsd(runUsd, result.durationSeconds, monthHours);
  return [
    row("cost", `${usd(runUsd)} for the simulated ${seconds(result.durationSeconds)}`),
    row("", `${usdCents(monthly)} a month: the run scaled to ${int(monthHours)} h`),
  ];
}

/**
 * The producer table. With more than one producer, a line under it gives each one's share of
 * its offered records that it dropped (retries exhausted, KPL records past their RecordTtl,
 * records too large to send), highest first, to set a hot gateway's loss beside the others'.
 * A line, not a column: the table is already near 80 columns. Records that expired unread in
 * the stream are lost too, but the stream does not know which producer wrote them, so they
 * count in the headline's data loss only, and the line says so when there are any.
 */
function renderProducers(result: RunResult): string[] {
  const lines = [
    table(
      ["producer", "offered", "accepted", "throttled", "retries", "dropped", "calls"],
      result.producers.map(producerCells),
    ),
  ];
  if (result.producers.length < 2) return lines;
  const shares = result.producers
    .map((p, order) => ({
      name: p.name,
      order,
      share: p.offered === 0 ? 0 : p.dropped / p.offered,
    }))
    .sort((a, b) => b.share - a.share || a.order - b.order)
    .map(({ name, share }) => `${name} ${percent(share)}`);
  const expired = result.dataLoss.expiredUnread;
  const unattributed =
    expired > 0
      ? ` (not counting the ${count(expired)} records that expired unread: the stream does not say which producer wrote them)`
      : "";
  lines.push(
    ...wrap(
      `dropped of each producer's offered: ${shares.join(", ")}${unattributed}`,
      "  ",
      "    ",
    ),
  );
  return lines;
}

/**
 * A note under the shard table when a shown peak is above a shard's write limit. Such a peak
 * is real, not an error: a shard's write bucket starts full when the stream is created and
 * fills again whenever writes stay below the limit, and a burst spends it on top of the
 * steady refill (kinesis-facts.md §1, §13: `ingressBucketDepthSeconds`).
 */
function peakAboveLimitNote(result: RunResult, shown: RunResult["shards"]): string[] {
  const limits = result.shardWriteLimits;
  const above = shown.some(
    (s) =>
      s.peakRecordsPerSecond > limits.recordsPerSecond ||
      s.peakBytesPerSecond > limits.bytesPerSecond,
  );
  if (!above) return [];
  return wrap(
    `peaks above ${int(limits.recordsPerSecond)} rec/s or ${int(limits.bytesPerSecond / 1000)} KB/s: ` +
      "a shard's write bucket starts full and refills below the limit; a burst spends it " +
      "on top of the steady rate",
    "  ",
    "    ",
  );
}

/**
 * Records some application ended the run not reading (beyond a last fetch's worth): next
 * to data loss, because such records are as unread as lost ones when the run is over.
 */
function unreadHeadline(result: RunResult): string {
  const stuck = result.consumers.filter((c) => c.unreadShards.length > 0).map((c) => c.name);
  const records = count(result.unreadAtEnd.records);
  const named = row("unread", `${records} records ${stuck.join(", ")} was not reading at the end`);
  if (stuck.length === 1 && [...named].length <= MAX_COLUMNS) return named;
  return row(
    "unread",
    `${records} records ${count(stuck.length)} applications were not reading at the end`,
  );
}

/** Per application not reading everything at the end: where, how many, and why. */
function renderUnread(result: RunResult): string[] {
  const lines: string[] = [];
  for (const c of result.consumers) {
    if (c.unreadShards.length === 0) continue;
    const total = c.unreadShards.reduce((sum, shard) => sum + shard.unread, 0);
    lines.push(
      ...wrap(`${c.name} was not reading ${count(total)} records at the end:`, "  ", "    "),
    );
    const shown = [...c.unreadShards].sort((a, b) => b.unread - a.unread).slice(0, 4);
    for (const shard of shown) {
      lines.push(
        ...wrap(
          `${shard.shardId}: ${count(shard.unread)} records, ${shard.reason}`,
          "    ",
          "      ",
        ),
      );
    }
    if (shown.length < c.unreadShards.length) {
      lines.push(
        `    … ${c.unreadShards.length - shown.length} more shards (unreadShards in --json)`,
      );
    }
  }
  return lines;
}

/**
 * Words wrapped to 80 columns: the first line after `first`, the others after `rest`. A unit
 * stays with its number ("20.60 %" is one word), so no line starts with a lone "%".
 */
function wrap(text: string, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(/ (?!%)/)) {
    const indent = lines.length === 0 ? first : rest;
    if (line !== indent && [...`${line} ${word}`].length > MAX_COLUMNS) {
      lines.push(line);
      line = `${rest}${word}`;
    } else {
      line = line === indent ? `${line}${word}` : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

const MAX_COLUMNS = 80;

/** Throttling over time: the marks, then what they span and how high █ is. */
function renderSparkline(result: RunResult, series: RunSeries): string[] {
  const spark = throttleSparkline(series);
  if (spark.marks.length === 0) return [];
  const span = `0:00 to ${clock(result.durationSeconds)} · ${seconds(spark.secondsPerMark)} a mark`;
  return [
    row("throttling", spark.marks),
    row(
      "",
      spark.peakPerSecond === 0
        ? `${span} · no write throttled`
        : `${span} · █ = ${int(spark.peakPerSecond)} throttled/s`,
    ),
  ];
}

/** One line per resharding request (the first 12; on-demand streams make many). */
function renderOperations(result: RunResult): string[] {
  const lines = ["  operations"];
  for (const op of result.operations.slice(0, 12)) {
    const what =
      op.split !== undefined
        ? `split ${op.split}`
        : op.merge !== undefined
          ? `merge ${op.merge.join(" + ")}`
          : `UpdateShardCount → ${op.updateShardCount}`;
    const origin = op.origin === "events" ? "" : ` (${op.origin})`;
    // A merge always opens one shard; saying so would push its line past 80 columns.
    const opened = op.merge !== undefined ? "" : `, ${op.opened.length} opened`;
    const outcome =
      op.outcome === "rejected"
        ? `rejected: ${op.error}`
        : op.outcome === "completed"
          ? `done at ${clock(op.completedAtSeconds ?? 0)}${opened}`
          : "still in progress";
    lines.push(`  ${clock(op.atSeconds).padStart(8)}  ${what}${origin}: ${outcome}`);
  }
  if (result.operations.length > 12)
    lines.push(`  … ${result.operations.length - 12} more in --json`);
  return lines;
}

function hottestShards(result: RunResult, limit: number) {
  if (result.shards.length <= limit) return result.shards;
  return [...result.shards]
    .sort((a, b) => b.throttledAttempts - a.throttledAttempts || b.accepted - a.accepted)
    .slice(0, limit);
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(14)}${value}`;
}

/** A table with the first column left-aligned and the others right-aligned. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((cells) => (cells[column] ?? "").length)),
  );
  const format = (cells: string[]) =>
    `  ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0))).join("  ")}`;
  return [format(header), ...rows.map(format)].join("\n");
}
