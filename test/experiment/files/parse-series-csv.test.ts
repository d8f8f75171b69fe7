import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/experiment/config/user-error.js";
import { parseSeriesCsv } from "../../../src/experiment/files/parse-series-csv.js";
import { seriesToCsv } from "../../../src/experiment/files/series-csv.js";
import type { RunSeries } from "../../../src/experiment/run/result-types.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";
import { consumer, experiment, perRecordProcessing, producer } from "../../helpers/experiment.js";

const S = 1_000_000;

/** The series as plain arrays, so two series compare value by value. */
function plain(series: RunSeries) {
  return {
    resolutionSeconds: series.resolutionSeconds,
    shards: series.shards.map((shard) => ({
      shardId: shard.shardId,
      incomingRecords: [...shard.incomingRecords],
      incomingBytes: [...shard.incomingBytes],
      throttledRecords: [...shard.throttledRecords],
      outgoingRecords: [...shard.outgoingRecords],
      outgoingBytes: [...shard.outgoingBytes],
    })),
    consumers: series.consumers.map((c) => ({
      name: c.name,
      millisBehindLatest: [...c.millisBehindLatest],
    })),
  };
}

function oneShard(values: number[], names: string[]): RunSeries {
  return {
    resolutionSeconds: 0.25,
    shards: [
      {
        shardId: "shardId-000000000000",
        incomingRecords: Float64Array.from(values),
        incomingBytes: Float64Array.from(values, (v) => v * 1.5),
        throttledRecords: Float64Array.from(values, (v) => v / 3),
        outgoingRecords: Float64Array.from(values),
        outgoingBytes: Float64Array.from(values, (v) => v * 1e9),
      },
    ],
    consumers: names.map((name, i) => ({
      name,
      millisBehindLatest: Float64Array.from(values, (v) => v * (i + 0.1)),
    })),
  };
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error("expected a UserError");
}

describe("parseSeriesCsv: the inverse of seriesToCsv", () => {
  it("gives back a simulated run's series exactly (resharding, two consumers, fractions)", () => {
    const { series } = simulateWithSeries(
      experiment({
        // The split takes 20–40 s (UPDATING) before the children open.
        durationUs: 60 * S,
        metricsResolutionUs: 500_000,
        stream: { shards: 2 },
        producers: [producer({ rate: 2500 })],
        consumers: [
          consumer({ name: "fast" }),
          consumer({ name: "slow", maxRecords: 50, processing: perRecordProcessing(30_000, 50) }),
        ],
        events: [{ atUs: 5 * S, kind: "split", shardId: "shardId-000000000000" }],
      }),
    );
    expect(series.shards.length).toBe(4);
    const csv = seriesToCsv(series);
    const parsed = parseSeriesCsv(csv, "t.csv");
    expect(plain(parsed)).toEqual(plain(series));
    expect(seriesToCsv(parsed)).toBe(csv);
  });

  it("keeps names with commas, quotes and line breaks, and awkward numbers", () => {
    const series = oneShard([0, 1 / 3, 1e21, 123456.789], ['billing, "eu"', "line\nbreak", "x"]);
    const csv = seriesToCsv(series);
    const parsed = parseSeriesCsv(csv, "t.csv");
    expect(plain(parsed)).toEqual(plain(series));
  });

  it("writes names a spreadsheet would run as formulas with a leading apostrophe, and reads them back", () => {
    const hostile = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tx", "-5", "'=quoted"];
    const series = oneShard([1], hostile);
    const csv = seriesToCsv(series);
    const cells = csv.split("\n").filter((line) => line.includes(",consumer,"));
    // Neutralised: every formula-like name but the number -5 (a number is not a formula); a
    // name that would read back as neutralised gets one apostrophe more.
    expect(cells.map((line) => line.split(",")[2])).toEqual([
      "'=cmd|' /C calc'!A0",
      "'+1+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\tx",
      "-5",
      "''=quoted",
    ]);
    expect(plain(parseSeriesCsv(csv, "t.csv")).consumers.map((c) => c.name)).toEqual(hostile);
  });

  it("takes the resolution from the caller when there is only one interval", () => {
    const series = { ...oneShard([7], ["c"]), resolutionSeconds: 90 };
    const parsed = parseSeriesCsv(seriesToCsv(series), "t.csv", 90);
    expect(plain(parsed)).toEqual(plain(series));
  });

  it("reads a header-only file as an empty series", () => {
    const empty: RunSeries = { resolutionSeconds: 1, shards: [], consumers: [] };
    expect(plain(parseSeriesCsv(seriesToCsv(empty), "t.csv"))).toEqual(plain(empty));
  });

  it("reads CR LF line ends like LF", () => {
    const csv = seriesToCsv(oneShard([1, 2], ["c"]));
    expect(plain(parseSeriesCsv(csv.replace(/\n/g, "\r\n"), "t.csv"))).toEqual(
      plain(parseSeriesCsv(csv, "t.csv")),
    );
  });
});

describe("parseSeriesCsv: bad files get one line naming the place", () => {
  const good = seriesToCsv(oneShard([1, 2, 3], ["c"]));
  const lines = good.split("\n");
  const withLine = (index: number, text: string) =>
    lines.map((line, i) => (i === index ? text : line)).join("\n");

  it("another CSV (wrong header)", () => {
    expect(errorOf(() => parseSeriesCsv("a,b\n1,2\n", "x.csv"))).toMatch(
      /^x\.csv: not a kinesim timeseries\.csv/,
    );
    expect(errorOf(() => parseSeriesCsv("", "x.csv"))).toMatch(/^x\.csv: not a kinesim/);
  });

  it("a row with a field too many", () => {
    expect(errorOf(() => parseSeriesCsv(withLine(3, `${lines[3]},9`), "x.csv"))).toBe(
      "x.csv line 4: expected 9 fields, got 10",
    );
  });

  it("a value that is not a number", () => {
    const row = (lines[3] as string).split(",");
    row[4] = "lots";
    expect(errorOf(() => parseSeriesCsv(withLine(3, row.join(",")), "x.csv"))).toBe(
      'x.csv line 4: incomingBytes: expected a number, got "lots"',
    );
  });

  it("rows out of order, a wrong time, an incomplete interval, an open quote", () => {
    const swapped = [lines[0], lines[2], lines[1], ...lines.slice(3)].join("\n");
    expect(errorOf(() => parseSeriesCsv(swapped, "x.csv"))).toMatch(/^x\.csv line \d+: /);
    const row = (lines[5] as string).split(",");
    row[0] = "7";
    expect(errorOf(() => parseSeriesCsv(withLine(5, row.join(",")), "x.csv"))).toMatch(
      /^x\.csv line \d+: /,
    );
    expect(errorOf(() => parseSeriesCsv(lines.slice(0, -2).join("\n"), "x.csv"))).toMatch(
      /incomplete/,
    );
    expect(errorOf(() => parseSeriesCsv(`${good}1,shard,"open`, "x.csv"))).toMatch(/never closed/);
  });
});
