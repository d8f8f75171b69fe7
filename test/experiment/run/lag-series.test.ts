import { describe, expect, it } from "vitest";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";

describe("the MillisBehindLatest series", () => {
  it("keeps the last value read through intervals without a read (not 0)", () => {
    // Polls every 3 s with 1-second metrics: two of every three intervals have no read.
    // Processing 1.5 ms per record at 1,000 records/s keeps the consumer behind for good.
    const config = parseExperimentText(
      [
        "duration: 60s",
        "stream: {shards: 1}",
        "producers: [{name: p, rate: 800}]",
        "consumers: [{name: slow, pollInterval: 3s, maxRecords: 1000, processingTime: 1.5ms}]",
      ].join("\n"),
    );
    const { series } = simulateWithSeries(config);
    const lag = series.consumers[0]?.millisBehindLatest as Float64Array;
    const later = Array.from(lag.slice(10));
    expect(Math.max(...later)).toBeGreaterThan(0);
    // Once behind, never shown as caught up.
    expect(later.every((value) => value > 0)).toBe(true);
    // Flat between reads: most intervals repeat the one before.
    const repeats = later.filter((value, i) => i > 0 && value === later[i - 1]).length;
    expect(repeats).toBeGreaterThanOrEqual(later.length / 2);
  });
});
