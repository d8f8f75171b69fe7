import { describe, expect, it } from "vitest";
import { seriesToCsv } from "../../../src/experiment/files/series-csv.js";
import type { RunSeries } from "../../../src/experiment/run/result-types.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";
import { consumer, experiment, perRecordProcessing, producer } from "../../helpers/experiment.js";

const S = 1_000_000;
const HEADER =
  "timeSeconds,kind,name,incomingRecords,incomingBytes,throttledRecords,outgoingRecords,outgoingBytes,millisBehindLatest";
const SHARD_COLUMNS = [
  "incomingRecords",
  "incomingBytes",
  "throttledRecords",
  "outgoingRecords",
  "outgoingBytes",
] as const;

function rowsOf(csv: string): string[][] {
  expect(csv.endsWith("\n")).toBe(true);
  return csv.slice(0, -1).split("\n").map(fieldsOf);
}

/** The fields of one CSV line, honouring RFC 4180 quotes (no line breaks inside fields here). */
function fieldsOf(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      fields.push(field);
      field = "";
    } else field += char;
  }
  fields.push(field);
  return fields;
}

/** Checks every row of the CSV against the series it came from. */
function checkCsv(series: RunSeries): void {
  const csv = seriesToCsv(series);
  const rows = rowsOf(csv);
  expect(rows[0]?.join(",")).toBe(`${HEADER},oldestUnreadAgeMs`);
  const intervals = series.shards[0]?.incomingRecords.length ?? 0;
  const perInterval = series.shards.length + series.consumers.length;
  expect(rows.length).toBe(1 + intervals * perInterval);
  for (const row of rows) expect(row.length).toBe(10);

  for (let i = 0; i < intervals; i++) {
    series.shards.forEach((shard, s) => {
      const row = rows[1 + i * perInterval + s] as string[];
      expect(Math.abs(Number(row[0]) - i * series.resolutionSeconds)).toBeLessThan(1e-9);
      expect(row[1]).toBe("shard");
      expect(row[2]).toBe(shard.shardId);
      SHARD_COLUMNS.forEach((column, c) => {
        // Numbers parse back to exactly the stored values.
        expect(Number(row[3 + c])).toBe(shard[column][i]);
      });
      expect(row[8]).toBe("");
      expect(Number(row[9])).toBe(shard.oldestUnreadAgeMs?.[i]);
    });
    series.consumers.forEach((consumerSeries, k) => {
      const row = rows[1 + i * perInterval + series.shards.length + k] as string[];
      expect(Math.abs(Number(row[0]) - i * series.resolutionSeconds)).toBeLessThan(1e-9);
      expect(row[1]).toBe("consumer");
      expect(row[2]).toBe(consumerSeries.name);
      expect(row.slice(3, 8)).toEqual(["", "", "", "", ""]);
      expect(Number(row[8])).toBe(consumerSeries.millisBehindLatest[i]);
      expect(Number(row[9])).toBe(consumerSeries.oldestUnreadAgeMs?.[i]);
    });
  }
}

describe("seriesToCsv", () => {
  it("one row per interval and shard and per interval and consumer; numbers parse back", () => {
    const { series, result } = simulateWithSeries(
      experiment({
        durationUs: 20 * S,
        stream: { shards: 3 },
        producers: [producer({ rate: 3500 })],
        consumers: [
          consumer({ name: "fast" }),
          consumer({ name: "slow", maxRecords: 50, processing: perRecordProcessing(30_000, 50) }),
        ],
      }),
    );
    expect(series.shards.length).toBe(3);
    expect(series.shards[0]?.incomingRecords.length).toBe(20);
    checkCsv(series);
    // The CSV's columns add up to the result's totals.
    const rows = rowsOf(seriesToCsv(series)).slice(1);
    const shardRows = rows.filter((row) => row[1] === "shard");
    const sum = (column: number) =>
      shardRows.reduce((total, row) => total + Number(row[column]), 0);
    expect(sum(3)).toBe(result.records.accepted);
    expect(sum(5)).toBe(result.records.throttledAttempts);
    expect(sum(6)).toBe(result.records.delivered);
    // Fractional lag values survive the round trip too.
    const lags = rows.filter((row) => row[2] === "slow").map((row) => Number(row[8]));
    expect(Math.max(...lags)).toBeGreaterThan(0);
  });

  it("prints interval start times without floating-point noise (resolution 0.1 s)", () => {
    const { series } = simulateWithSeries(
      experiment({ durationUs: 3 * S, metricsResolutionUs: 100_000, consumers: [consumer()] }),
    );
    expect(series.resolutionSeconds).toBeCloseTo(0.1, 12);
    checkCsv(series);
    const times = rowsOf(seriesToCsv(series))
      .slice(1)
      .filter((row) => row[1] === "shard")
      .map((row) => row[0]);
    expect(times.slice(0, 4)).toEqual(["0", "0.1", "0.2", "0.3"]);
    expect(times.length).toBe(30);
    expect(times[29]).toBe("2.9");
  });

  it("writes only the header for a series without intervals", () => {
    expect(seriesToCsv({ resolutionSeconds: 1, shards: [], consumers: [] })).toBe(
      `${HEADER},oldestUnreadAgeMs\n`,
    );
  });

  // BUG (src/experiment/files/series-csv.ts:21): names are written unquoted. Consumer names are any
  // non-empty string (schema.ts `text()`), so a name with a comma or a quote breaks the row:
  // `consumers: [{ name: "billing, eu" }]` gives a consumer row of 10 fields instead of 9.
  // RFC 4180 quoting ("billing, eu") would keep it one field.
  it("keeps one field per name when a consumer name contains a comma", () => {
    const series: RunSeries = {
      resolutionSeconds: 1,
      shards: [
        {
          shardId: "shardId-000000000000",
          incomingRecords: new Float64Array([1]),
          incomingBytes: new Float64Array([100]),
          throttledRecords: new Float64Array([0]),
          outgoingRecords: new Float64Array([1]),
          outgoingBytes: new Float64Array([100]),
        },
      ],
      consumers: [{ name: "billing, eu", millisBehindLatest: new Float64Array([0]) }],
    };
    for (const row of rowsOf(seriesToCsv(series))) expect(row.length).toBe(9);
  });
});
