import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { monthlyCost } from "../../../models/cost/monthly-cost.js";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import { DEFAULT_PARTITION_KEY_BYTES } from "../../../src/experiment/plan/plan-simulation.js";
import { HEADROOM_UTILIZATION, planStream } from "../../../src/experiment/plan/plan-stream.js";
import { planInput } from "../../helpers/plan-input.js";

const MIB = 1_048_576;

describe("planStream: AWS's sizing rule max(records/s ÷ 1000, MB/s ÷ 1)", () => {
  it("5,000 records/s of 2 KB → 10 shards, limited by bytes (with or without keys)", () => {
    // 10.04 MB/s with the default 8.9-byte keys = 9.58 MiB/s → 10; 36-byte UUID keys → 9.71.
    for (const partitionKeyBytes of [0, DEFAULT_PARTITION_KEY_BYTES, 36]) {
      const plan = planStream(planInput({ partitionKeyBytes }), DEFAULT_PROFILE);
      expect(plan.shards).toBe(10);
      expect(plan.limitingFactor).toBe("bytes");
      expect(plan.shardsFor).toEqual({ records: 5, bytes: 10, reads: 5 });
    }
  });

  it("5,000 records/s of 100 B → 5 shards, limited by records", () => {
    const plan = planStream(planInput({ recordBytes: 100 }), DEFAULT_PROFILE);
    expect(plan.shards).toBe(5);
    expect(plan.limitingFactor).toBe("records");
    expect(plan.utilization.writeRecords).toBe(1);
  });

  it("several polling consumers make reads bind; enhanced fan-out does not", () => {
    const polling = planStream(planInput({ consumers: 3 }), DEFAULT_PROFILE);
    // 3 × 10.04 MB/s ÷ 2 MiB/s = 14.4 → 15.
    expect(polling.shards).toBe(15);
    expect(polling.limitingFactor).toBe("reads");
    const efo = planStream(planInput({ consumers: 3, efo: true }), DEFAULT_PROFILE);
    expect(efo.shards).toBe(10);
    expect(efo.limitingFactor).toBe("bytes");
    expect(efo.shardsFor.reads).toBe(0);
  });

  it("two polling consumers use exactly the read capacity the writes need: a tie goes to bytes", () => {
    const plan = planStream(planInput({ consumers: 2 }), DEFAULT_PROFILE);
    expect(plan.shardsFor.reads).toBe(plan.shardsFor.bytes);
    expect(plan.limitingFactor).toBe("bytes");
  });

  it("is the smallest shard count that meets every limit, and headroom keeps them ≤ 80 %", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 2e6, noNaN: true }),
        fc.integer({ min: 1, max: MIB }),
        fc.integer({ min: 0, max: 256 }),
        fc.integer({ min: 0, max: 8 }),
        fc.boolean(),
        (recordsPerSecond, recordBytes, partitionKeyBytes, consumers, efo) => {
          const plan = planStream(
            planInput({ recordsPerSecond, recordBytes, partitionKeyBytes, consumers, efo }),
            DEFAULT_PROFILE,
          );
          const bytesPerSecond = recordsPerSecond * (recordBytes + partitionKeyBytes);
          const fits = (shards: number, share: number) =>
            recordsPerSecond <= shards * 1000 * share * (1 + 1e-9) &&
            bytesPerSecond <= shards * MIB * share * (1 + 1e-9) &&
            (efo || consumers * bytesPerSecond <= shards * 2 * MIB * share * (1 + 1e-9));
          expect(plan.shards).toBeGreaterThanOrEqual(1);
          expect(fits(plan.shards, 1)).toBe(true);
          if (plan.shards > 1) expect(fits(plan.shards - 1, 1 - 1e-6)).toBe(false);
          expect(fits(plan.headroom.shards, HEADROOM_UTILIZATION)).toBe(true);
          if (plan.headroom.shards > 1)
            expect(fits(plan.headroom.shards - 1, HEADROOM_UTILIZATION * (1 - 1e-6))).toBe(false);
          expect(plan.headroom.shards).toBeGreaterThanOrEqual(plan.shards);
        },
      ),
    );
  });

  it("reads every limit from the profile", () => {
    const profile = { ...DEFAULT_PROFILE, shardWriteBytesPerSecond: 2 * MIB };
    expect(planStream(planInput(), profile).shards).toBe(5);
    const fewerRecords = { ...DEFAULT_PROFILE, shardWriteRecordsPerSecond: 100 };
    expect(planStream(planInput(), fewerRecords)).toMatchObject({
      shards: 50,
      limitingFactor: "records",
    });
    const slowReads = { ...DEFAULT_PROFILE, shardReadBytesPerSecond: MIB / 2 };
    expect(planStream(planInput(), slowReads)).toMatchObject({
      shards: 20,
      limitingFactor: "reads",
    });
  });
});

describe("planStream: monthly cost", () => {
  it("AWS's pricing example through the plan: 1 shard, 500,000 records/day of 1 KB → $11.01", () => {
    const plan = planStream(
      planInput({ recordsPerSecond: 500_000 / 86_400, recordBytes: 1000, consumers: 0 }),
      // AWS's examples count 30-day months (kinesis-facts.md §11).
      { ...DEFAULT_PROFILE, hoursPerMonth: 720 },
    );
    expect(plan.shards).toBe(1);
    expect(plan.provisioned.monthlyUsd).toBeCloseTo(11.01, 6);
    expect(plan.provisioned.items.map((line) => line.item)).toEqual([
      "shard-hours",
      "PUT payload units",
    ]);
  });

  it("provisioned at the sizing-rule count and on-demand for the same traffic, from the cost model", () => {
    const plan = planStream(planInput({ consumers: 2, retentionHours: 200 }), DEFAULT_PROFILE);
    const traffic = {
      recordsPerSecond: 5000,
      recordBytes: 2000 + DEFAULT_PARTITION_KEY_BYTES,
      consumers: 2,
      efo: false,
      retentionHours: 200,
    };
    expect(plan.provisioned.monthlyUsd).toBeCloseTo(
      monthlyCost("provisioned", traffic, plan.shards, DEFAULT_PROFILE).usd,
      5,
    );
    expect(plan.onDemand.monthlyUsd).toBeCloseTo(
      monthlyCost("on-demand", traffic, 0, DEFAULT_PROFILE).usd,
      5,
    );
    expect(plan.provisioned.items.map((line) => line.item)).toEqual([
      "shard-hours",
      "PUT payload units",
      "extended retention",
      "long-term retention",
    ]);
    expect(plan.onDemand.items.map((line) => line.item)).toEqual([
      "stream-hours",
      "data in",
      "data out",
      "extended retention",
      "long-term retention",
    ]);
  });

  it("--efo bills consumer-shard-hours and EFO data at the sizing-rule shard count", () => {
    const plan = planStream(planInput({ consumers: 2, efo: true }), DEFAULT_PROFILE);
    const hours = plan.provisioned.items.find((line) => line.item === "EFO consumer-shard-hours");
    expect(hours?.quantity).toBe(2 * plan.shards * DEFAULT_PROFILE.hoursPerMonth);
    expect(plan.onDemand.items.some((line) => line.item === "EFO data out")).toBe(true);
  });

  it("a price override changes the plan's cost", () => {
    const before = planStream(planInput(), DEFAULT_PROFILE).provisioned.monthlyUsd;
    const after = planStream(planInput(), { ...DEFAULT_PROFILE, priceShardHourUsd: 0.03 })
      .provisioned.monthlyUsd;
    expect(after - before).toBeCloseTo(10 * DEFAULT_PROFILE.hoursPerMonth * 0.015, 6);
  });
});

describe("planStream: warnings", () => {
  it("more polling consumers than GetRecords calls per second per shard", () => {
    const plan = planStream(planInput({ consumers: 6 }), DEFAULT_PROFILE);
    expect(plan.warnings.some((w) => w.includes("6 GetRecords calls/s per shard"))).toBe(true);
    expect(planStream(planInput({ consumers: 6, efo: true }), DEFAULT_PROFILE).warnings).toEqual([
      expect.stringMatching(/^on-demand/),
    ]);
  });

  it("no warning for a small stream with one consumer; more shards than a stream may have", () => {
    expect(planStream(planInput({ recordsPerSecond: 1000 }), DEFAULT_PROFILE).warnings).toEqual([]);
    const huge = planStream(
      planInput({ recordsPerSecond: 20_000_000, recordBytes: 10 }),
      DEFAULT_PROFILE,
    );
    expect(huge.shards).toBe(20_000);
    expect(huge.warnings[0]).toMatch(/more than a stream may have \(10,000/);
  });
});
