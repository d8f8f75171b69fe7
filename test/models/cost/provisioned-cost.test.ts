import { describe, expect, it } from "vitest";
import { provisionedCost } from "../../../models/cost/provisioned-cost.js";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import { runExperiment } from "../../../src/experiment/simulate.js";
import { experiment, producer } from "../../helpers/experiment.js";

const S = 1_000_000;
const HOUR_US = 3600 * S;
const DAY_US = 24 * HOUR_US;

function total(lines: { usd: number }[]): number {
  return lines.reduce((sum, line) => sum + line.usd, 0);
}

/**
 * AWS's pricing example (us-east-1, provisioned): one shard, 500,000 records a day of 1 KB,
 * for a 30-day month. Shard-hours: 720 × $0.015 = $10.80. PUT payload units: a 1 KB record is
 * one 25 KB chunk, so 500,000 × 30 = 15,000,000 units × $0.014 per million = $0.21.
 * Total $11.01.
 */
describe("provisionedCost: AWS's pricing example", () => {
  it("1 shard, 500,000 records/day of 1 KB, 30 days: $10.80 + $0.21 = $11.01", () => {
    const lines = provisionedCost(
      { shardHours: 720, putPayloadUnits: 15_000_000, retentionUs: DAY_US },
      DEFAULT_PROFILE,
    );
    expect(lines.map((line) => line.item)).toEqual(["shard-hours", "PUT payload units"]);
    const [hours, units] = lines as [(typeof lines)[0], (typeof lines)[0]];
    expect(hours).toMatchObject({ quantity: 720, unit: "shard-hour", unitPriceUsd: 0.015 });
    expect(hours.usd).toBeCloseTo(10.8, 10);
    expect(units).toMatchObject({ quantity: 15_000_000, unit: "unit" });
    expect(units.unitPriceUsd).toBeCloseTo(0.014 / 1_000_000, 18);
    expect(units.usd).toBeCloseTo(0.21, 10);
    expect(total(lines)).toBeCloseTo(11.01, 10);
  });

  it("charges extended retention per shard-hour only above 24 h", () => {
    const usage = { shardHours: 720, putPayloadUnits: 15_000_000 };
    for (const retentionUs of [DAY_US - 1, DAY_US]) {
      const lines = provisionedCost({ ...usage, retentionUs }, DEFAULT_PROFILE);
      expect(lines.some((line) => line.item === "extended retention")).toBe(false);
    }
    for (const retentionUs of [DAY_US + 1, 7 * DAY_US]) {
      const lines = provisionedCost({ ...usage, retentionUs }, DEFAULT_PROFILE);
      const extended = lines.find((line) => line.item === "extended retention");
      expect(extended).toMatchObject({ quantity: 720, unit: "shard-hour", unitPriceUsd: 0.02 });
      // 720 shard-hours × $0.02 = $14.40 on top of $11.01.
      expect(extended?.usd).toBeCloseTo(14.4, 10);
      expect(total(lines)).toBeCloseTo(25.41, 10);
    }
  });

  it("follows the profile's prices", () => {
    const profile = {
      ...DEFAULT_PROFILE,
      priceShardHourUsd: 0.03,
      pricePutPayloadUnitsPerMillionUsd: 1,
      priceExtendedRetentionShardHourUsd: 0.5,
    };
    const lines = provisionedCost(
      { shardHours: 10, putPayloadUnits: 2_000_000, retentionUs: 2 * DAY_US },
      profile,
    );
    const usd = lines.map((line) => line.usd);
    expect(usd.length).toBe(3);
    for (const [i, expected] of [0.3, 2, 5].entries()) expect(usd[i]).toBeCloseTo(expected, 12);
  });

  it("end to end: a simulated 30-day month of the example costs $11.01", () => {
    // 500,000 records/day at a constant rate for 30 days; 1,000-byte records (plus a short
    // partition key) are one payload unit each. Ticks of 1 minute keep the run small; the
    // 347 records of a tick fit the one-second, 1,000-record bucket, so nothing is throttled.
    const { result } = runExperiment(
      experiment({
        durationUs: 30 * DAY_US,
        resolutionUs: 60 * S,
        metricsResolutionUs: HOUR_US,
        stream: { shards: 1, retentionUs: DAY_US },
        producers: [
          producer({
            rate: 500_000 / 86_400,
            arrival: "constant",
            recordSize: { distribution: "fixed", bytes: 1000 },
            keys: { distribution: "uniform", cardinality: 100, prefix: "k" },
          }),
        ],
      }),
    );
    expect(result.records.throttledAttempts).toBe(0);
    const units = result.cost.items.find((item) => item.item === "PUT payload units");
    const hours = result.cost.items.find((item) => item.item === "shard-hours");
    expect(hours?.quantity).toBe(720);
    expect(units?.quantity).toBe(result.records.accepted);
    // Constant arrivals: the records created by the end of the run, within one tick
    // (347 records ≈ $0.000005) of 15,000,000.
    expect(Math.abs(result.records.offered - 15_000_000)).toBeLessThanOrEqual(348);
    expect(Math.abs(result.cost.usd - 11.01)).toBeLessThan(348 * 0.014e-6 + 1e-6);
    expect(result.cost.items.some((item) => item.item === "extended retention")).toBe(false);
  });
});
