import { describe, expect, it } from "vitest";
import { parseRunSummary } from "../../bench/whole-process/run-summary.js";

const SUMMARY = `sixteen-shards · seed 1 · kinesim 0.1.0
60 s simulated in 0.66 s (segment mode, 7,454 events)

  throttle rate 84.00 %  (5,040,220 of 6,000,220 put attempts)
  latency       p50 737 ms  p90 1,386 ms  p99 1,777 ms  max 2,453 ms
  records       offered 6,001,079  accepted 960,000
`;

describe("parseRunSummary", () => {
  it("reads the simulation's time, mode, events, records and median latency", () => {
    expect(parseRunSummary(SUMMARY)).toEqual({
      simulationMs: 660,
      granularity: "segment",
      engineEvents: 7454,
      recordsOffered: 6_001_079,
      recordsAccepted: 960_000,
      latencyP50Ms: 737,
    });
  });

  it("reads a median given in seconds and a long run's minutes", () => {
    const text =
      "x · seed 1\n60 min simulated in 12.34 s (record mode, 1,234 events)\n" +
      "  latency       p50 1.5 s  p99 3 s\n";
    const summary = parseRunSummary(text);
    expect(summary?.simulationMs).toBe(12_340);
    expect(summary?.granularity).toBe("record");
    expect(summary?.latencyP50Ms).toBe(1500);
    expect(summary?.recordsOffered).toBeNaN();
  });

  it("reads counts printed to three figures, as a long run's are", () => {
    const text =
      "x · seed 1\n24 h simulated in 650.12 s (segment mode, 43.7 M events)\n" +
      "  records       offered 3.45 B  accepted 1,234,567\n";
    const summary = parseRunSummary(text);
    expect(summary?.simulationMs).toBe(650_120);
    expect(summary?.engineEvents).toBe(43_700_000);
    expect(summary?.recordsOffered).toBe(3_450_000_000);
    expect(summary?.recordsAccepted).toBe(1_234_567);
  });

  it("gives undefined when the summary has no timing line", () => {
    expect(parseRunSummary("kinesim: no such file\n")).toBeUndefined();
  });
});
