import { describe, expect, it } from "vitest";
import {
  MAX_LOGNORMAL_SIGMA,
  MAX_OFFERED_RATE,
  MAX_RUN_RECORDS,
} from "../../../src/experiment/config/magnitude-bounds.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";
import { userErrorOf } from "../../helpers/user-error.js";

/**
 * Issue 12: magnitudes past what the engine counts exactly (a rate of 1e12 wrapped an
 * Int32Array into negative offered counts and "invariant violated"; sigma 20 overflowed the
 * log-normal moments into "normal: need finite mean") are refused up front with one line.
 */

const BASE = ["duration: 1m", "stream: {shards: 2}", "producers: [{name: a, rate: 5}]"].join("\n");
const withProducer = (fields: string) => BASE.replace("rate: 5", fields);

function errorOf(text: string, readTrace?: (path: string) => string): string {
  return userErrorOf(
    () => parseExperimentText(text, { fileName: "x.yaml", ...(readTrace ? { readTrace } : {}) }),
    text,
  );
}

const RATE_BOUND = "expected at most 1,000,000,000 records/s (the most kinesim counts exactly)";
const FACTOR_BOUND = "expected at most 1,000,000,000 (the most kinesim counts exactly)";

describe("bounds on single fields", () => {
  it.each([
    ["a rate of 1e12", "rate: 1e12", `producers[0].rate: ${RATE_BOUND}, got 1000000000000`],
    ["a rate of 1e300", "rate: 1e300", `producers[0].rate: ${RATE_BOUND}, got 1e+300`],
    [
      "a point of a profile",
      "rate: [{at: 0s, rate: 5}, {at: 10s, rate: 2e9}]",
      `producers[0].rate[1].rate: ${RATE_BOUND}, got 2000000000`,
    ],
    [
      "a daily peak",
      "rate: {daily: {peak: 1e12, trough: 5}}",
      `producers[0].rate.daily.peak: ${RATE_BOUND}, got 1000000000000`,
    ],
    [
      "bursts.onFactor",
      "rate: 5, bursts: {meanOn: 1s, meanOff: 1s, onFactor: 1e12}",
      `producers[0].bursts.onFactor: ${FACTOR_BOUND}, got 1000000000000`,
    ],
    [
      "bursts.offFactor",
      "rate: 5, bursts: {meanOn: 1s, meanOff: 1s, onFactor: 2, offFactor: 1e10}",
      `producers[0].bursts.offFactor: ${FACTOR_BOUND}, got 10000000000`,
    ],
    [
      "a log-normal sigma of 20",
      "rate: 5, recordSize: {distribution: lognormal, median: 1KB, sigma: 20}",
      `producers[0].recordSize.sigma: expected at most ${MAX_LOGNORMAL_SIGMA} (one sigma is then a factor of 9 million, the whole span of record sizes; larger ones overflow the size moments), got 20`,
    ],
  ])("refuses %s", (_, producer, message) => {
    expect(errorOf(withProducer(producer))).toBe(message);
  });

  it("refuses a spike factor of 1e12", () => {
    const text = `${BASE}\nevents: [{at: 10s, spike: a, factor: 1e12, for: 5s}]`;
    expect(errorOf(text)).toBe(`events[0].factor: ${FACTOR_BOUND}, got 1000000000000`);
  });

  it("refuses a trace's or an export's volumeScale of 1e12", () => {
    expect(errorOf(withProducer("trace: {file: t.csv, volumeScale: 1e12}"))).toBe(
      `producers[0].trace.volumeScale: ${FACTOR_BOUND}, got 1000000000000`,
    );
    expect(errorOf(withProducer("cloudwatch: {file: c.csv, volumeScale: 1e12}"))).toBe(
      `producers[0].cloudwatch.volumeScale: ${FACTOR_BOUND}, got 1000000000000`,
    );
  });

  it("accepts the bounds themselves", () => {
    const at = (fields: string) =>
      parseExperimentText(withProducer(fields), { fileName: "x.yaml" }).producers[0];
    expect(at(`rate: ${MAX_OFFERED_RATE}`)?.rate).toBe(MAX_OFFERED_RATE);
    const lognormal = `rate: 5, recordSize: {distribution: lognormal, median: 1KB, sigma: ${MAX_LOGNORMAL_SIGMA}}`;
    expect(at(lognormal)?.recordSize).toMatchObject({ sigma: MAX_LOGNORMAL_SIGMA });
  });
});

describe("daily curves", () => {
  it("refuses a trough above the peak", () => {
    expect(errorOf(withProducer("rate: {daily: {peak: 1000, trough: 9000}}"))).toBe(
      "producers[0].rate.daily.trough: expected at most peak (1000), got 9000",
    );
  });

  it("refuses a peak at a time of day past 24h", () => {
    expect(errorOf(withProducer("rate: {daily: {peak: 1000, trough: 10, peakAt: 30h}}"))).toBe(
      "producers[0].rate.daily.peakAt: expected a time of day below 24h, got 30h",
    );
    expect(errorOf(withProducer("rate: {daily: {peak: 1000, trough: 10, peakAt: 24h}}"))).toBe(
      "producers[0].rate.daily.peakAt: expected a time of day below 24h, got 24h",
    );
  });

  it("accepts a flat curve and a peak just before midnight", () => {
    const text = withProducer("rate: {daily: {peak: 1000, trough: 1000, peakAt: 23h}}");
    expect(parseExperimentText(text, { fileName: "x.yaml" }).producers[0]?.rate).toEqual({
      daily: { peak: 1000, trough: 1000, peakAtUs: 23 * 3_600_000_000 },
    });
  });
});

describe("the whole experiment's offered records", () => {
  const tail = "records/s exactly";
  it("refuses a rate times a burst factor above the bound, naming the factor", () => {
    expect(
      errorOf(withProducer("rate: 1000, bursts: {meanOn: 1s, meanOff: 1s, onFactor: 1e9}")),
    ).toBe(
      `producers[0].bursts.onFactor: producer a would offer up to 1,000,000,000,000 records/s at its peak (rate 1,000 × bursts 1,000,000,000 × spikes 1); kinesim counts at most 1,000,000,000 ${tail}`,
    );
  });

  it("refuses overlapping spikes whose product is above the bound, naming the largest", () => {
    const text = `${BASE.replace("rate: 5", "rate: 9000")}\nevents: [{at: 10s, spike: a, factor: 1000, for: 5s}, {at: 12s, spike: a, factor: 2000, for: 5s}]`;
    expect(errorOf(text)).toBe(
      `events[1].factor: producer a would offer up to 18,000,000,000 records/s at its peak (rate 9,000 × bursts 1 × spikes 2,000,000); kinesim counts at most 1,000,000,000 ${tail}`,
    );
  });

  it("accepts spikes that follow each other without overlapping", () => {
    const text = `${BASE.replace("rate: 5", "rate: 9000")}\nevents: [{at: 10s, spike: a, factor: 100000, for: 5s}, {at: 15s, spike: a, factor: 100000, for: 5s}]`;
    expect(parseExperimentText(text, { fileName: "x.yaml" }).events).toHaveLength(2);
  });

  it("refuses producers that together pass the bound", () => {
    const text = BASE.replace(
      "[{name: a, rate: 5}]",
      "[{name: a, rate: 6e8}, {name: b, rate: 6e8}]",
    );
    expect(errorOf(text)).toBe(
      `producers: together offer up to 1,200,000,000 records/s at their peaks; kinesim counts at most 1,000,000,000 ${tail}`,
    );
  });

  it("refuses a run that would offer more than 2^50 records", () => {
    const text = BASE.replace("duration: 1m", "duration: 365d").replace("rate: 5", "rate: 1e9");
    expect(errorOf(text)).toBe(
      `duration: the producers would offer about 31,536,000,000,000,000 records in 8760h; kinesim counts at most ${MAX_RUN_RECORDS.toLocaleString("en-US")} (2^50) records in a run exactly: shorten the run or lower the rates`,
    );
  });

  it("refuses a CloudWatch row of 1e15 records, naming the file", () => {
    const csv = "Timestamp,IncomingRecords,IncomingBytes\n0,1000000000000000,1000000000000000000\n";
    const text = withProducer("cloudwatch: {file: c.csv}");
    expect(errorOf(text, () => csv)).toBe(
      `producers[0].cloudwatch.file: producer a would offer up to 16,666,666,666,667 records/s at its peak (rate 16,666,666,666,667 × bursts 1 × spikes 1); kinesim counts at most 1,000,000,000 ${tail}`,
    );
  });

  it("refuses an export's volumeScale that lifts its busiest period past the bound", () => {
    const csv = "Timestamp,IncomingRecords,IncomingBytes\n0,60000,60000000\n";
    const text = withProducer("cloudwatch: {file: c.csv, volumeScale: 1e9}");
    expect(errorOf(text, () => csv)).toMatch(
      /^producers\[0\]\.cloudwatch\.volumeScale: producer a would offer up to 1,000,000,000,000 records\/s/,
    );
  });
});

describe("counts past an Int32Array", () => {
  it("counts a tick's 2^31 records for one shard exactly (offered = accepted + lost)", () => {
    // 1e9 records/s with a 5 s tick: 5e9 records a tick, 2.5e9 a shard.
    const text = [
      "duration: 20s",
      "resolution: 5s",
      "stream: {shards: 2}",
      `producers: [{name: a, rate: ${MAX_OFFERED_RATE}, arrival: constant}]`,
    ].join("\n");
    const { result } = simulateWithSeries(parseExperimentText(text, { fileName: "x.yaml" }));
    expect(result.records.offered).toBeGreaterThan(2 ** 31);
    expect(result.records.offered).toBe(
      result.records.accepted + result.records.dropped + result.records.pendingAtProducer,
    );
  });
});
