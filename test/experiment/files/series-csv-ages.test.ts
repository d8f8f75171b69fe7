import { describe, expect, it } from "vitest";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { parseSeriesCsv } from "../../../src/experiment/files/parse-series-csv.js";
import {
  SERIES_CSV_HEADER,
  SERIES_CSV_HEADER_WITH_AGES,
  seriesToCsv,
} from "../../../src/experiment/files/series-csv.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";

describe("timeseries.csv and the oldest unread record's age", () => {
  const { series } = simulateWithSeries(
    parseExperimentText(
      [
        "duration: 20s",
        "stream: {shards: 2}",
        "producers: [{name: p, rate: 500}]",
        "consumers: [{name: app}]",
        "events: [{at: 5s, stopConsumer: app}, {at: 15s, startConsumer: app}]",
      ].join("\n"),
    ),
  );

  it("carries a run's ages per shard and consumer and reads them back exactly", () => {
    const csv = seriesToCsv(series);
    expect(csv.split("\n")[0]).toBe(SERIES_CSV_HEADER_WITH_AGES);
    const back = parseSeriesCsv(csv, "timeseries.csv");
    expect(Array.from(back.consumers[0]?.oldestUnreadAgeMs ?? [])).toEqual(
      Array.from(series.consumers[0]?.oldestUnreadAgeMs ?? []),
    );
    expect(Array.from(back.shards[1]?.oldestUnreadAgeMs ?? [])).toEqual(
      Array.from(series.shards[1]?.oldestUnreadAgeMs ?? []),
    );
    // The stop shows: ages of several seconds while nobody read.
    expect(Math.max(...(back.consumers[0]?.oldestUnreadAgeMs ?? []))).toBeGreaterThan(8_000);
    expect(seriesToCsv(back)).toBe(csv);
  });

  it("still reads a file written before the ages, which then has none", () => {
    const legacy = seriesToCsv({
      ...series,
      shards: series.shards.map(({ oldestUnreadAgeMs: _, ...shard }) => shard),
      consumers: series.consumers.map(({ oldestUnreadAgeMs: _, ...consumer }) => consumer),
    });
    expect(legacy.split("\n")[0]).toBe(SERIES_CSV_HEADER);
    const back = parseSeriesCsv(legacy, "old.csv");
    expect(back.consumers[0]?.oldestUnreadAgeMs).toBeUndefined();
    expect(() =>
      parseSeriesCsv(legacy.replace(SERIES_CSV_HEADER, SERIES_CSV_HEADER_WITH_AGES), "x.csv"),
    ).toThrow("x.csv line 2: expected 10 fields, got 9");
  });
});
