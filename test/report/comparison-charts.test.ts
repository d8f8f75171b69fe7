import { describe, expect, it } from "vitest";
import type { RunSeries } from "../../src/experiment/run/result-types.js";
import { type ComparedSeries, comparisonCharts } from "../../src/report/comparison-charts.js";
import { markupProblems } from "./well-formed.js";

/** 60 one-second intervals of one shard and one application, "billing". */
function side(label: string, ages: boolean, ageScale = 1): ComparedSeries {
  const intervals = 60;
  const zeros = () => new Float64Array(intervals);
  const series: RunSeries = {
    resolutionSeconds: 1,
    shards: [
      {
        shardId: "shardId-000000000000",
        incomingRecords: zeros().fill(100),
        incomingBytes: zeros().fill(100_000),
        throttledRecords: zeros(),
        outgoingRecords: zeros().fill(100),
        outgoingBytes: zeros().fill(100_000),
      },
    ],
    consumers: [
      {
        name: "billing",
        // The calls kept reporting 200 ms while the oldest unread record aged, as when an
        // application is stopped: only the age shows it falling behind.
        millisBehindLatest: zeros().fill(200),
        // The age grows one second per second: 59 s at the last interval.
        ...(ages
          ? {
              oldestUnreadAgeMs: Float64Array.from(
                { length: intervals },
                (_, i) => i * 1000 * ageScale,
              ),
            }
          : {}),
      },
    ],
  };
  return { label, durationSeconds: intervals, series };
}

/** The lag overlay's y-axis title and tick labels. */
function lagAxis(a: ComparedSeries, b: ComparedSeries) {
  const figure = comparisonCharts(a, b).find((f) => f.name === "compare-millis-behind-latest");
  if (figure === undefined) throw new Error("no lag overlay");
  expect(markupProblems(figure.svg)).toEqual([]);
  const texts = [...figure.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? "");
  // The y axis's tick labels: right-aligned just left of the plot (axes.ts leftAxis).
  const yTicks = [...figure.svg.matchAll(/<text x="-7"[^>]*text-anchor="end"[^>]*>([^<]*)</g)].map(
    (m) => Number((m[1] ?? "").replaceAll(",", "")),
  );
  return { title: figure.title, texts, top: Math.max(...yTicks) };
}

describe("the comparison's lag overlay", () => {
  it("plots the oldest unread record's age, as the run's lag chart does", () => {
    const { title, texts, top } = lagAxis(side("A", true), side("B", true, 0.5));
    expect(title).toBe(
      "Consumer lag (oldest unread record's age, GetRecords.IteratorAgeMilliseconds)",
    );
    expect(texts).toContain("oldest unread age (s)");
    // The axis reaches A's largest age, 59 s (rounded up to 60 by d3's nice()), far above
    // the 0.2 s the calls reported.
    expect(top).toBe(60);
  });

  it("falls back to MillisBehindLatest when one side's series has no ages (an older timeseries.csv)", () => {
    const { title, texts, top } = lagAxis(side("A", true), side("B", false));
    expect(title).toBe("Consumer lag (MillisBehindLatest)");
    expect(texts).toContain("MillisBehindLatest (ms)");
    expect(top).toBe(200);
  });
});
