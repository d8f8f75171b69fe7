import { describe, expect, it } from "vitest";
import type { RunSeries } from "../../../src/experiment/run/result-types.js";
import {
  SPARKLINE_MAX_CHARS,
  throttleSparkline,
} from "../../../src/experiment/text/throttle-sparkline.js";

function series(throttled: number[][], resolutionSeconds = 1): RunSeries {
  return {
    resolutionSeconds,
    shards: throttled.map((values, i) => ({
      shardId: `shardId-${String(i).padStart(12, "0")}`,
      incomingRecords: new Float64Array(values.length),
      incomingBytes: new Float64Array(values.length),
      throttledRecords: Float64Array.from(values),
      outgoingRecords: new Float64Array(values.length),
      outgoingBytes: new Float64Array(values.length),
    })),
    consumers: [],
  };
}

describe("throttleSparkline", () => {
  it("one mark per interval for short series: zero is ▁, the peak █, any throttling ≥ ▂", () => {
    const spark = throttleSparkline(series([[0, 1, 700, 350, 0]]));
    expect(spark.marks).toBe("▁▂█▅▁");
    expect(spark.peakPerSecond).toBe(700);
    expect(spark.secondsPerMark).toBe(1);
  });

  it("adds the shards together", () => {
    const spark = throttleSparkline(
      series([
        [0, 100],
        [0, 100],
      ]),
    );
    expect(spark.marks).toBe("▁█");
    expect(spark.peakPerSecond).toBe(200);
  });

  it("never grows past 60 marks; each mark is the rate over its bucket", () => {
    // 600 intervals of 0.5 s: 10 per mark. Throttling only in the second half.
    const values = Array.from({ length: 600 }, (_, i) => (i >= 300 ? 50 : 0));
    const spark = throttleSparkline(series([values], 0.5));
    expect([...spark.marks]).toHaveLength(SPARKLINE_MAX_CHARS);
    expect(spark.marks).toBe(`${"▁".repeat(30)}${"█".repeat(30)}`);
    expect(spark.secondsPerMark).toBe(5);
    expect(spark.peakPerSecond).toBe(100);
  });

  it("is all ▁ without throttling, and empty without intervals", () => {
    expect(throttleSparkline(series([[0, 0, 0]])).marks).toBe("▁▁▁");
    expect(throttleSparkline(series([])).marks).toBe("");
  });
});
