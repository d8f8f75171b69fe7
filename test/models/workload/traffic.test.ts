import { describe, expect, it } from "vitest";
import { DailyRate } from "../../../models/workload/daily-rate.js";
import {
  BurstFactor,
  ModulatedRate,
  SpikeFactor,
} from "../../../models/workload/rate-modulation.js";
import { RateProfile } from "../../../models/workload/rate-profile.js";
import { randomStream } from "../../../src/engine/random-streams.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";

const S = 1_000_000;
const H = 3600 * S;

describe("rate sources", () => {
  it("a daily curve integrates to its mean over a day and peaks where told", () => {
    const daily = new DailyRate({ peak: 3000, trough: 1000, peakAtUs: 14 * H });
    expect(daily.rateAt(14 * H)).toBeCloseTo(3000, 9);
    expect(daily.rateAt(2 * H)).toBeCloseTo(1000, 9);
    expect(daily.expectedCount(0, 24 * H)).toBeCloseTo(2000 * 86_400, 3);
    // Additive over adjacent intervals.
    expect(daily.expectedCount(0, 5 * H) + daily.expectedCount(5 * H, 9 * H)).toBeCloseTo(
      daily.expectedCount(0, 9 * H),
      3,
    );
  });

  it("spikes multiply the rate only while they last", () => {
    const rate = new ModulatedRate(new RateProfile(100), [
      new SpikeFactor([{ atUs: 10 * S, forUs: 5 * S, factor: 4 }]),
    ]);
    expect(rate.rateAt(9 * S)).toBe(100);
    expect(rate.rateAt(12 * S)).toBe(400);
    expect(rate.expectedCount(0, 20 * S)).toBeCloseTo(100 * 15 + 400 * 5, 9);
  });

  it("on/off bursts average to the weighted mean of the two states' rates", () => {
    // Holding times are exponential with means 10 s (on) and 40 s (off): over a long run the
    // on-fraction is 10 ÷ 50 = 0.2, so the mean rate is 100 × (0.2 × 5 + 0.8 × 1) = 180/s.
    // Over T = 200,000 s (about 4,000 cycles) the on-fraction's standard deviation is about
    // √(2·(10·40)²/(50³)·… ) — conservatively under 1 % here; accept 3 %.
    const bursts = new BurstFactor(
      { meanOnUs: 10 * S, meanOffUs: 40 * S, onFactor: 5, offFactor: 1 },
      randomStream(1, "b"),
    );
    const rate = new ModulatedRate(new RateProfile(100), [bursts]);
    const meanRate = rate.expectedCount(0, 200_000 * S) / 200_000;
    expect(Math.abs(meanRate - 180) / 180).toBeLessThan(0.03);
    expect(rate.maxRate).toBe(500);
  });
});

describe("traffic in experiments", () => {
  it("accepts rates per minute", () => {
    const config = parseExperimentText(
      `duration: 1m\nstream: { shards: 1 }\nproducers: [{ name: p, rate: "6000/min" }]`,
    );
    expect(config.producers[0]?.rate).toBe(100);
  });

  it("a spike event multiplies its producer's offered records", () => {
    const text = (events: string) => `
duration: 2m
stream: { shards: 4 }
producers: [{ name: p, rate: 1000, arrival: constant }]
events: ${events}
`;
    const base = simulateWithSeries(parseExperimentText(text("[]"))).result.records.offered;
    const spiked = simulateWithSeries(
      parseExperimentText(text("[{ at: 30s, spike: p, factor: 3, for: 20s }]")),
    ).result.records.offered;
    // Constant arrivals: 2 × 1,000 × 20 more records, up to the records of one tick (the
    // spike changes the batch period, so the last tick before the end can move by up to
    // one tick, ~101 ms at 1,000/s: at most ~101 records).
    expect(Math.abs(spiked - base - 40_000)).toBeLessThanOrEqual(110);
  });

  it("explicit hash keys in a range go only to the shards overlapping it", () => {
    const { result } = simulateWithSeries(
      parseExperimentText(`
duration: 30s
stream: { shards: 4 }
producers:
  - { name: p, rate: 800, keys: { distribution: explicitHashKey, range: ["0", "170141183460469231731687303715884105727"] } }
`),
    );
    const accepted = result.shards.map((shard) => shard.accepted);
    expect(accepted[2]).toBe(0);
    expect(accepted[3]).toBe(0);
    // The two halves of the range: Binomial(N, ½) → within 5 standard deviations.
    const n = (accepted[0] ?? 0) + (accepted[1] ?? 0);
    expect(Math.abs((accepted[0] ?? 0) - n / 2)).toBeLessThan(5 * Math.sqrt(n / 4));
  });

  it("timestamp keys spread evenly over shards but put each millisecond on one shard", () => {
    const { result } = simulateWithSeries(
      parseExperimentText(`
duration: 30s
granularity: record
stream: { shards: 4 }
producers: [{ name: p, rate: 2000, api: putRecord, keys: { distribution: timestamp } }]
`),
    );
    const total = result.records.accepted;
    for (const shard of result.shards) {
      // Keys change every millisecond: 30,000 keys, each a multinomial draw over 4 shards.
      expect(Math.abs(shard.accepted / total - 0.25)).toBeLessThan(0.02);
    }
  });
});
