import { PollingApplication } from "../../models/consumers/polling-application.js";
import { applyOverrides, type LimitsProfile, PROFILES } from "../../models/limits/profile.js";
import { SdkProducer } from "../../models/producers/sdk-producer.js";
import { KinesisStream } from "../../models/stream/kinesis-stream.js";
import { RandomStreams } from "../engine/random-streams.js";
import { Simulation } from "../engine/simulation.js";
import { LatencyHistogram } from "../stats/latency-histogram.js";
import { buildResult } from "./build-result.js";
import type { ExperimentConfig } from "./config-types.js";
import { checkConservation } from "./conservation.js";
import type { RunResult, RunSeries } from "./result-types.js";
import { UserError } from "./user-error.js";

/** Everything one run produced. */
export interface RunOutput {
  readonly result: RunResult;
  readonly series: RunSeries;
}

/**
 * How long consecutive appends from one producer may share a stored segment: 1 s, so a
 * 26-hour run holds about one segment per producer, shard and second, and retention trims at
 * most one second late.
 */
const COALESCE_US = 1_000_000;

/** A wall clock for `engine.wallMs` only; model code never reads the clock. */
const wallClock = () => globalThis.performance.now();

/**
 * Runs an experiment and returns its result and series. Deterministic: the same config
 * (seed included) gives the same result, bar `engine.wallMs`.
 *
 * @example
 * const { result } = runExperiment(parseExperimentText(yamlText));
 * console.log(result.throttleRate);
 */
export function runExperiment(config: ExperimentConfig): RunOutput {
  const startedMs = wallClock();
  const profile = resolveProfile(config);
  const simulation = new Simulation();
  const random = new RandomStreams(config.seed);
  const stream = new KinesisStream({
    shardCount: config.stream.shards,
    profile,
    limiter: config.stream.limiter,
    retentionUs: config.stream.retentionUs,
    coalesceUs: config.granularity === "record" ? 0 : COALESCE_US,
    metricsResolutionUs: config.metricsResolutionUs,
    durationUs: config.durationUs,
  });
  const producers = config.producers.map(
    (settings, index) =>
      new SdkProducer(
        {
          simulation,
          random,
          stream,
          granularity: config.granularity,
          resolutionUs: config.resolutionUs,
        },
        settings,
        index,
      ),
  );
  const overallLatency = new LatencyHistogram();
  const consumerContext = {
    simulation,
    random,
    stream,
    profile,
    metricsResolutionUs: config.metricsResolutionUs,
    durationUs: config.durationUs,
    checkKeyOrder: config.granularity === "record",
  };
  const consumers = config.consumers.map(
    (settings) => new PollingApplication(consumerContext, settings, overallLatency),
  );
  for (const consumer of consumers) consumer.start();
  for (const producer of producers) producer.start();
  for (const event of config.events) {
    const consumer = consumers.find((candidate) => candidate.settings.name === event.consumer);
    if (consumer === undefined)
      throw new UserError(`events: no consumer named "${event.consumer}"`);
    simulation.scheduleAt(event.atUs, () =>
      event.kind === "stopConsumer" ? consumer.pause() : consumer.resume(),
    );
  }

  simulation.run(config.durationUs);
  stream.trimAll(config.durationUs);

  checkConservation(producers, stream, consumers);
  const output = buildResult({
    config,
    profile,
    simulation,
    stream,
    producers,
    consumers,
    overallLatency,
    wallMs: wallClock() - startedMs,
  });
  return output;
}

function resolveProfile(config: ExperimentConfig): LimitsProfile {
  const base = PROFILES[config.profile];
  if (base === undefined)
    throw new UserError(`profile: unknown profile "${config.profile}"`, "profile");
  return applyOverrides(base, config.limits);
}
