import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import { simulatePlan } from "../../../src/experiment/plan/plan-simulation.js";
import { type PlanInput, planStream } from "../../../src/experiment/plan/plan-stream.js";
import { planJson, renderPlan } from "../../../src/experiment/plan/render-plan.js";
import { planInput } from "../../helpers/plan-input.js";

const cases: PlanInput[] = [
  planInput(),
  planInput({ recordBytes: 100, consumers: 7, retentionHours: 8760 }),
  planInput({ recordsPerSecond: 0.5, recordBytes: 1, consumers: 0 }),
  planInput({ recordsPerSecond: 2_000_000, recordBytes: 1_048_576, consumers: 20, efo: true }),
];

describe("renderPlan", () => {
  it("fits in 80 columns", () => {
    for (const planned of cases) {
      const plan = planStream(planned, DEFAULT_PROFILE);
      for (const line of renderPlan(plan, DEFAULT_PROFILE).split("\n")) {
        expect(line.length, line).toBeLessThanOrEqual(80);
      }
    }
    const simulated = simulatePlan(planInput({ efo: true }), 10, DEFAULT_PROFILE);
    const text = renderPlan(
      planStream(planInput({ efo: true }), DEFAULT_PROFILE),
      DEFAULT_PROFILE,
      simulated,
    );
    for (const line of text.split("\n")) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it("says how many shards, why, and what a month costs in each mode", () => {
    const text = renderPlan(planStream(planInput(), DEFAULT_PROFILE), DEFAULT_PROFILE);
    expect(text).toContain("shards       10, limited by bytes");
    // A 730-hour month: 10 × 730 shard-hours × $0.015 = $109.50, and 5,000 records/s × 3,600 ×
    // 730 = 13.14 G records of one PUT payload unit each × $0.014 per million = $183.96.
    expect(text).toMatch(/provisioned, 10 shards +\$293\.46/);
    expect(text).toMatch(/on-demand +\$[\d,]+\.\d\d/);
    expect(text).toContain("12 shards, every limit ≤ 80 %");
  });
});

describe("planJson", () => {
  it("starts with the contract's fields; simulation comes last", () => {
    const plan = planStream(planInput(), DEFAULT_PROFILE);
    const json = JSON.parse(planJson(plan));
    expect(Object.keys(json).slice(0, 4)).toEqual([
      "shards",
      "limitingFactor",
      "provisioned",
      "onDemand",
    ]);
    expect(Object.keys(json.provisioned)).toEqual(["monthlyUsd", "items"]);
    expect(Object.keys(json.onDemand)).toEqual(["monthlyUsd", "items"]);
    expect(json).not.toHaveProperty("simulation");
    const simulated = JSON.parse(
      planJson(plan, simulatePlan(planInput(), plan.shards, DEFAULT_PROFILE)),
    );
    expect(Object.keys(simulated).at(-1)).toBe("simulation");
  });
});
