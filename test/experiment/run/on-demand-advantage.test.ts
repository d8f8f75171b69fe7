import { describe, expect, it } from "vitest";
import { BILLING_GB_BYTES } from "../../../models/cost/billing-units.js";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";

/**
 * On-demand Advantage (kinesis-facts.md §6, §3, §11): the same on-demand scaling, plus warm
 * throughput (write capacity ready at once and kept), 50 enhanced fan-out consumers instead
 * of 20, and its own prices: no stream-hours, per-GB rates at least 60 % below Standard's.
 */

function run(text: string, overrides: string[] = []) {
  return simulateWithSeries(parseExperimentText(text, { overrides })).result;
}

const openAtEnd = (result: ReturnType<typeof run>) =>
  result.shards.filter((shard) => shard.closedAtSeconds === null).length;

describe("warm throughput", () => {
  // 16,000 records/s of 1 KB (≈ 16 MB/s) from the first second: four times a new stream's
  // 4 MB/s. With 20 MiB/s warm, the stream starts with 20 shards of 1 MiB/s, each offered
  // 800 records/s (808 KB/s): within its limits by more than 6 Poisson standard deviations
  // per second (√800 ≈ 28), so nothing throttles.
  const burst = (mode: string, warm?: string) => `
duration: 5m
stream: { mode: ${mode}${warm === undefined ? "" : `, warmThroughput: ${warm}`} }
producers:
  - { name: p, rate: 16000, recordSize: 1KB, keys: { distribution: uniform, cardinality: 100000 } }
`;

  it("an Advantage stream warmed to 20 MiB/s takes 16 MB/s at once; Standard throttles", () => {
    const warm = run(burst("on-demand-advantage", "20MiB"));
    expect(warm.capacityMode).toBe("on-demand-advantage");
    expect(warm.shards.slice(0, 20).every((shard) => shard.openedAtSeconds === 0)).toBe(true);
    expect(warm.throttleRate).toBe(0);
    const standard = run(burst("on-demand"));
    expect(standard.throttleRate).toBeGreaterThan(0.3);
  });

  it("without warm throughput an Advantage stream scales like a Standard one", () => {
    const advantage = run(burst("on-demand-advantage"));
    const standard = run(burst("on-demand"));
    expect(advantage.throttleRate).toBe(standard.throttleRate);
    expect(advantage.operations.length).toBe(standard.operations.length);
  });

  it("is a floor: quiet shards are merged down to it, not below", () => {
    // Quiet traffic, scale-down after 30 minutes of quiet instead of 24 h: a Standard stream
    // created with 8 shards merges back to its initial 4; an Advantage stream warmed to
    // 8 MiB/s keeps its 8.
    const quiet = (stream: string) => `
duration: 3h
resolution: 1s
limits: { onDemandScaleDownAfterUs: 30m }
stream: ${stream}
producers: [{ name: p, rate: 50, recordSize: 1KB }]
`;
    const standard = run(quiet("{ mode: on-demand, shards: 8 }"));
    expect(openAtEnd(standard)).toBe(DEFAULT_PROFILE.onDemandInitialShards);
    const advantage = run(quiet("{ mode: on-demand-advantage, warmThroughput: 8MiB }"));
    expect(advantage.shards).toHaveLength(8);
    expect(advantage.operations).toHaveLength(0);
  });

  it("is refused where AWS refuses it, naming the path", () => {
    const stream = (settings: string) => `
duration: 1m
stream: { ${settings} }
producers: [{ name: p, rate: 1 }]
`;
    expect(() => run(stream("mode: on-demand, warmThroughput: 10MiB"))).toThrow(
      /^stream\.warmThroughput: only for on-demand-advantage streams/,
    );
    expect(() => run(stream("shards: 2, warmThroughput: 10MiB"))).toThrow(
      /^stream\.warmThroughput: only for on-demand-advantage/,
    );
    expect(() => run(stream("mode: on-demand-advantage, warmThroughput: 20GB"))).toThrow(
      /^stream\.warmThroughput: expected a size above 0 and at most 10 GB/,
    );
  });
});

describe("enhanced fan-out consumers per stream", () => {
  const withEfo = (mode: string, count: number) => `
duration: 1m
stream: { mode: ${mode}, shards: 1 }
producers: [{ name: p, rate: 1 }]
consumers:
${Array.from({ length: count }, (_, i) => `  - { name: e${i}, mode: efo }`).join("\n")}
`;

  it("50 with On-demand Advantage, 20 on Standard and provisioned streams", () => {
    expect(() => parseExperimentText(withEfo("on-demand-advantage", 50))).not.toThrow();
    expect(() => parseExperimentText(withEfo("on-demand-advantage", 51))).toThrow(
      /^consumers: 51 enhanced fan-out consumers; a stream takes at most 50 with On-demand Advantage/,
    );
    for (const mode of ["on-demand", "provisioned"]) {
      expect(() => parseExperimentText(withEfo(mode, 20))).not.toThrow();
      expect(() => parseExperimentText(withEfo(mode, 21))).toThrow(
        /21 enhanced fan-out consumers; a stream takes at most 20 \(limits\.efoMaxConsumersPerStream\)/,
      );
    }
  });
});

describe("the bill of a run", () => {
  // One hour of 1,000 records/s of 100 B with one polling reader: 3.6 M records, each billed
  // as 1 KiB in; about 3.6 M × 109 B out (data plus a 9-character key).
  const hour = (mode: string) =>
    run(`
duration: 1h
resolution: 100ms
stream: { mode: ${mode} }
producers: [{ name: p, rate: 1000, arrival: constant, recordSize: 100B }]
consumers: [{ name: reader }]
`);

  it("Standard: stream-hours, data in (1 KiB a record), data out", () => {
    const result = hour("on-demand");
    expect(result.cost.items.map((line) => line.item)).toEqual([
      "stream-hours",
      "data in",
      "data out",
    ]);
    const dataIn = result.cost.items[1];
    // The result rounds quantities and dollars to 6 decimals.
    expect(dataIn?.quantity).toBeCloseTo((result.records.accepted * 1024) / BILLING_GB_BYTES, 5);
    expect(dataIn?.unitPriceUsd).toBe(0.08);
    expect(result.cost.items[0]?.usd).toBeCloseTo(0.04, 6);
  });

  it("Advantage: the same quantities at the Advantage rates, and no stream-hours", () => {
    const standard = hour("on-demand");
    const advantage = hour("on-demand-advantage");
    expect(advantage.cost.items.map((line) => line.item)).toEqual(["data in", "data out"]);
    const [dataIn, dataOut] = advantage.cost.items;
    expect(dataIn?.quantity).toBe(standard.cost.items[1]?.quantity);
    expect(dataOut?.quantity).toBe(standard.cost.items[2]?.quantity);
    // AWS: "at least 60 % lower" than Standard; the profile's assumed rates are exactly 40 %.
    expect(dataIn?.unitPriceUsd).toBeLessThanOrEqual(0.4 * 0.08 + 1e-12);
    expect(dataOut?.unitPriceUsd).toBeLessThanOrEqual(0.4 * 0.04 + 1e-12);
    expect(advantage.cost.usd).toBeCloseTo(
      (dataIn?.quantity ?? 0) * 0.032 + (dataOut?.quantity ?? 0) * 0.016,
      5,
    );
  });
});
