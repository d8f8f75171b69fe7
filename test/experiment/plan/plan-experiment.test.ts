import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { planExperiment } from "../../../src/experiment/plan/plan-experiment.js";
import { planStream } from "../../../src/experiment/plan/plan-stream.js";

const GiB = 1024 ** 3;
const MONTH_HOURS = DEFAULT_PROFILE.hoursPerMonth;

function plan(yaml: string, readTrace?: (path: string) => string) {
  return planExperiment(parseExperimentText(yaml, { fileName: "x.yaml", readTrace }));
}

/** One producer, uniform keys `key-0 … key-99999` (8.89 B on average, as `plan`'s flags assume). */
function experiment(rate: string, consumers = "consumers: []", extra = ""): string {
  return `name: x
duration: 1m
stream: { shards: 2 }
producers:
  - name: p
    rate: ${rate}
    recordSize: 2000
    keys: { distribution: uniform, cardinality: 100000, prefix: "key-" }
${extra}${consumers}
`;
}

function item(cost: { items: { item: string; quantity: number; usd: number }[] }, name: string) {
  const line = cost.items.find((entry) => entry.item === name);
  if (line === undefined) throw new Error(`no ${name} line`);
  return line;
}

describe("plan from an experiment file", () => {
  it("a steady rate gives what the flag form gives: shards, binding limit and both bills", () => {
    const fromFile = plan(
      experiment("5000", "consumers:\n  - { name: a }\n  - { name: b }\n  - { name: c }"),
    );
    const fromFlags = planStream(
      {
        recordsPerSecond: 5000,
        recordBytes: 2000,
        partitionKeyBytes: 4 + 4.8889,
        consumers: 3,
        efo: false,
        retentionHours: 24,
      },
      DEFAULT_PROFILE,
    );
    expect(fromFile.shards).toBe(fromFlags.shards);
    expect(fromFile.limitingFactor).toBe("reads");
    expect(fromFile.limitingFactor).toBe(fromFlags.limitingFactor);
    expect(fromFile.shardsFor).toEqual(fromFlags.shardsFor);
    expect(fromFile.provisioned.monthlyUsd).toBeCloseTo(fromFlags.provisioned.monthlyUsd, 2);
    expect(fromFile.onDemand.monthlyUsd).toBeCloseTo(fromFlags.onDemand.monthlyUsd, 2);
    expect(fromFile.traffic.periodReason).toMatch(/constant/);
  });

  it("a daily curve: shards for the peak, on-demand billed for the mean (hand computation)", () => {
    const result = plan(experiment("{ daily: { peak: 7000, trough: 1000 } }"));
    // 7,000 records/s at the peak ÷ 1,000 per shard; bytes 7,000 × 2,008.9 B = 13.4 MiB/s → 14.
    expect(result.shardsFor.records).toBe(7);
    expect(result.shardsFor.bytes).toBe(Math.ceil((7000 * (2000 + 8.8889)) / 2 ** 20));
    expect(result).toMatchObject({ shards: 14, limitingFactor: "bytes" });
    expect(result.traffic.periodSeconds).toBe(86_400);
    expect(result.traffic.meanRecordsPerSecond).toBeCloseTo(4000, 3);
    // Data in: the mean 4,000 records/s for the month (730 h), each 2,008.9 B rounded up to 2 KiB.
    const records = 4000 * 3600 * MONTH_HOURS;
    expect(item(result.onDemand, "data in").quantity).toBeCloseTo((records * 2048) / GiB, 1);
    expect(item(result.onDemand, "stream-hours").quantity).toBe(MONTH_HOURS);
    // Provisioned: 14 shards all month; one PUT payload unit per record (2 KB < 25 KiB).
    expect(item(result.provisioned, "shard-hours").quantity).toBe(14 * MONTH_HOURS);
    expect(item(result.provisioned, "PUT payload units").quantity).toBeCloseTo(records, -1);
  });

  it("an hourly profile with a 3× peak sizes for the peak hour and bills the mean", () => {
    const hours = [...Array(9).fill(600), 3000, 3000, 3000, 3000, ...Array(11).fill(600)];
    const result = plan(experiment(`{ hourly: [${hours.join(", ")}] }`));
    expect(result.traffic.peakRecordsPerSecond).toBeCloseTo(3000, 6);
    expect(result.traffic.meanRecordsPerSecond).toBeCloseTo(1000, 6);
    expect(result.traffic.peakAtSeconds).toBe(9 * 3600);
    expect(result.shards).toBe(Math.ceil((3000 * (2000 + 8.8889)) / 2 ** 20));
    const records = 1000 * 3600 * MONTH_HOURS;
    expect(item(result.onDemand, "data in").quantity).toBeCloseTo((records * 2048) / GiB, 1);
  });

  it("counts polling and enhanced fan-out consumers apart", () => {
    const result = plan(
      experiment("1000", "consumers:\n  - { name: poll }\n  - { name: fan, mode: efo }"),
    );
    expect(result.consumers).toEqual({ polling: 1, efo: 1 });
    const bytesPerMonth = 1000 * (2000 + 8.8889) * 3600 * MONTH_HOURS;
    // EFO is billed per consumer-shard-hour on provisioned streams; GetRecords is free there.
    expect(item(result.provisioned, "EFO consumer-shard-hours").quantity).toBe(
      result.shards * MONTH_HOURS,
    );
    expect(item(result.provisioned, "EFO data out").quantity).toBeCloseTo(bytesPerMonth / GiB, 0);
    expect(item(result.onDemand, "data out").quantity).toBeCloseTo(bytesPerMonth / GiB, 0);
    expect(item(result.onDemand, "EFO data out").quantity).toBeCloseTo(bytesPerMonth / GiB, 0);
  });

  it("a trace: its busiest second is the peak, its length the period", () => {
    // Times count from the first record: three records in second 0, one at 1.4 s, one at
    // 3.4 s; the trace lasts until its last record plus one mean gap, 3.4 × 5/4 s.
    const trace = "time,partitionKey,size\n0.1,a,100\n0.2,b,100\n0.3,a,100\n1.5,a,100\n3.5,b,100\n";
    const result = plan(
      `name: t
duration: 1m
stream: { shards: 1 }
producers:
  - name: log
    trace: { file: t.csv }
consumers: []
`,
      () => trace,
    );
    expect(result.traffic.peakRecordsPerSecond).toBe(3);
    expect(result.traffic.peakBytesPerSecond).toBe(3 * 101);
    expect(result.traffic.periodSeconds).toBeCloseTo(3.4 * 1.25, 6);
    expect(result.traffic.meanRecordsPerSecond).toBeCloseTo(5 / (3.4 * 1.25), 3);
  });

  it("says when the keys cannot spread: a hot key no even split can carry", () => {
    const result = plan(
      experiment("5000", "consumers: []", "").replace(
        '{ distribution: uniform, cardinality: 100000, prefix: "key-" }',
        "{ distribution: hotShare, share: 0.5, hotKeys: 1, cardinality: 1000 }",
      ),
    );
    expect(result.shards).toBe(10);
    expect(result.keys.shardsForHottest).toBeNull();
    expect(result.keys.reason).toMatch(/alone needs/);
    expect(result.keys.hottestShardUtilization).toBeGreaterThan(1);
  });

  it("is deterministic: the same file gives the same plan", () => {
    const yaml = experiment("{ daily: { peak: 3000, trough: 500 } }");
    expect(JSON.stringify(plan(yaml))).toBe(JSON.stringify(plan(yaml)));
  });
});
