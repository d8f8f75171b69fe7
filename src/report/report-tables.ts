import type { RunResult } from "../experiment/run/result-types.js";
import { producerCells } from "../experiment/text/producer-cells.js";
import { clock, count, duration, int, ms, usd } from "../format/number-format.js";
import { htmlTable } from "./html-table.js";
import { shortShardId } from "./shard-label.js";

/** The per-producer table. */
export function producerTable(result: RunResult): string {
  return htmlTable(
    ["producer", "offered", "accepted", "throttled attempts", "retries", "dropped", "put calls"],
    result.producers.map(producerCells),
  );
}

/**
 * The per-shard table: every shard of the run, closed ones included, with its lifetime.
 * Peaks are per second (demand: accepted + throttled attempts, retries included).
 */
export function shardTable(result: RunResult): string {
  return htmlTable(
    [
      "shard",
      "parents",
      "open",
      "accepted",
      "throttled",
      "peak rec/s",
      "peak KB/s",
      "demand/s",
      "MB in",
      "MB out",
      "read thr.",
    ],
    result.shards.map((s) => [
      s.shardId,
      s.parentShardIds.map(shortShardId).join(", "),
      `${clock(s.openedAtSeconds)}–${s.closedAtSeconds === null ? "end" : clock(s.closedAtSeconds)}`,
      count(s.accepted),
      count(s.throttledAttempts),
      int(s.peakRecordsPerSecond),
      int(s.peakBytesPerSecond / 1000),
      int(s.peakDemandRecordsPerSecond),
      int(s.bytesIn / 1e6),
      int(s.bytesOut / 1e6),
      count(s.readThrottled),
    ]),
  );
}

/** The per-consumer table. */
export function consumerTable(result: RunResult): string {
  return htmlTable(
    [
      "consumer",
      "mode",
      "delivered",
      "p50",
      "p99",
      "max behind",
      "read throttled",
      "expired unread",
      "not read at the end",
      "delivered again",
    ],
    result.consumers.map((c) => [
      c.name,
      c.kcl === undefined ? c.mode : `${c.mode}, KCL`,
      count(c.delivered),
      ms(c.latencyMs.p50),
      ms(c.latencyMs.p99),
      duration(c.maxMillisBehindLatest),
      count(c.readThrottled),
      count(c.expiredUnread),
      // Results saved before unreadShards existed have none to count.
      count((c.unreadShards ?? []).reduce((sum, shard) => sum + shard.unread, 0)),
      count(c.redelivered),
    ]),
  );
}

/** Every resharding request, accepted or not. */
export function operationTable(result: RunResult): string {
  return htmlTable(
    ["requested", "operation", "by", "outcome", "shards opened", "shards closed"],
    result.operations.map((op) => [
      clock(op.atSeconds),
      op.split !== undefined
        ? `split ${op.split}`
        : op.merge !== undefined
          ? `merge ${op.merge.join(" + ")}`
          : `UpdateShardCount → ${op.updateShardCount}`,
      op.origin,
      op.outcome === "rejected"
        ? `rejected: ${op.error ?? ""}`
        : op.outcome === "completed"
          ? `done at ${clock(op.completedAtSeconds ?? 0)}`
          : "still in progress",
      String(op.opened.length),
      String(op.closed.length),
    ]),
  );
}

/** The cost items. */
export function costTable(result: RunResult): string {
  return htmlTable(
    ["item", "quantity", "unit", "unit price", "cost"],
    [
      ...result.cost.items.map((item) => [
        item.item,
        Number.isInteger(item.quantity) ? int(item.quantity) : String(item.quantity),
        item.unit,
        // Prices per unit can be tiny ($0.000000014 per PUT payload unit): no exponent.
        `$${item.unitPriceUsd.toFixed(12).replace(/\.?0+$/, "")}`,
        usd(item.usd),
      ]),
      ["total", "", "", "", usd(result.cost.usd)],
    ],
  );
}
