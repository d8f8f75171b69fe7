import { applyOverrides as applyLimits, PROFILES } from "../../../models/limits/profile.js";
import { checkOfferedVolume } from "./check-offered-volume.js";
import type { ExperimentConfig } from "./config-types.js";
import { finalizeConsumers } from "./finalize-consumers.js";
import { checkAgainst, type FinalizeContext, rawAt } from "./finalize-context.js";
import { finalizeEvents } from "./finalize-events.js";
import { finalizeProducer } from "./finalize-producer.js";
import { finalizeStream, streamProfile } from "./finalize-stream.js";
import type { TraceReader } from "./finalize-trace.js";
import { expectedMessage, failAt as fail, previewValue } from "./format-error.js";
import type { ParsedExperimentFile } from "./schema.js";
import {
  finestMetricsResolutionUs,
  metricsResolutionProblem,
  SERIES_POINTS_LIMIT,
} from "./series-budget.js";
import { checkTraceTicks } from "./trace-ticks.js";
import { formatDurationUs } from "./units.js";
import { workBudgetProblem } from "./work-budget.js";

/**
 * The second pass over a schema-valid experiment file: merges `limits:` into the profile,
 * fills the defaults that come from it (retention, batch and GetRecords limits, the lognormal
 * cap), checks the bounds that depend on it (record sizes, key lengths, retention range) and
 * the rules across entries (unique names, event targets and times), and yields the normalized
 * ExperimentConfig. Errors name the path and quote what the user wrote there.
 *
 * One section per file, each given the same FinalizeContext (finalize-context.ts):
 * finalize-stream.ts, finalize-producer.ts (with finalize-keys.ts, finalize-record-size.ts,
 * finalize-trace.ts), finalize-consumers.ts (with finalize-kcl.ts, finalize-consumer-start.ts)
 * and finalize-events.ts. The order of the sections below is the order in which mistakes are
 * reported (the first one fails), which the format-error tests pin.
 */

/** Applies the limits profile and the cross-entry checks to a schema-valid file. */
export function finalizeExperiment(
  file: ParsedExperimentFile,
  document: unknown,
  defaultName?: string,
  readTrace?: TraceReader,
): ExperimentConfig {
  const profileBase = PROFILES[file.profile];
  if (profileBase === undefined)
    return fail(["profile"], expectedMessage(Object.keys(PROFILES).join(" | "), file.profile));
  const limits = file.limits ?? {};
  const check = checkAgainst(document);
  const context: FinalizeContext = {
    file,
    document,
    profile: streamProfile(applyLimits(profileBase, limits), file.stream, check),
    readTrace,
    check,
    rawAt: (path) => rawAt(document, path),
  };

  const stream = finalizeStream(context);
  unique(
    file.producers.map((p) => p.name),
    "producers",
    "producer",
  );
  unique(
    file.consumers.map((c) => c.name),
    "consumers",
    "consumer",
  );
  const producers = file.producers.map((p, i) => finalizeProducer(context, p, ["producers", i]));
  const consumers = finalizeConsumers(context);
  const events = finalizeEvents(context, consumers);
  check(
    file.warmup < file.duration,
    ["warmup"],
    `a time before the end of the run (${formatDurationUs(file.duration)})`,
  );
  checkOfferedVolume(file, producers);
  if (file.metricsResolution !== undefined) {
    const problem = metricsResolutionProblem(file.duration, file.metricsResolution, {
      shards: stream.shards,
      consumers: consumers.length,
    });
    if (problem !== undefined) fail(["metricsResolution"], problem);
  }

  const config: ExperimentConfig = {
    name:
      file.name ?? (defaultName === undefined || defaultName === "" ? "experiment" : defaultName),
    ...(file.description === undefined ? {} : { description: file.description }),
    seed: file.seed,
    durationUs: file.duration,
    granularity: file.granularity,
    resolutionUs: file.resolution,
    metricsResolutionUs:
      file.metricsResolution ?? defaultMetricsResolutionUs(file.duration, stream.shards),
    warmupUs: file.warmup,
    ...(file.startTime === undefined ? {} : { startTime: file.startTime }),
    profile: file.profile,
    limits,
    stream,
    producers,
    consumers,
    events,
  };
  checkTraceTicks(config);
  // Last: the estimate needs every default filled in (intervals, KCL timers, shard targets).
  const work = workBudgetProblem(config, context.profile);
  if (work !== undefined) fail(["duration"], work);
  return config;
}

function unique(names: readonly string[], list: string, noun: string): void {
  const first = new Map<string, number>();
  names.forEach((name, i) => {
    const earlier = first.get(name);
    if (earlier !== undefined) {
      fail(
        [list, i, "name"],
        `duplicate ${noun} name ${previewValue(name)} (also ${list}[${earlier}].name)`,
      );
    }
    first.set(name, i);
  });
}

/**
 * The finest of 1 s, 10 s, 1 min, 10 min, 1 h that keeps each series within 10,000 intervals
 * and all shards' series together within 1,000,000 (per-second peaks stay exact anyway).
 * When even 1 h is too fine for the shards' budget, the fewest whole hours that keep it.
 */
export function defaultMetricsResolutionUs(durationUs: number, shards = 1): number {
  const hour = 3_600_000_000;
  const candidates = [1, 10, 60, 600, 3600].map((seconds) => seconds * 1_000_000);
  return (
    candidates.find((resolution) => {
      const intervals = durationUs / resolution;
      return intervals <= 10_000 && intervals * shards <= SERIES_POINTS_LIMIT;
    }) ?? Math.max(1, Math.ceil(finestMetricsResolutionUs(durationUs, shards) / hour)) * hour
  );
}
