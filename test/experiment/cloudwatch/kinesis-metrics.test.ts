import { describe, expect, it } from "vitest";
import { parseCloudWatchExport } from "../../../models/workload/trace/cloudwatch-export.js";
import { cloudWatchCsv } from "../../../src/experiment/cloudwatch/cloudwatch-csv.js";
import { cloudWatchJsonLines } from "../../../src/experiment/cloudwatch/cloudwatch-jsonl.js";
import {
  type CloudWatchMetric,
  cloudWatchMetrics,
} from "../../../src/experiment/cloudwatch/kinesis-metrics.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";

const S = 1_000_000;

/**
 * 150 s on 2 shards with more demand than they take (throttling), a polling and an enhanced
 * fan-out application: three periods of a minute, the last one half long.
 */
const YAML = `
name: cw-test
seed: 3
duration: 150s
stream: { shards: 2 }
producers:
  - name: p
    rate: 2600
    recordSize: 500B
    api: putRecords
    keys: { distribution: uniform, cardinality: 200 }
consumers:
  - { name: poller, pollInterval: 1s, startAt: TRIM_HORIZON }
  - { name: pushed, mode: efo, startAt: TRIM_HORIZON }
`;

const run = simulateWithSeries(parseExperimentText(YAML));
const { result, series } = run;
const metrics = cloudWatchMetrics(result, series, { periodUs: 60 * S, putRecordsOnly: true });

function find(name: string, dimension?: string): CloudWatchMetric {
  const metric = metrics.find(
    (m) =>
      m.metricName === name &&
      (dimension === undefined
        ? m.dimensions.length === 1
        : m.dimensions.some((d) => d.value === dimension)),
  );
  if (metric === undefined) throw new Error(`no ${name} ${dimension ?? ""}`);
  return metric;
}

/** Σ of `values` over the series intervals [from, to). */
function sumOf(values: ArrayLike<number>, from: number, to: number): number {
  let total = 0;
  for (let i = from; i < Math.min(to, values.length); i++) total += values[i] as number;
  return total;
}

const sums = (metric: CloudWatchMetric) => metric.points.map((p) => p.statistics.sum);

describe("kinesim's series as CloudWatch's Kinesis metrics", () => {
  it("names the metrics and dimensions as CloudWatch does", () => {
    const names = (level: number) => [
      ...new Set(metrics.filter((m) => m.dimensions.length === level).map((m) => m.metricName)),
    ];
    expect(names(1)).toEqual([
      "IncomingRecords",
      "IncomingBytes",
      "WriteProvisionedThroughputExceeded",
      "PutRecords.ThrottledRecords",
      "ReadProvisionedThroughputExceeded",
      "GetRecords.Records",
      "GetRecords.IteratorAgeMilliseconds",
    ]);
    expect(
      metrics
        .filter((m) => m.dimensions[1]?.name === "ShardId")
        .map((m) => `${m.dimensions[1]?.value} ${m.metricName}`),
    ).toEqual(
      ["shardId-000000000000", "shardId-000000000001"].flatMap((shard) =>
        [
          "IncomingRecords",
          "IncomingBytes",
          "WriteProvisionedThroughputExceeded",
          "ReadProvisionedThroughputExceeded",
          "OutgoingRecords",
          "OutgoingBytes",
          "IteratorAgeMilliseconds",
        ].map((name) => `${shard} ${name}`),
      ),
    );
    // Only the enhanced fan-out application has SubscribeToShardEvent metrics.
    expect(
      metrics
        .filter((m) => m.dimensions[1]?.name === "ConsumerName")
        .map((m) => `${m.dimensions[1]?.value} ${m.metricName}`),
    ).toEqual([
      "pushed SubscribeToShardEvent.Records",
      "pushed SubscribeToShardEvent.MillisBehindLatest",
    ]);
    expect(metrics.every((m) => m.dimensions[0]?.value === "cw-test")).toBe(true);
    // The polling applications' oldest unread age at its largest per period, never above
    // the largest interval's, and every period has one.
    const age = find("GetRecords.IteratorAgeMilliseconds");
    expect(age.unit).toBe("Milliseconds");
    expect(age.points).toHaveLength(find("IncomingRecords").points.length);
    const polled = run.result.consumers.filter((c) => c.mode === "polling");
    const largest = Math.max(...polled.map((c) => c.maxOldestUnreadAgeMs ?? 0));
    expect(Math.max(...age.points.map((p) => p.statistics.maximum ?? 0))).toBeCloseTo(largest, 2);
    expect(find("IncomingBytes").unit).toBe("Bytes");
    expect(find("SubscribeToShardEvent.MillisBehindLatest", "pushed").unit).toBe("Milliseconds");
  });

  it("gives each shard's IteratorAgeMilliseconds, whose largest is the stream's GetRecords one", () => {
    const stream = find("GetRecords.IteratorAgeMilliseconds");
    const shardAges = ["shardId-000000000000", "shardId-000000000001"].map((id) => {
      const metric = find("IteratorAgeMilliseconds", id);
      expect(metric.unit).toBe("Milliseconds");
      expect(metric.statistics).toEqual(["Maximum"]);
      return metric.points.map((p) => p.statistics.maximum ?? 0);
    });
    // The stream's figure is the largest age over the polling applications' shards, so
    // per period it is the larger of the two shards' (the same ages, grouped otherwise).
    expect(stream.points.map((p) => p.statistics.maximum)).toEqual(
      stream.points.map((_, k) => Math.max(shardAges[0]?.[k] ?? 0, shardAges[1]?.[k] ?? 0)),
    );
    // Polling only: each point is the interval maximum of the polling-only shard series.
    const shard = series.shards[1] as (typeof series.shards)[number];
    const ages = shard.getRecordsIteratorAgeMs as Float64Array;
    expect(shardAges[1]).toEqual(
      [0, 60, 120].map((start) => Math.max(...ages.subarray(start, start + 60))),
    );
  });

  it("counts only GetRecords callers in the shard's IteratorAgeMilliseconds, not enhanced fan-out", () => {
    // The poller keeps up; the enhanced fan-out application stops at 20 s for good, so its
    // oldest unread record is ≈ 130 s old by the end. The shard's age (the stream's too) stays
    // the poller's: below its lagging age of 10 s.
    const stopped = simulateWithSeries(
      parseExperimentText(`${YAML}events:\n  - { at: 20s, stopConsumer: pushed }\n`),
    );
    const all = cloudWatchMetrics(stopped.result, stopped.series, {
      periodUs: 60 * S,
      putRecordsOnly: true,
    });
    const pushedAge = stopped.series.consumers.find((c) => c.name === "pushed")?.oldestUnreadAgeMs;
    expect(Math.max(...(pushedAge ?? []))).toBeGreaterThan(100_000);
    const anyAge = stopped.series.shards[0]?.oldestUnreadAgeMs ?? new Float64Array();
    expect(Math.max(...anyAge)).toBeGreaterThan(100_000);
    for (const metric of all.filter((m) => m.metricName.endsWith("IteratorAgeMilliseconds"))) {
      expect(metric.points).toHaveLength(3);
      for (const point of metric.points) {
        expect(point.statistics.maximum).toBeGreaterThan(0);
        expect(point.statistics.maximum).toBeLessThan(10_000);
      }
    }
  });

  it("sums each metric over the minutes of the run, the last one 30 s long", () => {
    expect(series.resolutionSeconds).toBe(1);
    const incoming = find("IncomingRecords");
    expect(incoming.points.map((p) => p.timestampSeconds)).toEqual([0, 60, 120]);
    const shard = (i: number) => series.shards[i] as (typeof series.shards)[number];
    const byHand = (pick: (i: number) => ArrayLike<number>) =>
      [0, 60, 120].map(
        (start) => sumOf(pick(0), start, start + 60) + sumOf(pick(1), start, start + 60),
      );
    expect(sums(incoming)).toEqual(byHand((i) => shard(i).incomingRecords));
    expect(sums(find("IncomingBytes"))).toEqual(byHand((i) => shard(i).incomingBytes));
    expect(sums(find("WriteProvisionedThroughputExceeded"))).toEqual(
      byHand((i) => shard(i).throttledRecords),
    );
    expect(sums(find("IncomingRecords", "shardId-000000000001"))).toEqual(
      [0, 60, 120].map((start) => sumOf(shard(1).incomingRecords, start, start + 60)),
    );
  });

  it("adds up to the result's totals", () => {
    const total = (metric: CloudWatchMetric) =>
      sums(metric).reduce((a, b) => (a ?? 0) + (b ?? 0), 0);
    expect(total(find("IncomingRecords"))).toBe(result.records.accepted);
    expect(result.records.throttledAttempts).toBeGreaterThan(0);
    expect(total(find("WriteProvisionedThroughputExceeded"))).toBe(
      result.records.throttledAttempts,
    );
    expect(total(find("PutRecords.ThrottledRecords"))).toBe(result.records.throttledAttempts);
    const consumer = (name: string) => result.consumers.find((c) => c.name === name);
    expect(total(find("GetRecords.Records"))).toBe(consumer("poller")?.delivered);
    expect(total(find("SubscribeToShardEvent.Records", "pushed"))).toBe(
      consumer("pushed")?.delivered,
    );
    const readThrottled = result.shards.reduce((sum, shard) => sum + shard.readThrottled, 0);
    expect(total(find("ReadProvisionedThroughputExceeded"))).toBe(readThrottled);
    const outgoing = metrics.filter((m) => m.metricName === "OutgoingRecords");
    expect(outgoing.reduce((sum, m) => sum + (total(m) ?? 0), 0)).toBe(result.records.delivered);
  });

  it("gives SubscribeToShardEvent.MillisBehindLatest's Maximum and SampleCount from the events", () => {
    const lag = find("SubscribeToShardEvent.MillisBehindLatest", "pushed");
    expect(lag.statistics).toEqual(["Maximum", "SampleCount"]);
    const pushed = series.consumers.find((c) => c.name === "pushed");
    const readings = pushed?.millisBehindLatestReadings as Float64Array;
    lag.points.forEach((point) => {
      const start = point.timestampSeconds;
      expect(point.statistics.sampleCount).toBe(sumOf(readings, start, start + 60));
      let largest = 0;
      for (let i = start; i < Math.min(start + 60, readings.length); i++) {
        if ((readings[i] as number) > 0)
          largest = Math.max(largest, pushed?.millisBehindLatest[i] as number);
      }
      expect(point.statistics.maximum).toBe(largest);
      expect(point.statistics.average).toBeUndefined();
    });
    expect(lag.points.length).toBeGreaterThan(0);
  });

  it("leaves PutRecords.ThrottledRecords out when a producer uses PutRecord", () => {
    const withPutRecord = cloudWatchMetrics(result, series, {
      periodUs: 60 * S,
      putRecordsOnly: false,
    });
    expect(withPutRecord.some((m) => m.metricName === "PutRecords.ThrottledRecords")).toBe(false);
    expect(withPutRecord.length).toBe(metrics.length - 1);
  });

  it("writes a CSV the CloudWatch replay reads back to the same demand per period", () => {
    const csv = cloudWatchCsv(metrics);
    expect(csv.split("\n")[0]).toBe(
      "Timestamp,IncomingRecords,IncomingBytes,WriteProvisionedThroughputExceeded,PutRecords.ThrottledRecords,ReadProvisionedThroughputExceeded,GetRecords.Records",
    );
    const replay = parseCloudWatchExport(csv);
    expect(replay.periodUs).toBe(60 * S);
    expect(replay.includesThrottled).toBe(true);
    const accepted = sums(find("IncomingRecords")) as number[];
    const throttled = sums(find("WriteProvisionedThroughputExceeded")) as number[];
    const bytes = sums(find("IncomingBytes")) as number[];
    // Demand is accepted plus throttled records; throttled ones weigh the period's mean size.
    expect(replay.records).toEqual(accepted.map((a, i) => a + (throttled[i] as number)));
    expect(replay.bytes).toEqual(
      bytes.map((b, i) => b + Math.round((b / (accepted[i] as number)) * (throttled[i] as number))),
    );
  });

  it("writes JSON lines that parse one by one into CloudWatch data points", () => {
    const text = cloudWatchJsonLines(metrics, 60);
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.slice(0, -1).split("\n");
    expect(lines.length).toBe(metrics.reduce((n, m) => n + m.points.length, 0));
    const points = lines.map((line) => JSON.parse(line));
    for (const point of points) {
      expect(point.Namespace).toBe("AWS/Kinesis");
      expect(point.Period).toBe(60);
      expect(point.Dimensions[0]).toEqual({ Name: "StreamName", Value: "cw-test" });
    }
    expect(points[0]).toEqual({
      Namespace: "AWS/Kinesis",
      MetricName: "IncomingRecords",
      Dimensions: [{ Name: "StreamName", Value: "cw-test" }],
      Timestamp: 0,
      Period: 60,
      Unit: "Count",
      Sum: sums(find("IncomingRecords"))[0],
    });
    const lag = points.filter((p) => p.MetricName === "SubscribeToShardEvent.MillisBehindLatest");
    expect(lag.length).toBeGreaterThan(0);
    for (const point of lag)
      expect(Object.keys(point).slice(6)).toEqual(["Maximum", "SampleCount"]);
  });

  it("is the same bytes for the same experiment and seed", () => {
    const again = simulateWithSeries(parseExperimentText(YAML));
    const metricsAgain = cloudWatchMetrics(again.result, again.series, {
      periodUs: 60 * S,
      putRecordsOnly: true,
    });
    expect(cloudWatchCsv(metricsAgain)).toBe(cloudWatchCsv(metrics));
    expect(cloudWatchJsonLines(metricsAgain, 60)).toBe(cloudWatchJsonLines(metrics, 60));
  });
});
