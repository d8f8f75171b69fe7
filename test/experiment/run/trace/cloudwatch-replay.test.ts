import { describe, expect, it } from "vitest";
import { parseExperimentText } from "../../../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../../../src/experiment/run/simulate.js";

/** Five minutes of metrics: records per minute, and 500 B per record plus the key. */
const RECORDS = [6000, 12000, 0, 3000, 6000];
const TOTAL = RECORDS.reduce((a, b) => a + b, 0);
/** Keys "key-0" … "key-99": 4.9 bytes on average (10 of one digit, 90 of two), plus "key-". */
const MEAN_KEY_BYTES = 4 + (10 * 1 + 90 * 2) / 100;

function exportCsv(): string {
  const rows = RECORDS.map(
    (records, minute) =>
      `${minute * 60},${records},${Math.round(records * (500 + MEAN_KEY_BYTES))}`,
  );
  return `Timestamp,IncomingRecords,IncomingBytes\n${rows.join("\n")}\n`;
}

function replay(within: string, seed: number, granularity = "segment", extra = "") {
  const text = [
    "duration: 5m",
    `seed: ${seed}`,
    `granularity: ${granularity}`,
    "stream: {shards: 2}",
    `producers: [{name: p, cloudwatch: {file: cw.csv, within: ${within}${extra}}, keys: {distribution: uniform, cardinality: 100}}]`,
  ].join("\n");
  return parseExperimentText(text, { readTrace: () => exportCsv() });
}

describe("replaying a CloudWatch export", () => {
  it("steps the rate every minute and sizes records from IncomingBytes ÷ IncomingRecords", () => {
    const producer = replay("poisson", 1).producers[0];
    expect(producer?.rate).toEqual([
      { atUs: 0, rate: 100 },
      { atUs: 60_000_000, rate: 200 },
      { atUs: 120_000_000, rate: 0 },
      { atUs: 180_000_000, rate: 50 },
      { atUs: 240_000_000, rate: 100 },
      { atUs: 300_000_000, rate: 0 },
    ]);
    expect(producer?.recordSize).toEqual({
      distribution: "perPeriod",
      periodUs: 60_000_000,
      bytes: [500, 500, 500, 500, 500],
    });
    expect(producer?.arrival).toBe("poisson");
  });

  it("within: uniform replays each minute's exact count, evenly spaced", () => {
    const { result } = simulateWithSeries(replay("uniform", 1, "record"));
    // Constant spacing at each minute's rate: the count is exact up to one record a minute.
    expect(Math.abs(result.records.offered - TOTAL)).toBeLessThanOrEqual(RECORDS.length);
  });

  it("within: poisson offers a Poisson number of records around the total", () => {
    // The total of a Poisson process with mean 27,000 has sd √27,000 ≈ 164.
    const sd = Math.sqrt(TOTAL);
    const counts = [1, 2, 3, 4].map(
      (seed) => simulateWithSeries(replay("poisson", seed)).result.records.offered,
    );
    for (const count of counts) expect(Math.abs(count - TOTAL)).toBeLessThan(4 * sd);
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(Math.abs(mean - TOTAL)).toBeLessThan((4 * sd) / Math.sqrt(counts.length));
    // Poisson, not exact: the four counts are not all equal to the total.
    expect(counts.some((count) => count !== TOTAL)).toBe(true);
  });

  it("puts the export's bytes back: data bytes plus keys ≈ IncomingBytes", () => {
    const { result } = simulateWithSeries(replay("uniform", 1, "record"));
    const bytesIn = result.shards.reduce((sum, shard) => sum + shard.bytesIn, 0);
    const incoming = TOTAL * (500 + MEAN_KEY_BYTES);
    // Sizes are exact (500 B); keys vary (4.9 B mean), so the relative error is tiny.
    expect(Math.abs(bytesIn / incoming - 1)).toBeLessThan(0.005);
  });

  it("scales volume and time", () => {
    const scaled = replay("uniform", 1, "record", ", volumeScale: 2, timeScale: 0.5");
    const rate = scaled.producers[0]?.rate as readonly { atUs: number; rate: number }[];
    expect(rate[1]).toEqual({
      atUs: 30_000_000,
      rate: 800,
    });
    const { result } = simulateWithSeries(scaled);
    // Twice the records in half the time: all of it within the first 2.5 minutes.
    expect(Math.abs(result.records.offered - 2 * TOTAL)).toBeLessThanOrEqual(2 * RECORDS.length);
  });
});
