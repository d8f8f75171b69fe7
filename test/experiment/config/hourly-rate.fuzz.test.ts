import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { UserError } from "../../../src/experiment/config/user-error.js";
import { planExperiment } from "../../../src/experiment/plan/plan-experiment.js";

function document(hourly: unknown): string {
  return JSON.stringify({
    name: "h",
    duration: "1m",
    stream: { shards: 1 },
    producers: [{ name: "p", rate: { hourly }, recordSize: 100 }],
    consumers: [],
  });
}

const entry = fc.oneof(
  fc.integer({ min: -5, max: 5000 }),
  fc.double({ min: -10, max: 5000, noNaN: true }),
  fc.constantFrom("60/min", "-1", "x", null, true),
);

describe("rate: { hourly } against random input", () => {
  it("is accepted exactly when it is 24 numbers ≥ 0, not all 0; otherwise one line naming it", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), (hourly) => {
        const valid =
          hourly.length === 24 &&
          hourly.every((rate) => rate === "60/min" || (typeof rate === "number" && rate >= 0)) &&
          hourly.some((rate) => rate === "60/min" || (typeof rate === "number" && rate > 0));
        try {
          parseExperimentText(document(hourly));
          expect(valid).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(UserError);
          expect((error as Error).message).not.toContain("\n");
          expect((error as Error).message).toMatch(/producers\[0\]\.rate/);
          expect(valid).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("plans for the largest hour and bills the mean of the 24", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 24, maxLength: 24 }),
        (hourly) => {
          fc.pre(hourly.some((rate) => rate > 0));
          const plan = planExperiment(parseExperimentText(document(hourly)));
          const mean = hourly.reduce((sum, rate) => sum + rate, 0) / 24;
          expect(plan.traffic.peakRecordsPerSecond).toBeCloseTo(Math.max(...hourly), 3);
          expect(plan.traffic.meanRecordsPerSecond).toBeCloseTo(mean, 3);
          // Records bind the shard count here (100-byte records): ⌈peak ÷ 1,000⌉.
          expect(plan.shardsFor.records).toBe(Math.ceil(Math.max(...hourly) / 1000));
        },
      ),
      { numRuns: 20 },
    );
  });
});
