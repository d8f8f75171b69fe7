import type { RunSeries } from "../run/result-types.js";
import { csvField } from "./csv-field.js";

/** The header line of the series CSV (parse-series-csv.ts reads only files with it). */
export const SERIES_CSV_HEADER =
  "timeSeconds,kind,name,incomingRecords,incomingBytes,throttledRecords,outgoingRecords,outgoingBytes,millisBehindLatest";

/**
 * The per-interval series as CSV, one row per (interval, shard) and one per (interval,
 * consumer): `timeSeconds,kind,name,incomingRecords,incomingBytes,throttledRecords,
 * outgoingRecords,outgoingBytes,millisBehindLatest`.
 */
export function seriesToCsv(series: RunSeries): string {
  const lines = [SERIES_CSV_HEADER];
  const intervals = series.shards[0]?.incomingRecords.length ?? 0;
  for (let i = 0; i < intervals; i++) {
    const time = Number((i * series.resolutionSeconds).toFixed(6));
    for (const shard of series.shards) {
      lines.push(
        `${time},shard,${csvField(shard.shardId)},${shard.incomingRecords[i]},${shard.incomingBytes[i]},${shard.throttledRecords[i]},${shard.outgoingRecords[i]},${shard.outgoingBytes[i]},`,
      );
    }
    for (const consumer of series.consumers) {
      lines.push(
        `${time},consumer,${csvField(consumer.name)},,,,,,${consumer.millisBehindLatest[i]}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
