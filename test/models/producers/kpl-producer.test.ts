import { describe, expect, it } from "vitest";
import { loadExperimentFile } from "../../../src/experiment/config/load-experiment.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";
import { runText as run } from "../../helpers/experiment.js";

describe("KPL producer", () => {
  it("with small records, aggregation moves the binding limit from records to bytes", () => {
    const aggregated = simulateWithSeries(
      loadExperimentFile("experiments/kpl-small-records.yaml"),
    ).result;
    const plain = simulateWithSeries(
      loadExperimentFile("experiments/kpl-small-records.yaml", [
        "producers[0].kpl.aggregation=false",
      ]),
    ).result;
    expect(aggregated.throttleRate).toBe(0);
    // 1,800 records/s × RecordMaxBufferedTime 100 ms: 1 + 180 user records per Kinesis record.
    expect(aggregated.producers[0]?.kpl?.userRecordsPerKinesisRecord).toBeCloseTo(181, 0);
    // 1,800 records/s against 1,000: without aggregation the records limit binds.
    expect(plain.throttleRate).toBeGreaterThan(0.2);
    expect(plain.producers[0]?.kpl?.userRecordsPerKinesisRecord).toBe(1);
    // The shard accepts about 1,000 Kinesis records/s in both runs' worth of time at most.
    expect(plain.producers[0]?.kpl?.kinesisRecordsPut).toBeLessThanOrEqual(1000 * 120 + 1000);
  });

  it("never sends more than RateLimit % of a shard's limits (plus the bucket's depth)", () => {
    const result = run(`
duration: 60s
stream: { shards: 1 }
producers: [{ name: p, rate: 4000, recordSize: 100B, kpl: { aggregation: false, rateLimit: 150 } }]
`);
    const attempts = result.records.accepted + result.records.throttledAttempts;
    expect(attempts).toBeLessThanOrEqual(1500 * 60 + 1000);
    expect(attempts).toBeGreaterThan(1400 * 60);
  });

  it("fails records as Expired only after RecordTtl", () => {
    const text = (duration: string) => `
duration: ${duration}
stream: { shards: 1 }
producers: [{ name: p, rate: 2000, recordSize: 100B, kpl: { aggregation: false, recordTtl: 30s } }]
`;
    // Offered twice what the shard takes: the backlog ages, but nothing is older than 30 s
    // before t = 30 s.
    expect(run(text("29s")).producers[0]?.kpl?.expired).toBe(0);
    const long = run(text("90s"));
    expect(long.producers[0]?.kpl?.expired).toBeGreaterThan(0);
    expect(long.dataLoss.dropped).toBe(long.producers[0]?.kpl?.expired);
  });

  it("with FailIfThrottled, a throttled record fails at once instead of being retried", () => {
    const result = run(`
duration: 30s
stream: { shards: 1 }
producers: [{ name: p, rate: 2000, recordSize: 100B, kpl: { aggregation: false, failIfThrottled: true } }]
`);
    expect(result.producers[0]?.retries).toBe(0);
    expect(result.records.dropped).toBeGreaterThanOrEqual(result.records.throttledAttempts);
  });

  it("record mode: through a reshard and throttling, every record is accounted for, and reruns agree", () => {
    const text = `
duration: 1m
granularity: record
limits: { splitMergeMinDelayUs: 1s, splitMergeMaxDelayUs: 2s }
stream: { shards: 2 }
producers: [{ name: p, rate: 4000, recordSize: 400B, kpl: {} }]
events: [{ at: 20s, split: shardId-000000000000 }]
`;
    const result = run(text);
    // 1.6 MB/s against 2 MiB/s, hashed unevenly: the busier shard throttles; the split lands.
    expect(result.operations[0]?.outcome).toBe("completed");
    expect(result.producers[0]?.kpl?.shardMapRefreshes).toBeGreaterThan(0);
    expect(result.records.offered).toBe(
      result.records.accepted + result.records.dropped + result.records.pendingAtProducer,
    );
    expect(JSON.stringify(run(text).producers)).toBe(JSON.stringify(result.producers));
  });

  it("notices a reshard when records land on a shard its map did not predict", () => {
    const result = run(`
duration: 2m
limits: { splitMergeMinDelayUs: 1s, splitMergeMaxDelayUs: 2s }
stream: { shards: 2 }
producers: [{ name: p, rate: 6000, recordSize: 500B, kpl: {} }]
events: [{ at: 30s, split: shardId-000000000000 }]
`);
    // Offered 3 MB/s against 2 MiB/s, the KPL holds records back and retries them; those
    // waiting for the parent when it closes land on its children instead.
    expect(result.operations[0]?.outcome).toBe("completed");
    expect(result.producers[0]?.kpl?.shardMapRefreshes).toBeGreaterThan(0);
    expect(result.records.offered).toBe(
      result.records.accepted + result.records.dropped + result.records.pendingAtProducer,
    );
  });
});
