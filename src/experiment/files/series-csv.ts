import type { RunSeries } from "../run/result-types.js";
import { csvField } from "./csv-field.js";

/**
 * The header line of a series CSV written before kinesim kept the oldest unread record's age
 * (parse-series-csv.ts still reads such files; the series then have no ages).
 */
export const SERIES_CSV_HEADER =
  "timeSeconds,kind,name,incomingRecords,incomingBytes,throttledRecords,outgoingRecords,outgoingBytes,millisBehindLatest";

/** The header line with the oldest unread record's age per shard and consumer (ms). */
export const SERIES_CSV_HEADER_WITH_AGES = `${SERIES_CSV_HEADER},oldestUnreadAgeMs`;

/**
 * The per-interval series as CSV, one row per (interval, shard) and one per (interval,
 * consumer): `timeSeconds,kind,name,incomingRecords,incomingBytes,throttledRecords,
 * outgoingRecords,outgoingBytes,millisBehindLatest`, and `oldestUnreadAgeMs` when the series
 * have it (a run's own do; series read from an older file do not).
 */
export function seriesToCsv(series: RunSeries): string {
  const withAges =
    series.shards.every((shard) => shard.oldestUnreadAgeMs !== undefined) &&
    series.consumers.every((consumer) => consumer.oldestUnreadAgeMs !== undefined);
  const lines = [withAges ? SERIES_CSV_HEADER_WITH_AGES : SERIES_CSV_HEADER];
  const age = (values: Float64Array | undefined, i: number) =>
    withAges ? `,${(values as Float64Array)[i]}` : "";
  const intervals = series.shards[0]?.incomingRecords.length ?? 0;
  for (let i = 0; i < intervals; i++) {
    const time = Number((i * series.resolutionSeconds).toFixed(6));
    for (const shard of series.shards) {
      lines.push(
        `${time},shard,${csvField(shard.shardId)},${shard.incomingRecords[i]},${shard.incomingBytes[i]},${shard.throttledRecords[i]},${shard.outgoingRecords[i]},${shard.outgoingBytes[i]},${age(shard.oldestUnreadAgeMs, i)}`,
      );
    }
    for (const consumer of series.consumers) {
      lines.push(
        `${time},consumer,${csvField(consumer.name)},,,,,,${consumer.millisBehindLatest[i]}${age(consumer.oldestUnreadAgeMs, i)}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
