import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCloudWatchExport } from "../../../../models/workload/trace/cloudwatch-export.js";
import { TraceFormatError } from "../../../../models/workload/trace/trace-error.js";

describe("parseCloudWatchExport", () => {
  it("infers the period and fills the minutes CloudWatch left out with zeros", () => {
    const text = [
      "Timestamp,IncomingRecords,IncomingBytes",
      "2026-11-02T08:03:00Z,300,3000",
      "2026-11-02T08:00:00Z,600,60000",
      "2026-11-02T08:01:00Z,60,600",
    ].join("\n");
    const metrics = parseCloudWatchExport(text);
    expect(metrics.periodUs).toBe(60_000_000);
    expect(metrics.records).toEqual([600, 60, 0, 300]);
    expect(metrics.bytes).toEqual([60000, 600, 0, 3000]);
    expect(metrics.includesThrottled).toBe(false);
  });

  it("takes a single row as one minute, and seconds as times", () => {
    expect(parseCloudWatchExport("time,incomingrecords,incomingbytes\n0,10,100\n").periodUs).toBe(
      60_000_000,
    );
    expect(
      parseCloudWatchExport("t,IncomingRecords,IncomingBytes\n0,1,1\n300,2,2\n").periodUs,
    ).toBe(300_000_000);
  });

  it("adds throttled records to demand, at the period's record size", () => {
    const metrics = parseCloudWatchExport(
      "Timestamp,IncomingRecords,IncomingBytes,WriteProvisionedThroughputExceeded\n0,100,50000,20\n",
    );
    expect(metrics.records).toEqual([120]);
    expect(metrics.bytes).toEqual([60000]);
    expect(metrics.includesThrottled).toBe(true);
  });

  it.each([
    ["", /empty/],
    ["Timestamp,IncomingRecords\n0,1\n", /no IncomingBytes column/],
    ["Timestamp,IncomingBytes\n0,1\n", /no IncomingRecords column/],
    ["Value,IncomingRecords,IncomingBytes\n0,1,1\n", /no Timestamp column/],
    ["t,IncomingRecords,IncomingBytes\n0,1,1\n0,2,2\n", /line 3: two rows for the same time/],
    [
      "t,IncomingRecords,IncomingBytes\n0,1,1\n60,1,1\n150,1,1\n",
      /line 4: t is not a whole number/,
    ],
    ["t,IncomingRecords,IncomingBytes\n0,-1,1\n", /line 2: IncomingRecords: expected a number ≥ 0/],
    ["t,IncomingRecords,IncomingBytes\n0,0,10\n", /record size is unknown/],
  ])("refuses %j", (text, message) => {
    expect(() => parseCloudWatchExport(text)).toThrow(TraceFormatError);
    expect(() => parseCloudWatchExport(text)).toThrow(message);
  });

  it("refuses more than a year of periods", () => {
    expect(() =>
      parseCloudWatchExport("t,IncomingRecords,IncomingBytes\n0,1,1\n1e8,1,1\n", 60),
    ).toThrow(/more than 527040 periods \(a year of one-minute periods\)/);
  });

  it("never fails with anything but a TraceFormatError (fuzzed rows)", () => {
    const cell = fc.oneof(fc.string({ maxLength: 6 }), fc.nat(200).map(String));
    const text = fc
      .array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 6 })
      .map((rows) =>
        ["Timestamp,IncomingRecords,IncomingBytes", ...rows.map((r) => r.join(","))].join("\n"),
      );
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), (input) => {
        try {
          const metrics = parseCloudWatchExport(input);
          expect(metrics.records.length).toBe(metrics.bytes.length);
          expect(metrics.periodUs).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(TraceFormatError);
        }
      }),
      { numRuns: 400 },
    );
  });
});
