import { describe, expect, it } from "vitest";
import { ShardMetrics } from "../../../models/shards/shard-metrics.js";
import { PeakRate } from "../../../src/stats/peak-rate.js";
import { TimeSeries } from "../../../src/stats/time-series.js";

const S = 1_000_000;

/** Writes at increasing times: [timeUs, accepted records, bytes, throttled records]. */
type Write = readonly [number, number, number, number];

/** What the metrics must equal: every write added to plain series and peaks as it happens. */
function expected(writes: readonly Write[], resolutionUs: number, durationUs: number) {
  const records = new TimeSeries(resolutionUs, durationUs);
  const bytes = new TimeSeries(resolutionUs, durationUs);
  const throttled = new TimeSeries(resolutionUs, durationUs);
  const peakRecords = new PeakRate();
  const peakDemand = new PeakRate();
  for (const [atUs, accepted, size, refused] of writes) {
    records.add(atUs, accepted);
    bytes.add(atUs, size);
    peakRecords.add(atUs, accepted);
    peakDemand.add(atUs, accepted);
    throttled.add(atUs, refused);
    peakDemand.add(atUs, refused);
  }
  return { records, bytes, throttled, peakRecords, peakDemand };
}

function record(metrics: ShardMetrics, writes: readonly Write[]): void {
  for (const [atUs, accepted, size, refused] of writes) {
    // As a shard counts them: one Kinesis record per record, billing units left to shard.test.ts.
    metrics.recordIncoming(atUs, accepted, size, accepted, accepted, size);
    if (refused > 0) metrics.recordThrottled(atUs, refused);
  }
}

describe("ShardMetrics: writes summed per interval equal writes added one by one", () => {
  const writes: Write[] = [
    [10, 5, 5_000, 0],
    [400_000, 7, 7_000, 2],
    [999_999, 1, 1_000, 0],
    [1_000_000, 3, 3_000, 1],
    [2_500_000, 900, 900_000, 40],
    [2_600_000, 200, 200_000, 0],
    [5_000_000, 4, 4_000, 0], // the run's last instant belongs to the last interval
  ];

  it.each([[S], [2 * S], [S / 4]])("series and peaks at a %i µs resolution", (resolutionUs) => {
    const metrics = new ShardMetrics(resolutionUs, 5 * S);
    record(metrics, writes);
    const want = expected(writes, resolutionUs, 5 * S);
    expect([...metrics.incomingRecords.values]).toEqual([...want.records.values]);
    expect([...metrics.incomingBytes.values]).toEqual([...want.bytes.values]);
    expect([...metrics.throttledRecords.values]).toEqual([...want.throttled.values]);
    expect(metrics.peakRecords.peak()).toBe(1100);
    expect(metrics.peakRecords.peak()).toBe(want.peakRecords.peak());
    expect(metrics.peakDemand.peak()).toBe(want.peakDemand.peak());
  });

  it("reading in the middle of an interval loses and doubles nothing", () => {
    const metrics = new ShardMetrics(S, 5 * S);
    for (const write of writes) {
      record(metrics, [write]);
      // Read everything after every write: what was pending is handed over once.
      void metrics.incomingRecords;
      void metrics.peakDemand;
    }
    const want = expected(writes, S, 5 * S);
    expect([...metrics.incomingRecords.values]).toEqual([...want.records.values]);
    expect(metrics.peakDemand.peak()).toBe(want.peakDemand.peak());
    expect(metrics.accepted).toBe(1120);
    expect(metrics.kinesisRecordsIn).toBe(1120);
    expect([metrics.putPayloadUnits, metrics.onDemandBilledBytes]).toEqual([1120, metrics.bytesIn]);
    expect(metrics.throttledAttempts).toBe(43);
  });

  it("resetPeaks forgets the current second's writes but keeps the series", () => {
    const metrics = new ShardMetrics(S, 5 * S);
    record(metrics, [
      [2_100_000, 900, 900_000, 0],
      [2_200_000, 50, 50_000, 0],
    ]);
    metrics.resetPeaks();
    record(metrics, [[2_300_000, 30, 30_000, 0]]);
    expect(metrics.peakRecords.peak()).toBe(30);
    expect(metrics.incomingRecords.values[2]).toBe(980);
  });
});
