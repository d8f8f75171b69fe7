/**
 * The read path's documented limits (kinesis-facts.md §2, §3, §7), each against AWS's
 * figure: 2,000 records/s per shard for shared (polling) reads, GetShardIterator's 5 calls/s
 * per shard, a shard iterator's 5-minute life, SubscribeToShard's ResourceInUse within 5 s of
 * a successful call (retried at its one call per second).
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import { EgressLimiter } from "../../../models/shards/egress-limiter.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";

const S = 1_000_000;

function run(text: string) {
  return simulateWithSeries(parseExperimentText(text));
}

describe("read records per second (2,000 per shard, shared by polling applications)", () => {
  it("a 10,000-record read from a full bucket blocks the shard for 4 s", () => {
    // One second deep (2,000 records), overdrawn by 8,000: paid back at 2,000/s in 4 s.
    const limiter = new EgressLimiter(DEFAULT_PROFILE);
    expect(limiter.tryCall(0)).toBe(true);
    limiter.charge(0, 1_000_000, 10_000);
    expect(limiter.tryCall(3_999_999)).toBe(false);
    const refusal = limiter.refusal(3_999_999);
    expect(refusal.limit).toBe("records");
    expect(refusal.limit === "records" && Math.abs(refusal.untilUs - 4 * S)).toBeLessThanOrEqual(1);
    expect(limiter.tryCall(4 * S)).toBe(true);
  });

  it("reads under 2,000 records/s in small calls are never refused for records", () => {
    const limiter = new EgressLimiter(DEFAULT_PROFILE);
    // Five applications, one call each per second, 380 records a call: 1,900 records/s.
    for (let call = 0; call < 500; call++) {
      const atUs = call * 200_000;
      expect(limiter.tryCall(atUs)).toBe(true);
      limiter.charge(atUs, 38_000, 380);
    }
  });

  it("a backlog of small records is read at most 2,000 records/s, not at the 2 MiB/s", () => {
    // 100-byte records: 2 MiB/s would allow ~21,000 records/s, and one application polling
    // once a second with 10,000-record reads would read 10,000/s. The records limit allows
    // 2,000/s in the long run; the bucket can add its depth (2,000) plus one read's overdraw
    // (10,000) over any window. Each read waits for the debt to be paid and then at most one
    // backoff (1.5 s at most): a 10,000-record cycle lasts at most 5 + 1.5 s, so at least
    // 10,000 ÷ 6.5 ≈ 1,538 records/s are read while the backlog lasts.
    const { result, series } = run(`
seed: 2
duration: 4m
metricsResolution: 1s
stream: { shards: 1 }
producers: [{ name: p, rate: 800, recordSize: 100B }]
consumers: [{ name: late, startAt: TRIM_HORIZON, launchAt: 2m }]
`);
    const out = series.shards[0]?.outgoingRecords ?? new Float64Array();
    // 2 min of backlog (96,000 records) with 800/s coming drains at ≤ 1,200/s net: it lasts
    // beyond 3 min, so 2:05–2:45 is read well inside it.
    let read = 0;
    for (let second = 125; second < 165; second++) read += out[second] ?? 0;
    expect(read / 40).toBeLessThanOrEqual(2_000 + (2_000 + 10_000) / 40);
    expect(read / 40).toBeGreaterThanOrEqual(10_000 / 6.5);
    expect(result.consumers[0]?.readThrottled).toBeGreaterThan(0);
  });
});

describe("GetShardIterator (5 calls/s per shard, all applications together)", () => {
  const apps = (count: number) =>
    Array.from(
      { length: count },
      (_, i) => `  - { name: a${i}, startAt: TRIM_HORIZON, pollInterval: 10ms, readBackoff: 1s }`,
    ).join("\n");

  it("eight applications starting together: five get an iterator at once, three retry", () => {
    // All first polls fall within 10 ms, when the bucket (5, one second deep) has refilled
    // by 0.05 of a call: five calls succeed, three are refused; each retry comes after
    // 0.5–1.5 s, when at least 2.5 calls have refilled.
    const { result } = run(`
duration: 5s
stream: { shards: 1 }
producers: [{ name: p, rate: 10 }]
consumers:
${apps(8)}
`);
    const calls = result.consumers.reduce((sum, c) => sum + c.getShardIteratorCalls, 0);
    const refused = result.consumers.reduce((sum, c) => sum + c.getShardIteratorThrottled, 0);
    expect(calls).toBe(8);
    expect(refused).toBe(3);
  });

  it("with the limit raised, none is refused", () => {
    const { result } = run(`
duration: 5s
limits: { getShardIteratorCallsPerSecond: 100 }
stream: { shards: 1 }
producers: [{ name: p, rate: 10 }]
consumers:
${apps(8)}
`);
    expect(result.consumers.reduce((sum, c) => sum + c.getShardIteratorThrottled, 0)).toBe(0);
  });
});

describe("a shard iterator expires 5 minutes after it was returned", () => {
  const slow = (batch: string) => `
duration: 20m
stream: { shards: 1 }
producers: [{ name: p, rate: 10 }]
consumers: [{ name: slow, startAt: TRIM_HORIZON, batchProcessingTime: ${batch} }]
`;

  it("an application that takes 6 minutes over each batch finds its iterator expired each time", () => {
    // Polls at t0 ∈ [0, 1 s) and then every 6 min (processing outlasts the poll interval):
    // t0 + 6, + 12, + 18 min — three polls, each 6 min after the last iterator.
    const { result } = run(slow("6m"));
    const c = result.consumers[0];
    expect(c?.expiredIterators).toBe(3);
    expect(c?.getShardIteratorCalls).toBe(4);
  });

  it("one that takes 4 minutes never does", () => {
    const { result } = run(slow("4m"));
    expect(result.consumers[0]?.expiredIterators).toBe(0);
    expect(result.consumers[0]?.getShardIteratorCalls).toBe(1);
  });
});

describe("SubscribeToShard again within 5 s of a successful call is refused (ResourceInUse)", () => {
  const restart = (limits: string) => `
duration: 1m
${limits}
stream: { shards: 2 }
producers: [{ name: p, rate: 10 }]
consumers: [{ name: e, mode: efo }]
events: [{ at: 1s, stopConsumer: e }, { at: 2s, startConsumer: e }]
`;

  it("a consumer restarted 2 s after subscribing is refused at 2, 3 and 4 s, and subscribes at 5 s", () => {
    // It subscribed to each shard at 0 s; tries again once a second from 2 s.
    const { result } = run(restart(""));
    const c = result.consumers[0];
    expect(c?.subscribeRejected).toBe(2 * 3);
    expect(c?.subscriptions).toBe(2 * 2);
    // What came meanwhile was pushed when it subscribed again: about 5 s late at most.
    expect(c?.latencyMs.max).toBeGreaterThan(3_000);
    expect(c?.latencyMs.max).toBeLessThan(5_000);
  });

  it("without that rule it subscribes again at once", () => {
    const { result } = run(restart("limits: { efoResubscribeMinIntervalUs: 0 }"));
    expect(result.consumers[0]?.subscribeRejected).toBe(0);
    expect(result.consumers[0]?.latencyMs.max).toBeLessThan(1_200);
  });
});

describe("GetRecords' Limit counts Kinesis records, not the KPL user records inside them", () => {
  it("a call limited to 10 returns 10 aggregates' worth of user records while catching up", () => {
    // One shard, a KPL producer of 100-byte records at 900/s; the reader starts a minute late
    // with maxRecords 10 and stays behind all run, so every call returns a full Limit: 10
    // Kinesis records of about `ratio` user records each (well under 10 MiB).
    const { result } = run(`
duration: 2m
stream: { shards: 1 }
producers: [{ name: p, rate: 900, recordSize: 100B, kpl: {} }]
consumers: [{ name: c, mode: polling, startAt: TRIM_HORIZON, launchAt: 60s, maxRecords: 10 }]
`);
    const ratio = result.producers[0]?.kpl?.userRecordsPerKinesisRecord ?? 0;
    const c = result.consumers[0];
    expect(ratio).toBeGreaterThan(50);
    expect(c?.unread).toBeGreaterThan(10_000);
    const perCall = (c?.delivered ?? 0) / (c?.getRecordsCalls ?? 1);
    expect(Math.abs(perCall - 10 * ratio)).toBeLessThan(0.1 * 10 * ratio);
  });
});
