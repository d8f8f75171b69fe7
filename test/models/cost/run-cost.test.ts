import { describe, expect, it } from "vitest";
import { BILLING_GB_BYTES } from "../../../models/cost/billing-units.js";
import { totalUsd } from "../../../models/cost/cost-line.js";
import { type RunUsage, runCost } from "../../../models/cost/run-cost.js";
import { DEFAULT_PROFILE, type LimitsProfile } from "../../../models/limits/profile.js";

const GB = BILLING_GB_BYTES;
/** GB-hours ÷ the profile's month give GB-months. */
const MONTH = DEFAULT_PROFILE.hoursPerMonth;

function usage(overrides: Partial<RunUsage> = {}): RunUsage {
  return {
    mode: "provisioned",
    durationHours: 720,
    shardHours: 720,
    putPayloadUnits: 15_000_000,
    bytesIn: 15e9,
    onDemandBilledBytesIn: 15_000_000 * 1024,
    pollingBytesOut: 0,
    efoBytesOut: 0,
    efoConsumerShardHours: 0,
    retentionHours: 24,
    storedGbHoursBeyond24h: 0,
    storedGbHoursBeyond7d: 0,
    ...overrides,
  };
}

function item(lines: ReturnType<typeof runCost>, name: string) {
  return lines.find((line) => line.item === name);
}

describe("runCost, provisioned", () => {
  it("AWS's example: 1 shard, 500,000 records/day of 1 KB, 30 days = $10.80 + $0.21 = $11.01", () => {
    const lines = runCost(usage(), DEFAULT_PROFILE);
    expect(lines.map((line) => line.item)).toEqual(["shard-hours", "PUT payload units"]);
    expect(item(lines, "shard-hours")?.usd).toBeCloseTo(10.8, 10);
    expect(item(lines, "PUT payload units")?.usd).toBeCloseTo(0.21, 10);
    expect(totalUsd(lines)).toBeCloseTo(11.01, 10);
  });

  it("extended retention per shard-hour only above 24 h", () => {
    for (const retentionHours of [23, 24]) {
      expect(item(runCost(usage({ retentionHours }), DEFAULT_PROFILE), "extended retention")).toBe(
        undefined,
      );
    }
    for (const retentionHours of [24.001, 168, 8760]) {
      const extended = item(
        runCost(usage({ retentionHours }), DEFAULT_PROFILE),
        "extended retention",
      );
      expect(extended).toMatchObject({ quantity: 720, unit: "shard-hour", unitPriceUsd: 0.02 });
      expect(extended?.usd).toBeCloseTo(14.4, 10);
    }
  });

  it("long-term retention per GB-month of data older than 7 days, only when there is some", () => {
    expect(
      item(runCost(usage({ retentionHours: 168 }), DEFAULT_PROFILE), "long-term retention"),
    ).toBe(undefined);
    // 100 GB held beyond 7 days all month = 100 GB-months × $0.023.
    const lines = runCost(
      usage({
        retentionHours: 192,
        storedGbHoursBeyond24h: 800 * MONTH,
        storedGbHoursBeyond7d: 100 * MONTH,
      }),
      DEFAULT_PROFILE,
    );
    const longTerm = item(lines, "long-term retention");
    expect(longTerm).toMatchObject({ quantity: 100, unit: "GB-month", unitPriceUsd: 0.023 });
    expect(longTerm?.usd).toBeCloseTo(2.3, 10);
    expect(item(lines, "extended retention")?.unit).toBe("shard-hour");
  });

  it("enhanced fan-out lines only when used", () => {
    const plain = runCost(usage(), DEFAULT_PROFILE);
    expect(plain.some((line) => line.item.startsWith("EFO"))).toBe(false);
    const lines = runCost(
      usage({ efoConsumerShardHours: 2 * 720, efoBytesOut: 30 * GB }),
      DEFAULT_PROFILE,
    );
    expect(item(lines, "EFO consumer-shard-hours")?.usd).toBeCloseTo(1440 * 0.015, 10);
    expect(item(lines, "EFO data out")).toMatchObject({ quantity: 30, unit: "GB" });
    expect(item(lines, "EFO data out")?.usd).toBeCloseTo(30 * 0.013, 10);
  });

  it("GetRecords reads and on-demand quantities cost nothing on a provisioned stream", () => {
    const a = totalUsd(runCost(usage(), DEFAULT_PROFILE));
    const b = totalUsd(
      runCost(
        usage({ pollingBytesOut: 1e15, onDemandBilledBytesIn: 1e15, durationHours: 1e6 }),
        DEFAULT_PROFILE,
      ),
    );
    expect(b).toBe(a);
  });
});

describe("runCost, on-demand", () => {
  const onDemand = (overrides: Partial<RunUsage> = {}) =>
    usage({ mode: "on-demand", shardHours: 0, putPayloadUnits: 0, ...overrides });

  it("stream-hours, data in (billed bytes), data out", () => {
    const lines = runCost(
      onDemand({ onDemandBilledBytesIn: 500 * GB, pollingBytesOut: 1000 * GB }),
      DEFAULT_PROFILE,
    );
    expect(lines.map((line) => line.item)).toEqual(["stream-hours", "data in", "data out"]);
    expect(item(lines, "stream-hours")?.usd).toBeCloseTo(720 * 0.04, 10);
    expect(item(lines, "data in")).toMatchObject({ quantity: 500, unit: "GB" });
    expect(item(lines, "data in")?.usd).toBeCloseTo(40, 10);
    expect(item(lines, "data out")?.usd).toBeCloseTo(40, 10);
  });

  it("a 100-byte record bills as 1 KiB of data in", () => {
    // 2^20 records of 100 B: the caller rounds each record to 1 KiB → exactly 1 GB billed.
    const records = 1024 * 1024;
    const lines = runCost(
      onDemand({ bytesIn: records * 100, onDemandBilledBytesIn: records * 1024 }),
      DEFAULT_PROFILE,
    );
    expect(item(lines, "data in")?.quantity).toBe(1);
    expect(item(lines, "data in")?.usd).toBeCloseTo(0.08, 12);
  });

  it("EFO data out at the on-demand rate", () => {
    const lines = runCost(onDemand({ efoBytesOut: 10 * GB }), DEFAULT_PROFILE);
    expect(item(lines, "EFO data out")?.usd).toBeCloseTo(0.5, 12);
  });

  it("retention tiers: extended for data aged 24 h–7 d, long-term beyond 7 d, each only when due", () => {
    const base = runCost(onDemand({ storedGbHoursBeyond24h: 0 }), DEFAULT_PROFILE);
    expect(base.some((line) => line.item.includes("retention"))).toBe(false);
    // Retention 3 days: 200 GB older than 24 h all month → 200 GB-months × $0.10.
    const threeDays = runCost(
      onDemand({ retentionHours: 72, storedGbHoursBeyond24h: 200 * MONTH }),
      DEFAULT_PROFILE,
    );
    expect(item(threeDays, "extended retention")).toMatchObject({
      quantity: 200,
      unit: "GB-month",
    });
    expect(item(threeDays, "extended retention")?.usd).toBeCloseTo(20, 10);
    expect(item(threeDays, "long-term retention")).toBe(undefined);
    // Retention 8 days: 600 GB aged 24 h–7 d, 100 GB beyond 7 d.
    const eightDays = runCost(
      onDemand({
        retentionHours: 192,
        storedGbHoursBeyond24h: 700 * MONTH,
        storedGbHoursBeyond7d: 100 * MONTH,
      }),
      DEFAULT_PROFILE,
    );
    expect(item(eightDays, "extended retention")?.quantity).toBeCloseTo(600, 10);
    expect(item(eightDays, "long-term retention")?.quantity).toBeCloseTo(100, 10);
    expect(item(eightDays, "long-term retention")?.usd).toBeCloseTo(2.3, 10);
  });
});

describe("runCost, On-demand Advantage", () => {
  const advantage = (overrides: Partial<RunUsage> = {}) =>
    usage({ mode: "on-demand-advantage", shardHours: 0, putPayloadUnits: 0, ...overrides });

  it("no stream-hours (AWS: no per-stream charge); data in and out at the Advantage rates", () => {
    const lines = runCost(
      advantage({ onDemandBilledBytesIn: 500 * GB, pollingBytesOut: 1000 * GB }),
      DEFAULT_PROFILE,
    );
    expect(lines.map((line) => line.item)).toEqual(["data in", "data out"]);
    expect(item(lines, "data in")?.usd).toBeCloseTo(500 * 0.032, 10);
    expect(item(lines, "data out")?.usd).toBeCloseTo(1000 * 0.016, 10);
  });

  it("the assumed rates are at most 40 % of Standard's, as AWS's 'at least 60 % lower' allows", () => {
    const p = DEFAULT_PROFILE;
    expect(p.priceOnDemandAdvantageInGbUsd).toBeLessThanOrEqual(0.4 * p.priceOnDemandInGbUsd);
    expect(p.priceOnDemandAdvantageOutGbUsd).toBeLessThanOrEqual(0.4 * p.priceOnDemandOutGbUsd);
    expect(p.priceOnDemandAdvantageExtendedRetentionGbMonthUsd).toBeLessThanOrEqual(
      0.4 * p.priceOnDemandExtendedRetentionGbMonthUsd,
    );
  });

  it("the same traffic costs less than on Standard, item by item", () => {
    const used = {
      onDemandBilledBytesIn: 100 * GB,
      pollingBytesOut: 200 * GB,
      efoBytesOut: 50 * GB,
      retentionHours: 192,
      storedGbHoursBeyond24h: 700 * MONTH,
      storedGbHoursBeyond7d: 100 * MONTH,
    };
    const standard = runCost(usage({ mode: "on-demand", ...used }), DEFAULT_PROFILE);
    const lines = runCost(advantage(used), DEFAULT_PROFILE);
    expect(lines.map((line) => line.item)).toEqual([
      "data in",
      "data out",
      "EFO data out",
      "extended retention",
      "long-term retention",
    ]);
    for (const line of lines) {
      const same = item(standard, line.item);
      expect(line.quantity).toBe(same?.quantity);
      if (line.item === "long-term retention") expect(line.usd).toBe(same?.usd);
      else expect(line.usd).toBeLessThan(same?.usd ?? 0);
    }
  });
});

describe("runCost reads every price from the profile", () => {
  const priceFields: [keyof LimitsProfile, RunUsage][] = [
    ["priceShardHourUsd", usage()],
    ["pricePutPayloadUnitsPerMillionUsd", usage()],
    ["priceExtendedRetentionShardHourUsd", usage({ retentionHours: 48 })],
    [
      "priceLongTermRetentionGbMonthUsd",
      usage({ retentionHours: 200, storedGbHoursBeyond7d: MONTH }),
    ],
    ["priceEfoConsumerShardHourUsd", usage({ efoConsumerShardHours: 10 })],
    ["priceEfoGbUsd", usage({ efoBytesOut: GB })],
    ["priceOnDemandStreamHourUsd", usage({ mode: "on-demand" })],
    ["priceOnDemandInGbUsd", usage({ mode: "on-demand" })],
    ["priceOnDemandOutGbUsd", usage({ mode: "on-demand", pollingBytesOut: GB })],
    ["priceOnDemandEfoOutGbUsd", usage({ mode: "on-demand", efoBytesOut: GB })],
    [
      "priceOnDemandExtendedRetentionGbMonthUsd",
      usage({ mode: "on-demand", retentionHours: 48, storedGbHoursBeyond24h: MONTH }),
    ],
    [
      "priceLongTermRetentionGbMonthUsd",
      usage({ mode: "on-demand", retentionHours: 200, storedGbHoursBeyond7d: MONTH }),
    ],
    ["priceOnDemandAdvantageInGbUsd", usage({ mode: "on-demand-advantage" })],
    ["priceOnDemandAdvantageOutGbUsd", usage({ mode: "on-demand-advantage", pollingBytesOut: GB })],
    ["priceOnDemandAdvantageEfoOutGbUsd", usage({ mode: "on-demand-advantage", efoBytesOut: GB })],
    [
      "priceOnDemandAdvantageExtendedRetentionGbMonthUsd",
      usage({ mode: "on-demand-advantage", retentionHours: 48, storedGbHoursBeyond24h: MONTH }),
    ],
  ];
  for (const [field, used] of priceFields) {
    it(`${field} (${used.mode})`, () => {
      const before = totalUsd(runCost(used, DEFAULT_PROFILE));
      const raised = { ...DEFAULT_PROFILE, [field]: (DEFAULT_PROFILE[field] as number) + 1 };
      expect(totalUsd(runCost(used, raised))).toBeGreaterThan(before);
    });
  }

  it("hoursPerMonth turns GB-hours into GB-months", () => {
    const used = usage({ retentionHours: 200, storedGbHoursBeyond7d: 2 * MONTH });
    const line = (profile: LimitsProfile) => item(runCost(used, profile), "long-term retention");
    expect(line(DEFAULT_PROFILE)?.quantity).toBe(2);
    expect(line({ ...DEFAULT_PROFILE, hoursPerMonth: 2 * MONTH })?.quantity).toBe(1);
  });

  it("the 24 h threshold is the profile's default retention", () => {
    const profile = { ...DEFAULT_PROFILE, retentionDefaultUs: 48 * 3_600_000_000 };
    expect(item(runCost(usage({ retentionHours: 36 }), profile), "extended retention")).toBe(
      undefined,
    );
    expect(
      item(runCost(usage({ retentionHours: 49 }), profile), "extended retention"),
    ).toBeDefined();
  });
});
