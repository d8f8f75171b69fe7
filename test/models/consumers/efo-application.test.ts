import { describe, expect, it } from "vitest";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";

/** One shard, PutRecord (no batching), record-level: latency is the consumer's alone. */
function run(consumers: string, extra = "", seed = 1) {
  const text = `
seed: ${seed}
duration: 60s
granularity: record
stream: { shards: 1 }
producers: [{ name: p, rate: 400, api: putRecord, recordSize: 500B }]
consumers:
${consumers}
${extra}
`;
  return simulateWithSeries(parseExperimentText(text)).result;
}

const efo = (n: number) =>
  Array.from({ length: n }, (_, i) => `  - { name: e${i}, mode: efo, startAt: TRIM_HORIZON }`).join(
    "\n",
  );
const polling = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `  - { name: c${i}, pollInterval: 1s, startAt: TRIM_HORIZON }`,
  ).join("\n");

describe("enhanced fan-out", () => {
  it("delivers every record about 70 ms after acceptance (the profile's propagation delay)", () => {
    const result = run(efo(1));
    const latency = result.consumers[0]?.latencyMs;
    // PutRecord accepts a record the instant it is created, and the push comes exactly the
    // propagation delay later: every latency is 70 ms (to the histogram's 0.1 %).
    expect(latency?.p50).toBeCloseTo(70, 0);
    expect(latency?.p99).toBeCloseTo(70, 0);
    expect(result.consumers[0]?.subscriptions).toBe(1);
  });

  it("does not slow down with the number of EFO consumers (dedicated throughput)", () => {
    const one = run(efo(1)).latencyMs;
    const five = run(efo(5)).latencyMs;
    expect(five.p50).toBeCloseTo(one.p50, 0);
    expect(five.p99).toBeCloseTo(one.p99, 0);
  });

  it("renews each subscription every 5 minutes", () => {
    const text = `
duration: 16m
stream: { shards: 2 }
producers: [{ name: p, rate: 100 }]
consumers: [{ name: e, mode: efo }]
`;
    const { result } = simulateWithSeries(parseExperimentText(text));
    // Per shard: the first subscription and renewals at 5, 10 and 15 min.
    expect(result.consumers[0]?.subscriptions).toBe(2 * 4);
  });

  it("honours a configured propagation delay", () => {
    const result = run("  - { name: e, mode: efo, propagationDelay: 200ms }");
    expect(result.consumers[0]?.latencyMs.p50).toBeCloseTo(200, 0);
  });

  it("catches up a backlog at most 2 MiB/s per shard", () => {
    // Stopped for 30 s, 400 records/s of ~500 B accumulate ~6 MB; drained at 2 MiB/s this
    // takes about 3 s, so the oldest record waits about 30 s + 3 s.
    const result = run(
      "  - { name: e, mode: efo, startAt: TRIM_HORIZON }",
      "events: [{ at: 5s, stopConsumer: e }, { at: 35s, startConsumer: e }]",
    );
    const c = result.consumers[0];
    expect(c?.latencyMs.max).toBeGreaterThan(30_000);
    expect(c?.latencyMs.max).toBeLessThan(34_000);
    expect(c?.delivered).toBe(result.records.accepted - (c?.unread ?? 0));
  });

  it("polling latency grows with the number of polling applications sharing a shard", () => {
    // AWS: about 200 ms with one consumer, about 1 s with five (kinesis-facts.md §2). Five
    // applications polling once a second use all 5 GetRecords calls/s of the shard, so
    // some calls are refused and wait a backoff: the mean latency grows well past the
    // single application's half poll interval.
    // How often calls collide depends on the applications' random poll phases, so the
    // comparison is over five seeds.
    const seeds = [1, 2, 3, 4, 5];
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const ones = seeds.map((seed) => run(polling(1), "", seed));
    const fives = seeds.map((seed) => run(polling(5), "", seed));
    for (const one of ones) expect(one.consumers[0]?.readThrottled).toBe(0);
    for (const five of fives) {
      expect(five.consumers.reduce((sum, c) => sum + c.readThrottled, 0)).toBeGreaterThan(0);
    }
    const oneLatency = mean(ones.map((r) => r.latencyMs.mean));
    const fiveLatency = mean(fives.map((r) => r.latencyMs.mean));
    expect(fiveLatency).toBeGreaterThan(oneLatency * 1.3);
  });

  it("refuses more EFO consumers than the stream allows, naming the limit", () => {
    expect(() =>
      parseExperimentText(`
duration: 1m
stream: { shards: 1 }
producers: [{ name: p, rate: 1 }]
consumers:
${efo(21)}
`),
    ).toThrow(/21 enhanced fan-out consumers; a stream takes at most 20/);
  });

  it("rejects polling settings on an EFO consumer", () => {
    expect(() => run("  - { name: e, mode: efo, pollInterval: 1s }")).toThrow(
      /consumers\[0\]\.pollInterval: only for polling/,
    );
  });
});
