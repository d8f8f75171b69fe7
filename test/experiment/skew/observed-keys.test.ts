import { describe, expect, it } from "vitest";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";

/** 30 % of records on key-0, the rest uniform over 999 other keys. */
function hotShare(granularity: string, seed: number) {
  return parseExperimentText(
    [
      "duration: 20s",
      `seed: ${seed}`,
      `granularity: ${granularity}`,
      "stream: {shards: 8}",
      "producers: [{name: p, rate: 2000, keys: {distribution: hotShare, share: 0.3, hotKeys: 1, cardinality: 1000}}]",
    ].join("\n"),
  );
}

describe("observed hottest keys (result.skew.observedKeys)", () => {
  it("counts every key exactly in record mode", () => {
    const { result } = simulateWithSeries(hotShare("record", 1));
    const [top] = result.skew.observedKeys;
    expect(result.skew.observedKeysExact).toBe(true);
    expect(top?.key).toBe("key-0");
    expect(top?.maxError).toBe(0);
    // key-0's count is Binomial(offered, 0.3).
    const n = result.records.offered;
    expect(Math.abs((top?.records ?? 0) - 0.3 * n)).toBeLessThan(4 * Math.sqrt(n * 0.3 * 0.7));
    expect(top?.shardId).toBe(result.skew.hottestKeys[0]?.shardId);
  });

  it("estimates from sampled keys in segment mode, within the sampling error", () => {
    for (const seed of [1, 2, 3]) {
      const { result } = simulateWithSeries(hotShare("segment", seed));
      const [top] = result.skew.observedKeys;
      expect(result.skew.observedKeysExact).toBe(false);
      expect(top?.key).toBe("key-0");
      // About 4 keys are drawn per PutRecords tick; the share's error is that of a binomial
      // proportion over the draws (ticks × 4, fewer when a tick holds fewer records), on top
      // of the Poisson noise of the records themselves. 20 s of 2,000/s in ~0.25 s ticks gives
      // at least 80 ticks, so at least 320 draws: sd ≤ √(0.21 / 320) ≈ 0.026.
      expect(Math.abs((top?.share ?? 0) - 0.3)).toBeLessThan(4 * Math.sqrt(0.21 / 320));
    }
  });

  it("lists at most 10 keys, heaviest first", () => {
    const { result } = simulateWithSeries(hotShare("record", 2));
    const records = result.skew.observedKeys.map((key) => key.records);
    expect(records.length).toBe(10);
    expect([...records].sort((a, b) => b - a)).toEqual(records);
  });
});
