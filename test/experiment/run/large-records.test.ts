/**
 * Record size limits and large records (kinesis-facts.md §1): the max record size counts
 * data and partition key together; a stream's max record size can be raised to 10 MiB
 * (UpdateMaxRecordSize), and a shard then takes records up to that size by bursting while
 * its sustained 1 MiB/s stays (the large-records page). Records too large for the stream are
 * refused by Kinesis's validation, not throttled.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import { standardNormalCdf } from "../../../models/workload/normal-cdf.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { UserError } from "../../../src/experiment/config/user-error.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";
import { explainExperiment } from "../../../src/explain/explain-run.js";
import { kinesim } from "../../helpers/cli.js";

const MIB = 1_048_576;
const S = 1_000_000;
const Z = 5;

/** A deterministic uniform generator for the reference below (not the simulator's). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * An independent reference for one shard: Poisson arrivals of `recordBytes` records, each put
 * on its own as it arrives, against a byte bucket `depthBytes` deep refilled at 1 MiB/s and
 * full at the start; no retries. Returns the share of records refused.
 */
function referenceThrottledShare(
  ratePerSecond: number,
  recordBytes: number,
  depthBytes: number,
  seconds: number,
  seed: number,
): number {
  const random = mulberry32(seed);
  let tokens = depthBytes;
  let t = 0;
  let last = 0;
  let offered = 0;
  let refused = 0;
  for (;;) {
    t += -Math.log(1 - random()) / ratePerSecond;
    if (t >= seconds) break;
    tokens = Math.min(depthBytes, tokens + (t - last) * MIB);
    last = t;
    offered++;
    if (tokens >= recordBytes) tokens -= recordBytes;
    else refused++;
  }
  return refused / offered;
}

function largeRecords(overrides: string[], text = LARGE) {
  return simulateWithSeries(parseExperimentText(text, { overrides })).result;
}

/** 2 MiB records at 0.2/s: 40 % of a shard's 1 MiB/s, each put on its own, no retries. */
const LARGE = `
name: large
duration: 2h
stream: { shards: 1, maxRecordSize: 4MiB }
producers:
  - name: p
    rate: 0.2
    recordSize: 2MiB
    keys: { distribution: hot, key: k }
    api: putRecord
    retries: 0
`;

describe("records that cannot fit the stream are refused when the file is loaded", () => {
  it("a 1 MiB record with its partition key: one line, exit status 2, nothing on stdout", () => {
    const run = kinesim([
      "run",
      "experiments/quickstart.yaml",
      "--set",
      "producers[0].recordSize=1MiB",
    ]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^kinesim: producers\[0\]\.recordSize: expected a size up to 1,048,568 B \(the stream's max record size, 1 MiB, counts the partition key too: up to 8 B here/,
    );
  });

  it("records above 1 MiB need stream.maxRecordSize; up to it they load", () => {
    const error = () => parseExperimentText(LARGE, { overrides: ["stream.maxRecordSize=1MiB"] });
    expect(error).toThrow(UserError);
    expect(error).toThrow(/^producers\[0\]\.recordSize: expected a size up to 1,048,575 B/);
    expect(parseExperimentText(LARGE).stream.maxRecordBytes).toBe(4 * MIB);
  });

  it("a log-normal median too large for the stream, and trace sizes with their keys", () => {
    expect(() =>
      parseExperimentText(LARGE, {
        overrides: ["producers[0].recordSize={distribution: lognormal, median: 5MiB, sigma: 1}"],
      }),
    ).toThrow(/^producers\[0\]\.recordSize\.median: expected a size up to 4,194,303 B/);
    const traced = `
duration: 1m
stream: { shards: 1 }
producers:
  - { name: p, rate: 1, keys: { distribution: hot, key: abc }, recordSize: { distribution: trace, file: t.csv } }
`;
    const read = () => "time,partitionKey,size\n0,x,1048574\n";
    expect(() => parseExperimentText(traced, { readTrace: read })).toThrow(
      /sizes must be between 1 B and 1,048,573 B \(the stream's max record size, 1 MiB, less the longest partition key, 3 B\), found 1048574 B/,
    );
  });
});

describe("large records are taken by bursting (stream.maxRecordSize above 1 MiB)", () => {
  // The reference's share over 500 simulated hours (≈ 360,000 records): its own standard
  // error is below 1e-4, negligible next to the runs' binomial error.
  const recordBytes = 2 * MIB + 1;
  const expected = (depthBytes: number) =>
    referenceThrottledShare(0.2, recordBytes, depthBytes, 500 * 3600, 1);

  for (const granularity of ["record", "segment"] as const) {
    it(`${granularity} mode: 2 MiB records at 40 % of the byte limit are ≈ all accepted, as the reference's 10 MiB tank says`, () => {
      const p = expected(10 * MIB);
      // M/D/1 intuition: an arrival is refused only when 8 s of work wait before it.
      expect(p).toBeLessThan(0.01);
      let offered = 0;
      let throttled = 0;
      for (const seed of [1, 2, 3]) {
        const result = largeRecords([`granularity=${granularity}`, `seed=${seed}`]);
        offered += result.records.offered;
        throttled += result.records.throttledAttempts;
        expect(result.records.accepted + result.records.dropped).toBe(result.records.offered);
      }
      // Binomial: 5 standard errors of the share, plus one record of slack for p ≈ 0.
      const bound = Z * Math.sqrt((p * (1 - p)) / offered) + 1 / offered;
      expect(Math.abs(throttled / offered - p)).toBeLessThan(bound);
    });
  }

  it("with a tank only one max-size record deep (4 MiB), ≈ 6.5 % are refused, as the reference says", () => {
    // largeRecordBurstBytes 2 MiB: the bucket is the stream's max record size, 4 MiB deep.
    const p = expected(4 * MIB);
    expect(p).toBeGreaterThan(0.05);
    let offered = 0;
    let throttled = 0;
    for (const seed of [1, 2, 3]) {
      const result = largeRecords([`seed=${seed}`, "limits.largeRecordBurstBytes=2MiB"]);
      offered += result.records.offered;
      throttled += result.records.throttledAttempts;
    }
    expect(Math.abs(throttled / offered - p)).toBeLessThan(Z * Math.sqrt((p * (1 - p)) / offered));
  });

  it("the sustained rate still binds: 1.5 MiB/s of 2 MiB records keeps ≈ 1 MiB/s (fluid bound)", () => {
    // Over T seconds a shard accepts at most depth + 1 MiB/s·T bytes (the bucket's content
    // never exceeds its depth), and, while arrivals outrun the refill, loses tokens only when
    // full (10 MiB ahead: P(no record for 6.7 s) at 0.75/s ≈ e⁻⁵ per stretch), so at least
    // 97 % of 1 MiB/s·T. The fluid limit of the refused share is 1 − 1/1.5 = ⅓.
    const seconds = 1800;
    for (const granularity of ["record", "segment"] as const) {
      const result = largeRecords([
        `granularity=${granularity}`,
        "producers[0].rate=0.75",
        `duration=${seconds}s`,
      ]);
      const acceptedBytes = result.records.accepted * recordBytes;
      expect(acceptedBytes).toBeLessThanOrEqual(10 * MIB + MIB * seconds);
      expect(acceptedBytes).toBeGreaterThanOrEqual(0.97 * MIB * seconds);
      expect(result.throttleRate).toBeGreaterThan(0.28);
      expect(result.throttleRate).toBeLessThan(0.38);
    }
  });

  it("a 10 MiB record travels in a PutRecords request of its own and a GetRecords call of its own", () => {
    // The request limit is 10 MiB with keys (kinesis-facts.md §1), so a record of nearly
    // 10 MiB fills a request; a GetRecords call returns at most 10 MiB and after one the
    // shard refuses reads for 10 MiB ÷ 2 MiB/s = 5 s (kinesis-facts.md §2).
    const text = `
name: ten
duration: 10m
stream: { shards: 1, maxRecordSize: 10MiB }
producers:
  - name: p
    rate: 0.02
    recordSize: 10485000B
    keys: { distribution: hot, key: k }
    batch: { linger: 1s }
consumers:
  - { name: poller, pollInterval: 1s, startAt: TRIM_HORIZON }
  - { name: pushed, mode: efo, startAt: TRIM_HORIZON }
`;
    const { result } = simulateWithSeries(parseExperimentText(text, { overrides: ["seed=4"] }));
    const accepted = result.records.accepted;
    expect(accepted).toBeGreaterThan(3);
    expect(result.producers[0]?.putCalls).toBeGreaterThanOrEqual(result.records.offered);
    const [poller, pushed] = result.consumers;
    expect(poller?.delivered).toBe(accepted);
    expect(pushed?.delivered).toBe(accepted);
    expect(poller?.readThrottled).toBeGreaterThanOrEqual(accepted);
  });
});

describe("log-normal records too large for the stream are dropped, never throttled", () => {
  // Median 200 KB, σ 1.5, no cap: P(data > 1 MiB − key) = 1 − Φ(ln(1,048,571/200,000)/1.5).
  const text = `
name: oversize
duration: 30m
stream: { shards: 2 }
producers:
  - name: p
    rate: 1
    recordSize: { distribution: lognormal, median: 200KB, sigma: 1.5 }
    keys: { distribution: uniform, cardinality: 100 }
`;
  const p = 1 - standardNormalCdf(Math.log((MIB - 5) / 200_000) / 1.5);

  for (const granularity of ["record", "segment"] as const) {
    it(`${granularity} mode: the oversize share is P(size > limit), and they are counted apart`, () => {
      let offered = 0;
      let oversize = 0;
      for (const seed of [1, 2, 3]) {
        const { result } = simulateWithSeries(
          parseExperimentText(text, { overrides: [`granularity=${granularity}`, `seed=${seed}`] }),
        );
        offered += result.records.offered;
        oversize += result.dataLoss.oversize;
        expect(result.producers[0]?.oversize).toBe(result.dataLoss.oversize);
        // The other drops are records out of retries, each throttled 4 times first.
        const outOfRetries = result.dataLoss.dropped - result.dataLoss.oversize;
        expect(outOfRetries).toBeGreaterThanOrEqual(0);
        expect(4 * outOfRetries).toBeLessThanOrEqual(result.records.throttledAttempts);
      }
      expect(Math.abs(oversize / offered - p)).toBeLessThan(Z * Math.sqrt((p * (1 - p)) / offered));
    });
  }

  it("explain says why such a record is lost, and never blames the bytes bucket", () => {
    const config = parseExperimentText(text, { overrides: ["seed=2"] });
    const { text: told } = explainExperiment(config, { untilUs: 120 * S, maxLines: 10_000 });
    const drops = told.split("\n").filter((line) => line.includes(" drops "));
    expect(drops.length).toBeGreaterThan(0);
    for (const line of drops) {
      expect(line).toMatch(
        /p drops 1 record for shardId-00000000000\d without sending: [\d,]+ B with its partition key is larger than the stream's maximum record size \(1 MiB, 1,048,576 B\), which Kinesis refuses with a ValidationException, not a throttle; lost/,
      );
    }
    expect(told).not.toMatch(/bytes bucket/);
  });

  it("the profile's default max record size is 1 MiB, as AWS's default", () => {
    expect(DEFAULT_PROFILE.maxRecordBytes).toBe(MIB);
  });
});
