import type { PollingConsumerSettings } from "../../models/consumers/consumer-settings.js";
import type { ExperimentConfig, ProducerConfig } from "../../src/experiment/config/config-types.js";
import { parseExperimentText } from "../../src/experiment/config/parse-experiment.js";
import type { RunResult } from "../../src/experiment/run/result-types.js";
import { simulateWithSeries } from "../../src/experiment/run/simulate.js";

const S = 1_000_000;

/** A normalized experiment with test-friendly defaults; pass only what a test cares about. */
export function experiment(
  overrides: Partial<Omit<ExperimentConfig, "stream">> & {
    stream?: Partial<ExperimentConfig["stream"]>;
  } = {},
): ExperimentConfig {
  const { stream, ...rest } = overrides;
  return {
    name: "test",
    seed: 1,
    durationUs: 10 * S,
    granularity: "segment",
    resolutionUs: 10_000,
    metricsResolutionUs: S,
    warmupUs: 0,
    profile: "kinesis-2026-11",
    limits: {},
    producers: [producer()],
    consumers: [],
    events: [],
    ...rest,
    stream: {
      mode: "provisioned",
      shards: 1,
      retentionUs: 24 * 3600 * S,
      limiter: "bucket",
      ...stream,
    },
  };
}

export function producer(overrides: Partial<ProducerConfig> = {}): ProducerConfig {
  return {
    name: "p",
    rate: 100,
    arrival: "poisson",
    recordSize: { distribution: "fixed", bytes: 100 },
    keys: { distribution: "uniform", cardinality: 100, prefix: "key-" },
    api: "putRecord",
    batch: { maxRecords: 500, maxBytes: 10 * 1_048_576, lingerUs: 100_000 },
    retries: { max: 0, backoffUs: 100_000, maxBackoffUs: 5 * S },
    ...overrides,
  };
}

export function consumer(
  overrides: Partial<PollingConsumerSettings> = {},
): PollingConsumerSettings {
  return {
    name: "c",
    mode: "polling",
    pollIntervalUs: S,
    startAt: { type: "TRIM_HORIZON" },
    launchAtUs: 0,
    restartFrom: "lastRecord",
    maxRecords: 10_000,
    processing: {
      perRecord: { distribution: "fixed", us: 0 },
      perBatch: { distribution: "fixed", us: 0 },
      maxInFlight: 10_000,
    },
    readBackoffUs: S,
    parentPollIntervalUs: 10 * S,
    ...overrides,
  };
}

/** Processing settings with a fixed time per record (µs) and nothing per batch. */
export function perRecordProcessing(
  us: number,
  maxInFlight = 10_000,
): PollingConsumerSettings["processing"] {
  return {
    perRecord: { distribution: "fixed", us },
    perBatch: { distribution: "fixed", us: 0 },
    maxInFlight,
  };
}

/** Parses experiment YAML and runs it: the result. */
export function runText(text: string): RunResult {
  return simulateWithSeries(parseExperimentText(text)).result;
}
