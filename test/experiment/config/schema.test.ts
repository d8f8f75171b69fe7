import { describe, expect, it } from "vitest";
import type { ExperimentConfig } from "../../../src/experiment/config/config-types.js";
import {
  parseExperimentDocument,
  parseExperimentText,
} from "../../../src/experiment/config/parse-experiment.js";

const MIB = 1_048_576;
const minimal = {
  duration: "2m",
  stream: { shards: 2 },
  producers: [{ name: "clicks", rate: 1500 }],
};

describe("experiment schema: defaults and normalization", () => {
  it("fills every default into a minimal document", () => {
    const expected: ExperimentConfig = {
      name: "experiment",
      seed: 1,
      durationUs: 120_000_000,
      granularity: "segment",
      resolutionUs: 10_000,
      metricsResolutionUs: 1_000_000,
      warmupUs: 0,
      profile: "kinesis-2026-11",
      limits: {},
      stream: { mode: "provisioned", shards: 2, retentionUs: 86_400_000_000, limiter: "bucket" },
      producers: [
        {
          name: "clicks",
          rate: 1500,
          arrival: "poisson",
          recordSize: { distribution: "fixed", bytes: 1000 },
          keys: { distribution: "uniform", cardinality: 1000, prefix: "key-" },
          api: "putRecords",
          batch: { maxRecords: 500, maxBytes: 10 * MIB, lingerUs: 100_000 },
          retries: { max: 3, backoffUs: 100_000, maxBackoffUs: 5_000_000 },
        },
      ],
      consumers: [],
      events: [],
    };
    expect(parseExperimentDocument(minimal)).toEqual(expected);
  });

  it("takes the default name from the file name", () => {
    const yaml = "duration: 2m\nstream: {shards: 2}\nproducers: [{name: a, rate: 1}]\n";
    expect(parseExperimentText(yaml, { fileName: "experiments/hot-key.yaml" }).name).toBe(
      "hot-key",
    );
    expect(parseExperimentText(yaml, { fileName: "C:\\x\\y.z.yml" }).name).toBe("y.z");
    expect(parseExperimentText(yaml).name).toBe("experiment");
    expect(parseExperimentText(`name: mine\n${yaml}`, { fileName: "a.yaml" }).name).toBe("mine");
  });

  it("accepts JSON", () => {
    expect(parseExperimentText(JSON.stringify(minimal)).durationUs).toBe(120_000_000);
  });

  it("fills consumer defaults from the profile", () => {
    const config = parseExperimentDocument({ ...minimal, consumers: [{ name: "analytics" }] });
    expect(config.consumers).toEqual([
      {
        name: "analytics",
        mode: "polling",
        pollIntervalUs: 1_000_000,
        startAt: { type: "LATEST" },
        launchAtUs: 0,
        restartFrom: "lastRecord",
        maxRecords: 10_000,
        processing: {
          perRecord: { distribution: "fixed", us: 0 },
          perBatch: { distribution: "fixed", us: 0 },
          maxInFlight: Number.MAX_SAFE_INTEGER,
        },
        readBackoffUs: 1_000_000,
        parentPollIntervalUs: 10_000_000,
      },
    ]);
  });

  it("normalizes record-size distributions", () => {
    const sizes = (recordSize: unknown) =>
      parseExperimentDocument({ ...minimal, producers: [{ name: "p", rate: 1, recordSize }] })
        .producers[0]?.recordSize;
    expect(sizes("2KiB")).toEqual({ distribution: "fixed", bytes: 2048 });
    expect(sizes(300)).toEqual({ distribution: "fixed", bytes: 300 });
    expect(sizes({ distribution: "fixed", size: "1KB" })).toEqual({
      distribution: "fixed",
      bytes: 1000,
    });
    expect(sizes({ distribution: "uniform", min: "100B", max: "2KB" })).toEqual({
      distribution: "uniform",
      minBytes: 100,
      maxBytes: 2000,
    });
    // Without max, log-normal sizes are unbounded: records too large for the stream are
    // dropped as oversize when drawn.
    expect(sizes({ distribution: "lognormal", median: "1KB", sigma: 0.5 })).toEqual({
      distribution: "lognormal",
      medianBytes: 1000,
      sigma: 0.5,
    });
    expect(sizes({ distribution: "lognormal", median: "1KB", sigma: 0.5, max: "1MB" })).toEqual({
      distribution: "lognormal",
      medianBytes: 1000,
      sigma: 0.5,
      maxBytes: 1_000_000,
    });
  });

  it("normalizes key distributions with their defaults", () => {
    const keys = (k: unknown) =>
      parseExperimentDocument({ ...minimal, producers: [{ name: "p", rate: 1, keys: k }] })
        .producers[0]?.keys;
    expect(keys({ distribution: "zipf", cardinality: 10, exponent: 1.2 })).toEqual({
      distribution: "zipf",
      cardinality: 10,
      exponent: 1.2,
      prefix: "key-",
    });
    expect(keys({ distribution: "hot" })).toEqual({ distribution: "hot", key: "hot-key" });
    expect(keys({ distribution: "hotShare", share: 0.5, cardinality: 100 })).toEqual({
      distribution: "hotShare",
      share: 0.5,
      hotKeys: 1,
      cardinality: 100,
      prefix: "key-",
    });
    expect(keys({ distribution: "fixed", keys: ["a", "b"] })).toEqual({
      distribution: "fixed",
      keys: ["a", "b"],
    });
  });

  it("reads retries: 0 and retries: false as no retries", () => {
    for (const retries of [0, false]) {
      const config = parseExperimentDocument({
        ...minimal,
        producers: [{ name: "p", rate: 1, retries }],
      });
      expect(config.producers[0]?.retries).toEqual({
        max: 0,
        backoffUs: 100_000,
        maxBackoffUs: 5_000_000,
      });
    }
  });

  it("normalizes and stably sorts events", () => {
    const config = parseExperimentDocument({
      ...minimal,
      consumers: [{ name: "a" }, { name: "b" }],
      events: [
        { at: "90s", startConsumer: "a" },
        { at: "30s", stopConsumer: "a" },
        { at: "30s", stopConsumer: "b" },
        { at: 0, stopConsumer: "b" },
      ],
    });
    expect(config.events).toEqual([
      { atUs: 0, kind: "stopConsumer", consumer: "b" },
      { atUs: 30_000_000, kind: "stopConsumer", consumer: "a" },
      { atUs: 30_000_000, kind: "stopConsumer", consumer: "b" },
      { atUs: 90_000_000, kind: "startConsumer", consumer: "a" },
    ]);
  });

  it("applies limits before the profile-dependent checks and defaults", () => {
    const config = parseExperimentDocument({
      ...minimal,
      limits: {
        maxRecordBytes: "10MiB",
        retentionMinUs: "1h",
        putRecordsMaxRecords: 100,
        priceShardHourUsd: 0.02,
      },
      stream: { shards: 1, retention: "2h" },
      producers: [{ name: "p", rate: 1, recordSize: "5MiB" }],
    });
    expect(config.limits).toEqual({
      maxRecordBytes: 10 * MIB,
      retentionMinUs: 3_600_000_000,
      putRecordsMaxRecords: 100,
      priceShardHourUsd: 0.02,
    });
    expect(config.stream.retentionUs).toBe(7_200_000_000);
    expect(config.producers[0]?.recordSize).toEqual({ distribution: "fixed", bytes: 5 * MIB });
    expect(config.producers[0]?.batch.maxRecords).toBe(100);
  });

  it("keeps every explicit value", () => {
    const config = parseExperimentDocument({
      name: "n",
      description: "d",
      seed: 42,
      duration: "10m",
      granularity: "record",
      resolution: "1ms",
      metricsResolution: "100ms",
      stream: { mode: "provisioned", shards: 4, retention: "48h", limiter: "window" },
      producers: [
        {
          name: "p",
          rate: 0.5,
          arrival: "constant",
          api: "putRecord",
          batch: { maxRecords: 10, maxBytes: "1MB", linger: 0 },
          retries: { max: 0, backoff: "1ms", maxBackoff: "1s" },
        },
      ],
      consumers: [
        {
          name: "c",
          mode: "polling",
          pollInterval: "200ms",
          startAt: "AT_TIMESTAMP",
          timestamp: "1m",
          launchAt: "2m",
          restartFrom: "startAt",
          maxRecords: 100,
          processingTime: "2ms",
          readBackoff: "3s",
        },
      ],
    });
    expect(config).toMatchObject({
      name: "n",
      description: "d",
      seed: 42,
      durationUs: 600_000_000,
      granularity: "record",
      resolutionUs: 1000,
      metricsResolutionUs: 100_000,
      stream: { shards: 4, retentionUs: 172_800_000_000, limiter: "window" },
      producers: [
        {
          rate: 0.5,
          arrival: "constant",
          api: "putRecord",
          batch: { maxRecords: 10, maxBytes: 1_000_000, lingerUs: 0 },
          retries: { max: 0, backoffUs: 1000, maxBackoffUs: 1_000_000 },
        },
      ],
      consumers: [
        {
          pollIntervalUs: 200_000,
          startAt: { type: "AT_TIMESTAMP", timestampUs: 60_000_000 },
          launchAtUs: 120_000_000,
          restartFrom: "startAt",
          maxRecords: 100,
          processing: {
            perRecord: { distribution: "fixed", us: 2000 },
            perBatch: { distribution: "fixed", us: 0 },
            maxInFlight: Number.MAX_SAFE_INTEGER,
          },
          readBackoffUs: 3_000_000,
        },
      ],
    });
  });
});
