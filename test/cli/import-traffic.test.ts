import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import fc from "fast-check";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { parseCloudWatchExport } from "../../models/workload/trace/cloudwatch-export.js";
import { trafficCsv } from "../../src/cli/import/imported-experiment.js";
import { readTraffic } from "../../src/cli/import/read-traffic.js";
import { UserError } from "../../src/experiment/config/user-error.js";
import { type FakeMinute, fakeGetMetricData } from "../helpers/cloudwatch-fake.js";

/**
 * GetMetricData as `kinesim import` calls it, against answers shaped as CloudWatch's API
 * reference documents them (test/helpers/cloudwatch-fake.ts): the request, NextToken
 * pagination, gaps, the order of data points and the status codes.
 */

// The SDK's notice that its 2027 releases need Node 22 says nothing about these tests.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const cloudWatchMock = mockClient(CloudWatchClient);
const client = new CloudWatchClient({
  region: "us-east-1",
  credentials: { accessKeyId: "AKIDLOCAL", secretAccessKey: "local-secret" },
});
afterAll(() => {
  cloudWatchMock.restore();
  client.destroy();
});
beforeEach(() => cloudWatchMock.reset());

// 2026-11-02T10:17:42.5Z: "now" is inside a minute.
const NOW = Date.UTC(2026, 10, 2, 10, 17, 42, 500);
const END = Date.UTC(2026, 10, 2, 10, 17);

/** A minute every minute, bytes 1,000 per record; minute index m after the epoch. */
function steady(timeMs: number): FakeMinute {
  const records = 100 + ((timeMs / 60_000) % 7);
  return { IncomingRecords: records, IncomingBytes: records * 1000 };
}

describe("readTraffic", () => {
  it("asks for the three stream-level Sums per minute over whole minutes, as documented", async () => {
    cloudWatchMock.on(GetMetricDataCommand).callsFake(fakeGetMetricData(steady, 100_800));
    const traffic = await readTraffic(client, "orders", 2, NOW);
    const calls = cloudWatchMock.commandCalls(GetMetricDataCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]?.args[0].input;
    expect(input?.EndTime).toEqual(new Date(END));
    expect(input?.StartTime).toEqual(new Date(END - 2 * 86_400_000));
    expect(input?.ScanBy).toBe("TimestampAscending");
    expect(input?.NextToken).toBeUndefined();
    expect(input?.MetricDataQueries?.length).toBeLessThanOrEqual(500);
    expect(input?.MetricDataQueries?.map((q) => q.MetricStat?.Metric?.MetricName)).toEqual([
      "IncomingRecords",
      "IncomingBytes",
      "WriteProvisionedThroughputExceeded",
    ]);
    for (const query of input?.MetricDataQueries ?? []) {
      expect(query.MetricStat).toMatchObject({
        Metric: { Namespace: "AWS/Kinesis", Dimensions: [{ Name: "StreamName", Value: "orders" }] },
        Period: 60,
        Stat: "Sum",
      });
    }
    expect(traffic.minutes).toHaveLength(2 * 1440);
    expect(traffic.minutes[0]?.timeMs).toBe(END - 2 * 86_400_000);
    expect(traffic.minutes.at(-1)?.timeMs).toBe(END - 60_000);
  });

  it("follows NextToken page by page and joins the metrics minute by minute", async () => {
    // 1,440 points per metric, 200 per page: 8 calls (the last one holds 40).
    cloudWatchMock.on(GetMetricDataCommand).callsFake(fakeGetMetricData(steady, 200));
    const traffic = await readTraffic(client, "orders", 1, NOW);
    const tokens = cloudWatchMock
      .commandCalls(GetMetricDataCommand)
      .map((call) => call.args[0].input.NextToken);
    expect(tokens).toEqual([undefined, "200", "400", "600", "800", "1000", "1200", "1400"]);
    expect(traffic.calls).toBe(8);
    expect(traffic.minutes).toHaveLength(1440);
    for (const minute of traffic.minutes) {
      expect(minute).toEqual({
        timeMs: minute.timeMs,
        incomingRecords: steady(minute.timeMs).IncomingRecords,
        incomingBytes: steady(minute.timeMs).IncomingBytes,
        throttledRecords: 0,
      });
    }
  });

  it("leaves out minutes without data points, and the kinesim reader counts them as no traffic", async () => {
    const gappy = (timeMs: number): FakeMinute | undefined => {
      const minute = (timeMs - (END - 86_400_000)) / 60_000;
      if (minute >= 10 && minute < 25) return undefined;
      if (minute === 30)
        return {
          IncomingRecords: 50,
          IncomingBytes: 40_000,
          WriteProvisionedThroughputExceeded: 9,
        };
      return steady(timeMs);
    };
    cloudWatchMock.on(GetMetricDataCommand).callsFake(fakeGetMetricData(gappy, 333));
    const traffic = await readTraffic(client, "orders", 1, NOW);
    expect(traffic.minutes).toHaveLength(1440 - 15);
    const replay = parseCloudWatchExport(trafficCsv(traffic.minutes));
    expect(replay.periodUs).toBe(60_000_000);
    expect(replay.records).toHaveLength(1440);
    expect(replay.records.slice(10, 25)).toEqual(new Array(15).fill(0));
    // Throttled records are demand too: 50 put + 9 refused.
    expect(replay.records[30]).toBe(59);
    expect(replay.includesThrottled).toBe(true);
  });

  it("sorts points CloudWatch returns newest first", async () => {
    const fake = fakeGetMetricData(steady, 500);
    // A server that ignores ScanBy and answers in its default order, newest first.
    cloudWatchMock
      .on(GetMetricDataCommand)
      .callsFake((input) => fake({ ...input, ScanBy: "TimestampDescending" }));
    const traffic = await readTraffic(client, "orders", 1, NOW);
    const times = traffic.minutes.map((minute) => minute.timeMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times).toHaveLength(1440);
  });

  it("leaves out a minute whose records have no size, and counts it", async () => {
    const start = END - 86_400_000;
    const odd = (timeMs: number): FakeMinute => {
      if (timeMs === start) return { IncomingRecords: 10 }; // no IncomingBytes point
      if (timeMs === start + 60_000)
        return { IncomingRecords: 0, IncomingBytes: 0, WriteProvisionedThroughputExceeded: 7 };
      return steady(timeMs);
    };
    cloudWatchMock.on(GetMetricDataCommand).callsFake(fakeGetMetricData(odd, 2000));
    const traffic = await readTraffic(client, "orders", 1, NOW);
    expect(traffic.unsized).toBe(2);
    expect(traffic.minutes[0]?.timeMs).toBe(start + 120_000);
  });

  it("goes on after an InternalError that comes with a NextToken, and stops on one without", async () => {
    cloudWatchMock
      .on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: [
          {
            Id: "records",
            Label: "IncomingRecords",
            Timestamps: [],
            Values: [],
            StatusCode: "InternalError",
          },
        ],
        NextToken: "again",
      })
      .resolvesOnce({
        MetricDataResults: [
          {
            Id: "records",
            Label: "IncomingRecords",
            Timestamps: [new Date(END - 60_000)],
            Values: [5],
            StatusCode: "Complete",
          },
          {
            Id: "bytes",
            Label: "IncomingBytes",
            Timestamps: [new Date(END - 60_000)],
            Values: [5000],
            StatusCode: "Complete",
          },
        ],
      });
    const traffic = await readTraffic(client, "orders", 1, NOW);
    expect(traffic.minutes).toEqual([
      { timeMs: END - 60_000, incomingRecords: 5, incomingBytes: 5000, throttledRecords: 0 },
    ]);
    cloudWatchMock.reset();
    cloudWatchMock.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        {
          Id: "records",
          Label: "IncomingRecords",
          Timestamps: [],
          Values: [],
          StatusCode: "InternalError",
        },
      ],
    });
    await expect(readTraffic(client, "orders", 1, NOW)).rejects.toThrow(
      new UserError("CloudWatch GetMetricData: InternalError for IncomingRecords"),
    );
  });

  it("refuses an answer whose timestamps and values do not pair up, or a negative Sum", async () => {
    cloudWatchMock.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: "records", Timestamps: [new Date(END - 60_000)], Values: [], StatusCode: "Complete" },
      ],
    });
    await expect(readTraffic(client, "orders", 1, NOW)).rejects.toThrow(
      /1 timestamps and 0 values/,
    );
    cloudWatchMock.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        {
          Id: "records",
          Timestamps: [new Date(END - 60_000)],
          Values: [-1],
          StatusCode: "Complete",
        },
      ],
    });
    await expect(readTraffic(client, "orders", 1, NOW)).rejects.toThrow(/not a Sum ≥ 0/);
  });

  it("takes any answer to a sorted replay that kinesim reads, or refuses it with one line", async () => {
    const start = END - 86_400_000;
    const time = fc.oneof(
      fc.integer({ min: 0, max: 1439 }).map((minute) => new Date(start + minute * 60_000)),
      fc.integer({ min: -5_000_000_000, max: 5_000_000_000 }).map((ms) => new Date(END + ms)),
      fc.constant(new Date(Number.NaN)),
    );
    const value = fc.oneof(fc.nat({ max: 10_000_000 }), fc.double());
    const result = fc.record({
      Id: fc.constantFrom("records", "bytes", "throttled", "other"),
      Timestamps: fc.array(time, { maxLength: 20 }),
      Values: fc.array(value, { maxLength: 20 }),
      StatusCode: fc.constantFrom("Complete", "PartialData", "InternalError", "Forbidden"),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(result, { maxLength: 5 }), async (results) => {
        cloudWatchMock.reset();
        cloudWatchMock.on(GetMetricDataCommand).resolves({ MetricDataResults: results });
        let traffic: Awaited<ReturnType<typeof readTraffic>>;
        try {
          traffic = await readTraffic(client, "orders", 1, NOW);
        } catch (error) {
          expect(error).toBeInstanceOf(UserError);
          return;
        }
        const times = traffic.minutes.map((minute) => minute.timeMs);
        expect(new Set(times).size).toBe(times.length);
        expect(times).toEqual([...times].sort((a, b) => a - b));
        if (traffic.minutes.length > 0) {
          const replay = parseCloudWatchExport(trafficCsv(traffic.minutes));
          expect(replay.records.length).toBeLessThanOrEqual(1440);
        }
      }),
      { numRuns: 200 },
    );
  });
});
