import { describe, expect, it } from "vitest";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";

/** One shard, one KPL producer of `rate` records/s of 1 KB on the fixed key "ab" (2 bytes). */
function bufferingMs(rate: number): number {
  const config = parseExperimentText(
    [
      "duration: 20s",
      "stream: {shards: 1}",
      `producers: [{name: p, rate: ${rate}, recordSize: 1KB, keys: {distribution: fixed, keys: [ab]}, kpl: {}}]`,
    ].join("\n"),
  );
  return simulateWithSeries(config).result.producers[0]?.kpl?.meanBufferingTimeMs ?? Number.NaN;
}

describe("the KPL's early per-shard flush at 256 KiB", () => {
  it("waits RecordMaxBufferedTime (100 ms: 50 ms on average) while a shard's buffer stays small", () => {
    // 1,000 records/s of 1,002 bytes fill 256 KiB in 262 ms: the 100 ms timer sends first.
    expect(bufferingMs(1000)).toBeCloseTo(50, 0);
  });

  it("sends as soon as one shard has 256 KiB buffered", () => {
    // 5,000 records/s of 1,002 bytes fill 262,144 bytes in 52.3 ms: records wait 26.2 ms.
    const fillMs = (262_144 / (5000 * 1002)) * 1000;
    expect(bufferingMs(5000)).toBeCloseTo(fillMs / 2, 0);
  });
});
