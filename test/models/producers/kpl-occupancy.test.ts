import { describe, expect, it } from "vitest";
import { kinesisRecordBytes } from "../../../models/kpl/aggregation-format.js";
import {
  aggregateDataBlobBytes,
  aggregateOverheadBytes,
  aggregationFraming,
} from "../../../models/producers/kpl/kpl-aggregation.js";
import { aggregateOccupancy } from "../../../models/producers/kpl/kpl-occupancy.js";

/** `count` user records of `dataBytes` with distinct keys of `keyBytes` bytes. */
function distinct(count: number, dataBytes: number, keyBytes: number) {
  return Array.from({ length: count }, (_, i) => ({
    partitionKey: String(i).padStart(keyBytes, "k"),
    dataBytes,
  }));
}

describe("aggregateOverheadBytes: the framing the aggregation adds (kinesis-facts.md §8)", () => {
  it("equals the exact format's size minus the records' data and keys, across varint bands", () => {
    for (const dataBytes of [0, 100, 121, 122, 124, 125, 126, 127, 128, 1000, 16_380, 16_384]) {
      for (const count of [1, 2, 3, 127, 128, 129, 300]) {
        const keyBytes = 6; // 6 digits: the 300 keys stay distinct and of this length
        const exact = kinesisRecordBytes(distinct(count, dataBytes, keyBytes));
        expect(
          aggregateOverheadBytes(count, dataBytes, keyBytes) + count * (dataBytes + keyBytes),
        ).toBe(count === 1 ? dataBytes + keyBytes : exact);
      }
    }
  });

  it("the most records that fit in AggregationMaxSize fit, and one more does not", () => {
    for (const [dataBytes, keyBytes] of [
      [100, 9],
      [1000, 7],
      [10, 6],
      [20_000, 30],
    ] as const) {
      const { capacity } = aggregationFraming(dataBytes, keyBytes, 51_200, 4_294_967_295, true);
      expect(aggregateDataBlobBytes(capacity, dataBytes, keyBytes)).toBeLessThanOrEqual(51_200);
      expect(aggregateDataBlobBytes(capacity + 1, dataBytes, keyBytes)).toBeGreaterThan(51_200);
    }
    // 60 KB records: not even two fit, so they go raw; AggregationMaxCount caps the count.
    expect(aggregationFraming(60_000, 9, 51_200, 4_294_967_295, true).capacity).toBe(1);
    expect(aggregationFraming(10, 9, 51_200, 100, true).capacity).toBe(100);
    expect(aggregationFraming(10, 9, 51_200, 100, false).capacity).toBe(1);
  });
});

/**
 * E[min(1 + N, K)] with N ~ Poisson(μ), computed independently of the model: the survival
 * sum 1 + Σ_{i=1}^{K−1} P(N ≥ i), with the Poisson probabilities from the recurrence
 * p_0 = e^{−μ}, p_i = p_{i−1}·μ/i (fine for the μ < 700 used here).
 */
function survivalSum(mu: number, capacity: number): number {
  let pmf = Math.exp(-mu);
  let below = pmf; // P(N ≤ i − 1) as i advances
  let sum = 1;
  for (let i = 1; i < capacity; i++) {
    sum += 1 - below;
    pmf *= mu / i;
    below += pmf;
  }
  return sum;
}

describe("aggregateOccupancy: the KPL's flush rule for Poisson arrivals", () => {
  const none = () => 0;

  it("far below the cap, a Kinesis record holds 1 + λT user records, raw with P = e^−λT", () => {
    // 10 records/s per shard, T = 100 ms: μ = 1, so 2 user records per Kinesis record.
    for (const mu of [0, 0.01, 1, 10, 100]) {
      const occupancy = aggregateOccupancy(mu, 100_000, none);
      expect(occupancy.userRecordsPerKinesisRecord).toBeCloseTo(1 + mu, 9);
      expect(occupancy.rawShare).toBeCloseTo(Math.exp(-mu), 12);
    }
  });

  it("far above the cap, every Kinesis record is full", () => {
    const occupancy = aggregateOccupancy(5000, 442, (x) => 21 + 8 * x);
    expect(occupancy.userRecordsPerKinesisRecord).toBe(442);
    expect(occupancy.rawShare).toBe(0);
    expect(occupancy.overheadBytesPerKinesisRecord).toBe(21 + 8 * 442);
  });

  it("near the cap, equals the survival sum of min(1 + N, K)", () => {
    for (const [mu, capacity] of [
      [50, 50],
      [45, 50],
      [3, 4],
      [434, 442],
      [600, 442],
      [1, 2],
    ] as const) {
      expect(aggregateOccupancy(mu, capacity, none).userRecordsPerKinesisRecord).toBeCloseTo(
        survivalSum(mu, capacity),
        9,
      );
    }
  });

  it("the real framing's mean equals a brute-force sum, with and without the varint band at 128", () => {
    const framing = (x: number) => aggregateOverheadBytes(x, 100, 9);
    for (const mu of [0.5, 1, 30, 100, 127, 200, 300, 420]) {
      let pmf = Math.exp(-mu);
      let expected = 0;
      let mass = 0;
      for (let n = 0; n < 2000; n++) {
        expected += pmf * framing(Math.min(n + 1, 434));
        mass += pmf;
        pmf *= mu / (n + 1);
      }
      const occupancy = aggregateOccupancy(mu, 434, framing);
      expect(occupancy.overheadBytesPerKinesisRecord / (expected / mass)).toBeCloseTo(1, 9);
    }
  });

  it("averages the framing over the occupancy, raw records carrying none", () => {
    // μ = 1, K large: P(X = 1) = e^−1 carry 0; an aggregate of x carries 21 + 8x.
    // E = Σ_{x≥2} P(X = x)(21 + 8x) = 21(1 − e^−1) + 8(E[X] − e^−1) = 21(1 − e^−1) + 8(2 − e^−1).
    const occupancy = aggregateOccupancy(1, 100_000, (x) => (x < 2 ? 0 : 21 + 8 * x));
    const e = Math.exp(-1);
    expect(occupancy.overheadBytesPerKinesisRecord).toBeCloseTo(21 * (1 - e) + 8 * (2 - e), 9);
  });
});
