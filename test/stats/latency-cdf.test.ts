import { describe, expect, it } from "vitest";
import { CDF_PERCENTILES, latencyCdfMs } from "../../src/stats/latency-cdf.js";
import { LatencyHistogram } from "../../src/stats/latency-histogram.js";

describe("latencyCdfMs", () => {
  it("has a point per percentile, non-decreasing, agreeing with the summary's percentiles", () => {
    const histogram = new LatencyHistogram();
    for (let i = 1; i <= 10_000; i++) histogram.record(i * 100); // 0.1 ms … 1,000 ms
    const cdf = latencyCdfMs(histogram);
    const summary = histogram.summaryMs();
    expect(cdf.map((point) => point.percentile)).toEqual(CDF_PERCENTILES);
    for (let i = 1; i < cdf.length; i++) {
      expect(cdf[i]?.ms).toBeGreaterThanOrEqual(cdf[i - 1]?.ms ?? 0);
    }
    const at = (percentile: number) => cdf.find((point) => point.percentile === percentile)?.ms;
    expect(at(50)).toBe(summary.p50);
    expect(at(90)).toBe(summary.p90);
    expect(at(99)).toBe(summary.p99);
    // Uniform 0.1–1,000 ms: the 20th percentile is about 200 ms (0.1 % histogram precision).
    expect(Math.abs((at(20) ?? 0) - 200)).toBeLessThan(0.5);
    histogram.dispose();
  });

  it("is empty for an empty histogram", () => {
    const histogram = new LatencyHistogram();
    expect(latencyCdfMs(histogram)).toEqual([]);
    histogram.dispose();
  });
});
