import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { UserError } from "../../../src/experiment/config/user-error.js";
import {
  DEFAULT_PARTITION_KEY_BYTES,
  planExperimentYaml,
  simulatePlan,
} from "../../../src/experiment/plan/plan-simulation.js";
import { planStream } from "../../../src/experiment/plan/plan-stream.js";
import { planInput } from "../../helpers/plan-input.js";

describe("planExperimentYaml", () => {
  it("is a valid experiment with the plan's stream, traffic and consumers", () => {
    const config = parseExperimentText(
      planExperimentYaml(planInput({ consumers: 2, retentionHours: 36 }), 10),
    );
    expect(config).toMatchObject({ name: "plan", seed: 1, durationUs: 120_000_000 });
    expect(config.stream).toMatchObject({ shards: 10, retentionUs: 36 * 3_600_000_000 });
    expect(config.producers).toHaveLength(1);
    expect(config.producers[0]).toMatchObject({
      rate: 5000,
      arrival: "poisson",
      recordSize: { distribution: "fixed", bytes: 2000 },
      keys: { distribution: "uniform", cardinality: 100_000, prefix: "key-" },
    });
    expect(config.consumers.map((c) => c.name)).toEqual(["consumer-1", "consumer-2"]);
  });

  it("pads the key prefix to the planned key size; EFO consumers are left out", () => {
    const config = parseExperimentText(
      planExperimentYaml(planInput({ partitionKeyBytes: 36, consumers: 3, efo: true }), 4),
    );
    const keys = config.producers[0]?.keys;
    expect(keys?.distribution === "uniform" && keys.prefix.length).toBe(31);
    expect(config.consumers).toEqual([]);
  });
});

describe("simulatePlan", () => {
  it("5,000 records/s of 2 KB at the planned 10 shards: a small throttle rate, p99 about a poll", () => {
    const plan = planStream(planInput(), DEFAULT_PROFILE);
    const simulation = simulatePlan(planInput(), plan.shards, DEFAULT_PROFILE);
    expect(simulation.shards).toBe(10);
    expect(simulation.throttleRate).toBeLessThan(0.01);
    expect(simulation.dataLossFraction).toBe(0);
    // One polling consumer, 1 s interval: p99 a little under a second plus batching.
    expect(simulation.latencyP99Ms).toBeGreaterThan(500);
    expect(simulation.latencyP99Ms).toBeLessThan(2000);
    expect(simulation.partitionKeyBytes).toBeCloseTo(DEFAULT_PARTITION_KEY_BYTES, 3);
  });

  it("half the planned shards throttles heavily: the check can fail", () => {
    const simulation = simulatePlan(planInput(), 5, DEFAULT_PROFILE);
    expect(simulation.throttleRate).toBeGreaterThan(0.5);
  });

  it("is deterministic", () => {
    const a = simulatePlan(
      planInput({ recordsPerSecond: 800, recordBytes: 100 }),
      1,
      DEFAULT_PROFILE,
    );
    const b = simulatePlan(
      planInput({ recordsPerSecond: 800, recordBytes: 100 }),
      1,
      DEFAULT_PROFILE,
    );
    expect(a).toEqual(b);
  });

  it("with --efo only writes are checked, and says so", () => {
    const simulation = simulatePlan(planInput({ efo: true, consumers: 2 }), 10, DEFAULT_PROFILE);
    expect(simulation.latencyP99Ms).toBe(null);
    expect(simulation.note).toMatch(/not simulated/);
  });

  it("refuses a shard count no stream may have", () => {
    expect(() => simulatePlan(planInput(), 10_001, DEFAULT_PROFILE)).toThrow(UserError);
  });
});
