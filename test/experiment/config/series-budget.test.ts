import { describe, expect, it } from "vitest";
import { defaultMetricsResolutionUs } from "../../../src/experiment/config/finalize-experiment.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import {
  finestMetricsResolutionUs,
  SERIES_POINTS_LIMIT,
  seriesIntervals,
} from "../../../src/experiment/config/series-budget.js";
import { userErrorOf } from "../../helpers/user-error.js";

const S = 1_000_000;
const HOUR = 3600 * S;

const TWO_SHARDS_ONE_CONSUMER = [
  "duration: 2m",
  "stream: {shards: 2}",
  "producers: [{name: p, rate: 100}]",
  "consumers: [{name: c}]",
].join("\n");

function parse(text: string, overrides: string[] = []) {
  return parseExperimentText(text, { fileName: "x.yaml", overrides });
}

function errorOf(text: string, overrides: string[] = []): string {
  return userErrorOf(() => parse(text, overrides), text);
}

describe("metricsResolution set by the user (issue 12: 1us over 2m took 2–5.6 GB)", () => {
  it("refuses more time-series points than the budget, naming the bound and the finest resolution accepted", () => {
    expect(errorOf(TWO_SHARDS_ONE_CONSUMER, ["metricsResolution=1us"])).toBe(
      "metricsResolution: 1us over 2m is 120,000,000 intervals × (2 shards + 1 consumer) = 360,000,000 time-series points, above the limit of 1,000,000; use 361us or coarser",
    );
    expect(
      errorOf(TWO_SHARDS_ONE_CONSUMER.replace("consumers: [{name: c}]", ""), [
        "metricsResolution=1us",
      ]),
    ).toContain("120,000,000 intervals × 2 shards = 240,000,000 time-series points");
  });

  it("accepts exactly the resolution it suggests, and refuses one microsecond finer", () => {
    expect(parse(TWO_SHARDS_ONE_CONSUMER, ["metricsResolution=361us"]).metricsResolutionUs).toBe(
      361,
    );
    expect(errorOf(TWO_SHARDS_ONE_CONSUMER, ["metricsResolution=360us"])).toContain(
      "1,000,002 time-series points",
    );
  });

  it("counts the shards an on-demand stream starts with and every consumer application", () => {
    const text = [
      "duration: 1h",
      "stream: {mode: on-demand}",
      "producers: [{name: p, rate: 10}]",
      "consumers: [{name: a}, {name: b}]",
      "metricsResolution: 10ms",
    ].join("\n");
    expect(errorOf(text)).toMatch(
      /^metricsResolution: 10ms over 1h is 360,000 intervals × \(4 shards \+ 2 consumers\)/,
    );
  });

  it("keeps accepting resolutions within the budget (valid files run as before)", () => {
    expect(parse(TWO_SHARDS_ONE_CONSUMER, ["metricsResolution=100ms"]).metricsResolutionUs).toBe(
      100_000,
    );
  });

  it("finestMetricsResolutionUs is the finest resolution within the budget", () => {
    for (const [durationUs, rows] of [
      [120 * S, 3],
      [7, 1],
      [HOUR, 10_000],
      [Number.MAX_SAFE_INTEGER, 10_020],
    ] as const) {
      const finest = finestMetricsResolutionUs(durationUs, rows);
      expect(seriesIntervals(durationUs, finest) * rows).toBeLessThanOrEqual(SERIES_POINTS_LIMIT);
      if (finest > 1)
        expect(seriesIntervals(durationUs, finest - 1) * rows).toBeGreaterThan(SERIES_POINTS_LIMIT);
    }
  });
});

describe("the automatic metricsResolution", () => {
  it("is unchanged where one of 1s … 1h fits", () => {
    expect(defaultMetricsResolutionUs(120 * S, 4)).toBe(S);
    expect(defaultMetricsResolutionUs(3 * HOUR, 1)).toBe(10 * S);
    expect(defaultMetricsResolutionUs(1000 * HOUR, 1)).toBe(600 * S);
    expect(defaultMetricsResolutionUs(2000 * HOUR, 1)).toBe(HOUR);
    // 1 h is kept when only the 10,000-interval rule fails, as before.
    expect(defaultMetricsResolutionUs(20_000 * HOUR, 1)).toBe(HOUR);
  });

  it("coarsens to whole hours past 1 h instead of passing the budget", () => {
    // 10,000 shards for a year: at 1 h that would be 87,600,000 points.
    const year = 8760 * HOUR;
    const resolution = defaultMetricsResolutionUs(year, 10_000);
    expect(resolution % HOUR).toBe(0);
    expect(seriesIntervals(year, resolution) * 10_000).toBeLessThanOrEqual(SERIES_POINTS_LIMIT);
    expect(seriesIntervals(year, resolution - HOUR) * 10_000).toBeGreaterThan(SERIES_POINTS_LIMIT);
  });
});
