import type { ConsumerApplication } from "../../../models/consumers/consumer-application.js";
import { EfoApplication } from "../../../models/consumers/efo-application.js";
import { PollingApplication } from "../../../models/consumers/polling-application.js";
import type { Narrator } from "../../../models/narration/narrator.js";
import { SdkProducer } from "../../../models/producers/sdk-producer.js";
import { Autoscaler } from "../../../models/stream/autoscaler.js";
import { isOnDemand } from "../../../models/stream/capacity-mode.js";
import { KinesisStream } from "../../../models/stream/kinesis-stream.js";
import { OnDemandScaler } from "../../../models/stream/on-demand-scaler.js";
import { StreamOperations } from "../../../models/stream/stream-operations.js";
import { warmThroughputShards } from "../../../models/stream/warm-throughput.js";
import type { Spike } from "../../../models/workload/rate-modulation.js";
import { RandomStreams } from "../../engine/random-streams.js";
import { Simulation } from "../../engine/simulation.js";
import { LatencyHistogram } from "../../stats/latency-histogram.js";
import type { ExperimentConfig } from "../config/config-types.js";
import { resolveProfile } from "../config/resolve-profile.js";
import { buildResult } from "./build-result.js";
import { checkConservation } from "./conservation.js";
import type { RunOutput } from "./run-output.js";
import { scheduleEvents } from "./schedule-events.js";
import { windowLengthUs } from "./windowed-writes.js";

export interface RunOptions {
  /** Called with the fraction of simulated time done (0–1], about 100 times per run. */
  readonly onProgress?: (fraction: number) => void;
  /** Told about every put, read, lease change and resharding step (`kinesim explain`). */
  readonly narrator?: Narrator;
  /**
   * Windows of ticks (design.md §17): `auto` (the default) where the run allows them and they
   * pay (every shard well below its limits); `always` wherever the run allows them; `never`.
   * The results agree in distribution whichever is used (the window–tick agreement tests).
   */
  readonly windows?: "auto" | "always" | "never";
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
 * const { result } = simulateWithSeries(parseExperimentText(yamlText));
 * console.log(result.throttleRate);
 */
export function simulateWithSeries(config: ExperimentConfig, options: RunOptions = {}): RunOutput {
  const startedMs = wallClock();
  const { narrator } = options;
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
    narrator,
  });
  const windowUs =
    options.windows === "never" ? undefined : windowLengthUs(config, narrator !== undefined);
  const windows =
    windowUs === undefined
      ? undefined
      : { lengthUs: windowUs, always: options.windows === "always" };
  const producers = config.producers.map(
    (settings, index) =>
      new SdkProducer(
        {
          simulation,
          random,
          stream,
          granularity: config.granularity,
          resolutionUs: config.resolutionUs,
          profile,
          horizonUs: config.durationUs,
          narrator,
          windows,
        },
        settings,
        index,
        spikesOf(config, settings.name),
      ),
  );
  const consumerContext = {
    simulation,
    random,
    stream,
    profile,
    metricsResolutionUs: config.metricsResolutionUs,
    durationUs: config.durationUs,
    granularity: config.granularity,
    checkKeyOrder: config.granularity === "record",
    narrator,
  };
  const consumers: ConsumerApplication[] = config.consumers.map((settings) =>
    settings.mode === "efo"
      ? new EfoApplication(consumerContext, settings)
      : new PollingApplication(consumerContext, settings),
  );
  for (const consumer of consumers) consumer.readers.start();
  for (const producer of producers) producer.start();
  const operations = new StreamOperations(
    simulation,
    stream,
    profile,
    random.stream("stream:operations"),
    config.stream.mode,
    narrator,
  );
  scheduleEvents(simulation, config.events, consumers, operations, narrator);
  if (isOnDemand(config.stream.mode)) {
    const warm = config.stream.warmThroughputBytesPerSecond;
    new OnDemandScaler(
      simulation,
      stream,
      operations,
      profile,
      random.stream("stream:on-demand"),
      Math.max(
        profile.onDemandInitialShards,
        warm === undefined ? 0 : warmThroughputShards(warm, profile),
      ),
    ).start();
  } else if (config.stream.autoscaling !== undefined) {
    new Autoscaler(simulation, stream, operations, profile, config.stream.autoscaling).start();
  }

  const warmup = { accepted: 0, throttledAttempts: 0 };
  if (config.warmupUs > 0) {
    simulation.scheduleAt(config.warmupUs, () => {
      // Windows of ticks count their records when stored: everything up to now, first.
      stream.settleWindows(config.warmupUs);
      for (const { stats } of producers) {
        warmup.accepted += stats.accepted;
        warmup.throttledAttempts += stats.throttledAttempts;
      }
      for (const consumer of consumers) {
        consumer.settle(config.warmupUs);
        consumer.delivery.unreadAge.syncAll(consumer.readers.all, config.warmupUs);
        consumer.delivery.resetStatistics();
      }
      for (const shard of stream.shards) shard.metrics.resetPeaks();
    });
  }

  runInSteps(simulation, config.durationUs, options.onProgress);
  stream.settleWindows(config.durationUs);
  for (const consumer of consumers) {
    consumer.settle(config.durationUs);
    consumer.delivery.unreadAge.syncAll(consumer.readers.all, config.durationUs);
  }
  for (const producer of producers) producer.createUntil(config.durationUs);
  stream.trimAll(config.durationUs);

  checkConservation(producers, stream, consumers);
  // Every delivery is recorded once, by its application; the stream's latency is their sum,
  // which for one application is its own histogram (whose answers are then given once).
  const only = consumers.length === 1 ? consumers[0] : undefined;
  const overallLatency = only?.delivery.latency ?? new LatencyHistogram();
  if (only === undefined) {
    for (const consumer of consumers) overallLatency.add(consumer.delivery.latency);
  }
  const output = buildResult({
    config,
    profile,
    simulation,
    stream,
    producers,
    consumers,
    overallLatency,
    operations,
    warmup,
    wallMs: wallClock() - startedMs,
  });
  if (only === undefined) overallLatency.dispose();
  for (const consumer of consumers) consumer.delivery.latency.dispose();
  return output;
}

/**
 * Runs to `durationUs`, in 100 steps of simulated time when progress is wanted. Running in
 * steps executes exactly the same events in the same order as one call.
 */
function runInSteps(
  simulation: Simulation,
  durationUs: number,
  onProgress?: (fraction: number) => void,
): void {
  if (onProgress === undefined) {
    simulation.run(durationUs);
    return;
  }
  const steps = 100;
  for (let step = 1; step <= steps; step++) {
    simulation.run(Math.round((durationUs * step) / steps));
    onProgress(step / steps);
  }
}

/** The spikes the experiment's events schedule for one producer. */
function spikesOf(config: ExperimentConfig, producer: string): Spike[] {
  return config.events.flatMap((event) =>
    event.kind === "spike" && event.producer === producer
      ? [{ atUs: event.atUs, forUs: event.forUs, factor: event.factor }]
      : [],
  );
}
