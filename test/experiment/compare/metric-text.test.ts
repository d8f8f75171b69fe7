import { describe, expect, it } from "vitest";
import type { MetricComparison } from "../../../src/experiment/compare/compare-results.js";
import { metricDelta, metricValue } from "../../../src/experiment/compare/metric-text.js";

function metric(fields: Partial<MetricComparison>): MetricComparison {
  return {
    metric: "m",
    kind: "count",
    total: false,
    a: 1,
    b: 1,
    delta: 0,
    relative: 0,
    ...fields,
  };
}

describe("metricDelta", () => {
  it("says 'same' for no change", () => {
    expect(metricDelta(metric({ a: 5, b: 5, delta: 0 }))).toBe("same");
  });

  it("states a fraction's change in percentage points, without a relative change", () => {
    expect(metricDelta(metric({ kind: "fraction", a: 0.01, b: 0.0225, delta: 0.0125 }))).toBe(
      "+1.25 pp",
    );
    expect(metricDelta(metric({ kind: "fraction", a: 0.5, b: 0.1, delta: -0.4 }))).toBe(
      "-40.00 pp",
    );
  });

  it("gives counts, latencies and dollars a signed difference and a relative change", () => {
    expect(metricDelta(metric({ a: 2000, b: 3000, delta: 1000, relative: 0.5 }))).toBe(
      "+1,000 (+50.0 %)",
    );
    expect(
      metricDelta(metric({ kind: "ms", a: 655, b: 535, delta: -120, relative: -120 / 655 })),
    ).toBe("-120 ms (-18.3 %)");
    expect(
      metricDelta(metric({ kind: "usd", a: 0.002, b: 0.003, delta: 0.001, relative: 0.5 })),
    ).toBe("+$0.0010 (+50.0 %)");
  });

  it("leaves the relative change out when A is zero", () => {
    expect(metricDelta(metric({ a: 0, b: 7, delta: 7, relative: null }))).toBe("+7");
  });

  it("says 'not compared' for a total over different durations, '–' for a missing side", () => {
    expect(metricDelta(metric({ total: true, a: 10, b: 20, delta: null, relative: null }))).toBe(
      "not compared",
    );
    expect(metricDelta(metric({ total: true, a: null, b: 20, delta: null, relative: null }))).toBe(
      "–",
    );
  });
});

describe("metricValue", () => {
  it("prints each kind as the run's summary does, and '–' for none", () => {
    expect(metricValue("fraction", 0.4692)).toBe("46.92 %");
    expect(metricValue("ms", 1206)).toBe("1,206 ms");
    expect(metricValue("count", 359758)).toBe("359,758");
    expect(metricValue("usd", 0.007)).toBe("$0.0070");
    expect(metricValue("ms", null)).toBe("–");
  });
});
