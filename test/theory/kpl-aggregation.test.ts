import { describe, expect, it } from "vitest";
import {
  aggregateDataBlobBytes,
  aggregationFraming,
} from "../../models/producers/kpl/kpl-aggregation.js";
import { parseExperimentText } from "../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../src/experiment/run/simulate.js";

/**
 * The KPL's aggregation follows RecordMaxBufferedTime (issue 11, part 3; kinesis-facts.md §8;
 * KPL `reducer.h`): each user record's deadline is its arrival + T, and a shard's Kinesis
 * record is flushed when its earliest deadline arrives, or when full (K user records).
 *
 * Theory. A Kinesis record opens with one user record and collects every arrival of the next
 * T. With Poisson arrivals at λ per shard, the count that follows is N ~ Poisson(λT) whatever
 * came before (no memory), so a Kinesis record holds X = min(1 + N, K):
 *   E[X] = 1 + λT when K ≫ λT (2 at 10 records/s, 11 at 100, 101 at 1,000), and
 *   E[X] = K when λT ≫ K; in between, E[X] = 1 + Σ_{i=1}^{K−1} P(N ≥ i).
 * The run's ratio Σ X / R over its R Kinesis records estimates E[X] with standard error
 * √(Var X / R) ≤ √(λT / R) (Var X ≤ Var N = λT); pooled over seeds, R is their sum, and the
 * tolerance is 4 standard errors (two-sided p ≈ 6e-5 for a correct model). Record mode runs
 * the KPL's aggregator record by record; segment mode takes E[X] from the rule at the shard's
 * expected rate, so it may differ from theory only by the drawn counts' weights (tiny).
 *
 * Per PutRecords request: a shard's deadline-flushed Kinesis records are at least T apart
 * and the collector waits only min(0.2 T, 50 ms) < T for others, so with one shard every
 * request carries exactly one Kinesis record: E[X] user records.
 *
 * The mean buffering time (arrival → request): the opening record waits T, the λT that follow
 * wait T/2 on average, then the request waits L = min(0.2 T, 50 ms) = 20 ms in the collector:
 * (T + λT·T/2)/(1 + λT) + L, 95 ms at 10 records/s, 74.5 ms at 100, 70.5 ms at 1,000.
 */

const SEEDS = [1, 2, 3];

function run(
  granularity: "segment" | "record",
  seed: number,
  rate: number,
  size: string,
  seconds: number,
) {
  const config = parseExperimentText(
    [
      "name: kpl-theory",
      `seed: ${seed}`,
      `duration: ${seconds}s`,
      `granularity: ${granularity}`,
      "stream: { shards: 1 }",
      `producers: [{ name: p, rate: ${rate}, recordSize: ${size}, keys: { distribution: uniform, cardinality: 10000000 }, kpl: {} }]`,
    ].join("\n"),
  );
  const result = simulateWithSeries(config).result;
  const kpl = result.producers[0]?.kpl;
  if (kpl === undefined) throw new Error("no KPL result");
  return {
    kpl,
    calls: result.producers[0]?.putCalls ?? 0,
    throttleRate: result.throttleRate,
    bytesIn: result.shards[0]?.bytesIn ?? 0,
  };
}

/** E[min(1 + N, K)], N ~ Poisson(μ), by the survival sum (p_i from the recurrence). */
function expectedOccupancy(mu: number, capacity: number): number {
  let pmf = Math.exp(-mu);
  let below = pmf;
  let sum = 1;
  for (let i = 1; i < capacity; i++) {
    sum += 1 - below;
    pmf *= mu / i;
    below += pmf;
  }
  return sum;
}

// Keys of 10,000,000 uniform keys are "key-" + up to 7 digits: about 11 bytes.
const KEY_BYTES = 4 + 6.9;

const CASES = [
  { rate: 10, size: "100B", dataBytes: 100, seconds: 300 },
  { rate: 100, size: "100B", dataBytes: 100, seconds: 120 },
  { rate: 1000, size: "100B", dataBytes: 100, seconds: 60 },
  // 1 KB records at 800/s: λT = 80 against K = 50 — the 50 KiB cap binds (≈ 800 KB/s, within
  // the shard's 1 MiB/s).
  { rate: 800, size: "1000B", dataBytes: 1000, seconds: 60 },
];

describe("KPL aggregation against theory: X = min(1 + λT, K) user records per Kinesis record", () => {
  for (const { rate, size, dataBytes, seconds } of CASES) {
    const mu = rate * 0.1;
    const { capacity } = aggregationFraming(dataBytes, KEY_BYTES, 51_200, 4_294_967_295, true);
    const expected = expectedOccupancy(mu, capacity);
    for (const granularity of ["record", "segment"] as const) {
      it(`${granularity} mode, ${rate} records/s of ${size} per shard: E[X] = ${expected.toFixed(2)}`, () => {
        let user = 0;
        let kinesis = 0;
        let calls = 0;
        let bufferingMs = 0;
        for (const seed of SEEDS) {
          const { kpl, calls: c, throttleRate } = run(granularity, seed, rate, size, seconds);
          expect(throttleRate).toBe(0);
          user += kpl.userRecordsPut;
          kinesis += kpl.kinesisRecordsPut;
          calls += c;
          bufferingMs += kpl.meanBufferingTimeMs / SEEDS.length;
        }
        const standardError = Math.sqrt(mu / kinesis);
        expect(Math.abs(user / kinesis - expected)).toBeLessThan(4 * standardError + 1e-3);
        if (capacity > 10 * mu) {
          // One shard, deadline flushes: one Kinesis record per PutRecords request.
          expect(calls / kinesis).toBeCloseTo(1, 1);
          // Buffering: the rule's mean wait; its spread over a run is far below 1 ms.
          const T = 100;
          expect(bufferingMs).toBeCloseTo((T + (mu * T) / 2) / (1 + mu) + 20, 0);
        }
      });
    }
  }

  it("AWS's example: 1,000 records/s of 512 bytes on one shard go in about 10 Kinesis records/s of about 50 KB", () => {
    // KPL key concepts (Aggregation): "1,000 records per second, with records that are 512
    // bytes each … pack 1,000 records into only 10 Kinesis Data Streams records, reducing the
    // RPS to 10 (at 50 KB each)". Under the rule λT = 100 against K ≈ 96: E[X] ≈ 94, so
    // 1,000 / E[X] ≈ 10.6 Kinesis records/s of ≈ 50 KB — AWS's round figures.
    const { capacity } = aggregationFraming(512, KEY_BYTES, 51_200, 4_294_967_295, true);
    const occupancy = expectedOccupancy(100, capacity);
    const perSecond = 1000 / occupancy;
    // A full Kinesis record's bytes per user record, and its 21 fixed bytes (magic, MD5, "a").
    const perUser = (aggregateDataBlobBytes(capacity, 512, 11) - 20) / capacity;
    const meanKinesisBytes = 21 + occupancy * perUser;
    expect(meanKinesisBytes).toBeGreaterThan(48_000);
    expect(Math.round(perSecond)).toBeGreaterThanOrEqual(10);
    expect(Math.round(perSecond)).toBeLessThanOrEqual(11);
    for (const granularity of ["record", "segment"] as const) {
      let kinesis = 0;
      let user = 0;
      let bytes = 0;
      for (const seed of SEEDS) {
        const { kpl, bytesIn } = run(granularity, seed, 1000, "512B", 60);
        kinesis += kpl.kinesisRecordsPut;
        user += kpl.userRecordsPut;
        bytes += bytesIn;
      }
      // Sizes: within 1 % (keys vary by a byte or two around their mean).
      expect(bytes / kinesis / meanKinesisBytes).toBeCloseTo(1, 1.7);
      const measured = (1000 * kinesis) / user;
      // 4 standard errors of the ratio (Var X ≤ λT = 100), in Kinesis records per second.
      const tolerance = (4 * Math.sqrt(100 / kinesis) * perSecond) / (1000 / perSecond);
      expect(Math.abs(measured - perSecond)).toBeLessThan(tolerance + 1e-3);
    }
  });

  it("the cap-binding case really is capped, and the others are not (the test is not vacuous)", () => {
    const small = aggregationFraming(100, KEY_BYTES, 51_200, 4_294_967_295, true).capacity;
    const large = aggregationFraming(1000, KEY_BYTES, 51_200, 4_294_967_295, true).capacity;
    expect(small).toBeGreaterThan(400);
    expect(large).toBe(50);
    expect(expectedOccupancy(80, large)).toBeGreaterThan(49.9);
  });
});
