import { describe, expect, it } from "vitest";
import { BILLING_GB_BYTES } from "../../../models/cost/billing-units.js";
import {
  monthlyCost,
  monthlyUsage,
  type SteadyTraffic,
} from "../../../models/cost/monthly-cost.js";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";

const GB = BILLING_GB_BYTES;
/** AWS's pricing examples count 30-day months (kinesis-facts.md §11): 720 h reproduces them. */
const THIRTY_DAY_MONTH = { ...DEFAULT_PROFILE, hoursPerMonth: 720 };
const MONTH = DEFAULT_PROFILE.hoursPerMonth;

const awsExample: SteadyTraffic = {
  recordsPerSecond: 500_000 / 86_400,
  recordBytes: 1000,
  consumers: 0,
  efo: false,
  retentionHours: 24,
};

describe("monthlyCost", () => {
  it("AWS's example month: 1 shard, 500,000 records/day of 1 KB → $11.01", () => {
    const usage = monthlyUsage("provisioned", awsExample, 1, THIRTY_DAY_MONTH);
    expect(usage.shardHours).toBe(720);
    expect(usage.putPayloadUnits).toBeCloseTo(15_000_000, 3);
    const bill = monthlyCost("provisioned", awsExample, 1, THIRTY_DAY_MONTH);
    expect(bill.items.map((line) => line.item)).toEqual(["shard-hours", "PUT payload units"]);
    expect(bill.usd).toBeCloseTo(11.01, 9);
  });

  it("the default month is the calculator's 730 h: the same shard bills 730 shard-hours", () => {
    const usage = monthlyUsage("provisioned", awsExample, 1, DEFAULT_PROFILE);
    expect(usage.shardHours).toBe(730);
    expect(usage.putPayloadUnits).toBeCloseTo((500_000 * 730) / 24, 3);
  });

  it("the same traffic on demand: 720 stream-hours plus 15 M records × 1 KiB in", () => {
    const bill = monthlyCost("on-demand", awsExample, 1, THIRTY_DAY_MONTH);
    const dataIn = bill.items.find((line) => line.item === "data in");
    expect(dataIn?.quantity).toBeCloseTo((15_000_000 * 1024) / GB, 6);
    expect(bill.usd).toBeCloseTo(720 * 0.04 + ((15_000_000 * 1024) / GB) * 0.08, 6);
  });

  it("polling consumers are billed data out on demand only; EFO is billed in both modes", () => {
    const traffic = { ...awsExample, consumers: 2 };
    const polling = monthlyUsage("provisioned", traffic, 3, DEFAULT_PROFILE);
    expect(polling.pollingBytesOut).toBeCloseTo((2 * 15e9 * MONTH) / 720, 0);
    expect(polling.efoConsumerShardHours).toBe(0);
    const efo = monthlyUsage("provisioned", { ...traffic, efo: true }, 3, DEFAULT_PROFILE);
    expect(efo.efoConsumerShardHours).toBe(2 * 3 * MONTH);
    expect(efo.efoBytesOut).toBeCloseTo((2 * 15e9 * MONTH) / 720, 0);
    expect(efo.pollingBytesOut).toBe(0);
    const bill = monthlyCost("provisioned", { ...traffic, efo: true }, 3, DEFAULT_PROFILE);
    expect(bill.items.map((line) => line.item)).toContain("EFO consumer-shard-hours");
  });

  it("retention tiers fill from the retention period: 8 days → 7 days extended, 1 day long-term", () => {
    const traffic = { ...awsExample, retentionHours: 192 };
    const usage = monthlyUsage("on-demand", traffic, 1, DEFAULT_PROFILE);
    const bytesPerSecond = awsExample.recordsPerSecond * 1000;
    expect(usage.storedGbHoursBeyond24h).toBeCloseTo(
      ((bytesPerSecond * 168 * 3600) / GB) * MONTH,
      6,
    );
    expect(usage.storedGbHoursBeyond7d).toBeCloseTo(((bytesPerSecond * 24 * 3600) / GB) * MONTH, 6);
    const provisioned = monthlyCost("provisioned", traffic, 1, DEFAULT_PROFILE).items;
    expect(provisioned.map((line) => line.item)).toEqual([
      "shard-hours",
      "PUT payload units",
      "extended retention",
      "long-term retention",
    ]);
  });
});
