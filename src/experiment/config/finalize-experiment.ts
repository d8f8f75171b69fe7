import { KCL_DEFAULTS } from "../../../models/consumers/kcl/kcl-defaults.js";
import {
  applyOverrides as applyLimits,
  type LimitsProfile,
  PROFILES,
} from "../../../models/limits/profile.js";
import { warmThroughputShards } from "../../../models/stream/warm-throughput.js";
import { longestKeyBytes } from "../../../models/workload/keys/longest-key.js";
import { int } from "../../format/number-format.js";
import { checkOfferedVolume } from "./check-offered-volume.js";
import type {
  ConsumerConfig,
  EventConfig,
  ExperimentConfig,
  KeysConfig,
  ProducerConfig,
  RecordSizeConfig,
} from "./config-types.js";
import { finalizeConsumerStart } from "./finalize-consumer-start.js";
import { finalizeKcl } from "./finalize-kcl.js";
import {
  replayCloudWatch,
  replayRecordTrace,
  type TraceReader,
  traceRecordSizes,
} from "./finalize-trace.js";
import { expectedMessage, failAt as fail, previewValue } from "./format-error.js";
import type { ParsedExperimentFile } from "./schema.js";
import {
  finestMetricsResolutionUs,
  metricsResolutionProblem,
  SERIES_POINTS_LIMIT,
} from "./series-budget.js";
import { formatBytes, formatDurationUs } from "./units.js";

/**
 * The second pass over a schema-valid experiment file: merges `limits:` into the profile,
 * fills the defaults that come from it (retention, batch and GetRecords limits, the lognormal
 * cap), checks the bounds that depend on it (record sizes, key lengths, retention range) and
 * the rules across entries (unique names, event targets and times), and yields the normalized
 * ExperimentConfig. Errors name the path and quote what the user wrote there.
 */

type Path = readonly PropertyKey[];

/** The value the user wrote at `path`, for the `got …` part of a message. */
function rawAt(document: unknown, path: Path): unknown {
  let value = document;
  for (const segment of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

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
  const check = (ok: boolean, path: Path, what: string): void => {
    if (ok) return;
    const raw = rawAt(document, path);
    fail(
      path,
      raw === undefined
        ? `expected ${what}; its default does not fit the limits`
        : expectedMessage(what, raw),
    );
  };
  const profile = streamProfile(applyLimits(profileBase, limits), file.stream, check);

  const retentionUs = file.stream.retention ?? profile.retentionDefaultUs;
  if (file.stream.mode === "provisioned" && file.stream.shards === undefined) {
    fail(["stream", "shards"], "required for a provisioned stream");
  }
  const autoscaling = file.stream.autoscaling;
  if (autoscaling !== undefined && autoscaling.minShards > autoscaling.maxShards) {
    fail(["stream", "autoscaling", "minShards"], "at most maxShards");
  }
  if (autoscaling !== undefined && autoscaling.scaleInBelow >= autoscaling.scaleOutAbove) {
    fail(["stream", "autoscaling", "scaleInBelow"], "below scaleOutAbove");
  }
  const warmThroughput = file.stream.warmThroughput;
  if (warmThroughput !== undefined) {
    if (file.stream.mode !== "on-demand-advantage") {
      fail(
        ["stream", "warmThroughput"],
        "only for on-demand-advantage streams (AWS offers warm throughput with On-demand Advantage)",
      );
    }
    check(
      warmThroughput > 0 && warmThroughput <= profile.onDemandMaxWriteBytesPerSecond,
      ["stream", "warmThroughput"],
      `a size above 0 and at most ${formatBytes(profile.onDemandMaxWriteBytesPerSecond)} (limits.onDemandMaxWriteBytesPerSecond)`,
    );
  }
  const shards = Math.max(
    file.stream.shards ?? profile.onDemandInitialShards,
    warmThroughput === undefined ? 0 : warmThroughputShards(warmThroughput, profile),
  );
  if (retentionUs < profile.retentionMinUs || retentionUs > profile.retentionMaxUs) {
    const range = `between ${formatDurationUs(profile.retentionMinUs)} and ${formatDurationUs(profile.retentionMaxUs)}`;
    const path = ["stream", "retention"];
    if (file.stream.retention === undefined) {
      fail(path, `expected ${range}, got the profile default ${formatDurationUs(retentionUs)}`);
    }
    check(false, path, range);
  }

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

  const producers = file.producers.map((p, i) =>
    finalizeProducer(p, ["producers", i], profile, document, check, readTrace),
  );

  const consumers = file.consumers.map((c, i): ConsumerConfig => {
    // A KCL application reads by enhanced fan-out unless it says polling (kinesis-facts.md §3).
    const mode = c.mode ?? (c.kcl === undefined ? "polling" : "efo");
    const kcl = c.kcl === undefined ? undefined : finalizeKcl(c.kcl, ["consumers", i, "kcl"]);
    const start = finalizeConsumerStart(c, i, file.duration);
    if (mode === "efo") {
      for (const key of ["pollInterval", "maxRecords", "readBackoff"]) {
        if (rawAt(document, ["consumers", i, key]) !== undefined) {
          fail(
            ["consumers", i, key],
            "only for polling consumers (enhanced fan-out pushes records)",
          );
        }
      }
      return {
        name: c.name,
        mode: "efo",
        ...start,
        processing: {
          perRecord: c.processingTime,
          perBatch: c.batchProcessingTime,
          maxInFlight: c.maxInFlight ?? Number.MAX_SAFE_INTEGER,
        },
        parentPollIntervalUs: c.parentPollInterval,
        propagationDelayUs: c.propagationDelay ?? profile.efoPropagationDelayUs,
        ...(kcl === undefined ? {} : { kcl }),
      };
    }
    if (c.propagationDelay !== undefined) {
      fail(["consumers", i, "propagationDelay"], "only for enhanced fan-out consumers (mode: efo)");
    }
    const maxRecords = c.maxRecords ?? profile.getRecordsMaxRecords;
    check(
      maxRecords <= profile.getRecordsMaxRecords,
      ["consumers", i, "maxRecords"],
      `an integer between 1 and ${profile.getRecordsMaxRecords}`,
    );
    return {
      name: c.name,
      mode: "polling",
      // A KCL application polls at the KCL's idle time unless the file says otherwise.
      pollIntervalUs:
        kcl !== undefined && rawAt(document, ["consumers", i, "pollInterval"]) === undefined
          ? KCL_DEFAULTS.pollIntervalUs
          : c.pollInterval,
      ...start,
      maxRecords,
      processing: {
        perRecord: c.processingTime,
        perBatch: c.batchProcessingTime,
        // Without a bound of its own, a fetch holds what one GetRecords returns.
        maxInFlight: c.maxInFlight ?? Number.MAX_SAFE_INTEGER,
      },
      readBackoffUs: c.readBackoff,
      parentPollIntervalUs: c.parentPollInterval,
      ...(kcl === undefined ? {} : { kcl }),
    };
  });
  const efoConsumers = consumers.filter((c) => c.mode === "efo").length;
  // On-demand Advantage raises the enhanced fan-out consumers per stream (kinesis-facts.md §3).
  const advantage = file.stream.mode === "on-demand-advantage";
  const efoLimitField = advantage
    ? "onDemandAdvantageEfoMaxConsumersPerStream"
    : "efoMaxConsumersPerStream";
  if (efoConsumers > profile[efoLimitField]) {
    fail(
      ["consumers"],
      `${efoConsumers} enhanced fan-out consumers; a stream takes at most ${profile[efoLimitField]}${advantage ? " with On-demand Advantage" : ""} (limits.${efoLimitField})`,
    );
  }

  const consumerNames = new Set(consumers.map((c) => c.name));
  const events: EventConfig[] = file.events.map((e, i) => {
    check(
      e.atUs <= file.duration,
      ["events", i, "at"],
      `a time within the duration (${formatDurationUs(file.duration)})`,
    );
    if (
      (e.kind === "stopConsumer" || e.kind === "startConsumer") &&
      !consumerNames.has(e.consumer)
    ) {
      const known =
        consumers.length === 0
          ? "there are no consumers"
          : `consumers are ${consumers.map((c) => c.name).join(", ")}`;
      fail(["events", i, e.kind], `no consumer named ${previewValue(e.consumer)} (${known})`);
    }
    if (e.kind === "stopConsumer" || e.kind === "startConsumer") {
      const launchAtUs = consumers.find((c) => c.name === e.consumer)?.launchAtUs ?? 0;
      check(
        e.atUs >= launchAtUs,
        ["events", i, "at"],
        `a time at or after ${e.consumer}'s launchAt (${formatDurationUs(launchAtUs)})`,
      );
    }
    return e;
  });
  check(
    file.warmup < file.duration,
    ["warmup"],
    `a time before the end of the run (${formatDurationUs(file.duration)})`,
  );
  // Array.prototype.sort is stable: equal times keep their file order.
  events.sort((a, b) => a.atUs - b.atUs);
  checkOfferedVolume(file, producers);
  if (file.metricsResolution !== undefined) {
    const problem = metricsResolutionProblem(file.duration, file.metricsResolution, {
      shards,
      consumers: consumers.length,
    });
    if (problem !== undefined) fail(["metricsResolution"], problem);
  }

  return {
    name:
      file.name ?? (defaultName === undefined || defaultName === "" ? "experiment" : defaultName),
    ...(file.description === undefined ? {} : { description: file.description }),
    seed: file.seed,
    durationUs: file.duration,
    granularity: file.granularity,
    resolutionUs: file.resolution,
    metricsResolutionUs:
      file.metricsResolution ?? defaultMetricsResolutionUs(file.duration, shards),
    warmupUs: file.warmup,
    profile: file.profile,
    limits,
    stream: {
      mode: file.stream.mode,
      shards,
      // On-demand streams scale themselves; a policy is kept but unused, so that one file can
      // compare the two modes (`--vary stream.mode=provisioned,on-demand`).
      ...(file.stream.autoscaling === undefined ? {} : { autoscaling: file.stream.autoscaling }),
      ...(warmThroughput === undefined ? {} : { warmThroughputBytesPerSecond: warmThroughput }),
      retentionUs,
      limiter: file.stream.limiter,
      ...(file.stream.maxRecordSize === undefined
        ? {}
        : { maxRecordBytes: profile.maxRecordBytes }),
    },
    producers,
    consumers,
    events,
  };
}

/**
 * The profile with the stream's own max record size (`stream.maxRecordSize`, as
 * UpdateMaxRecordSize sets it: whole KiB from 1 MiB to 10 MiB, kinesis-facts.md §1).
 */
function streamProfile(
  profile: LimitsProfile,
  stream: ParsedExperimentFile["stream"],
  check: Check,
): LimitsProfile {
  const bytes = stream.maxRecordSize;
  const { updateMaxRecordSizeMinBytes: min, updateMaxRecordSizeMaxBytes: max } = profile;
  if (bytes !== undefined) {
    check(
      bytes >= min && bytes <= max && bytes % 1024 === 0,
      ["stream", "maxRecordSize"],
      `a whole number of KiB from ${formatBytes(min)} to ${formatBytes(max)} (UpdateMaxRecordSize's MaxRecordSizeInKiB)`,
    );
  }
  const withMax = bytes === undefined ? profile : { ...profile, maxRecordBytes: bytes };
  if (stream.limiter === "window" && withMax.maxRecordBytes > withMax.shardWriteBytesPerSecond) {
    fail(
      ["stream", "limiter"],
      `window admits at most ${formatBytes(withMax.shardWriteBytesPerSecond)} a second, so it cannot take a record of the stream's max record size (${formatBytes(withMax.maxRecordBytes)}); large records need limiter: bucket`,
    );
  }
  return withMax;
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

type Check = (ok: boolean, path: Path, what: string) => void;
type ParsedProducer = ParsedExperimentFile["producers"][number];

function finalizeProducer(
  p: ParsedProducer,
  at: Path,
  profile: LimitsProfile,
  document: unknown,
  check: Check,
  readTrace: TraceReader | undefined,
): ProducerConfig {
  const batchMaxRecords = p.batch.maxRecords ?? profile.putRecordsMaxRecords;
  check(
    batchMaxRecords <= profile.putRecordsMaxRecords,
    [...at, "batch", "maxRecords"],
    `an integer between 1 and ${profile.putRecordsMaxRecords}`,
  );
  const batchMaxBytes = p.batch.maxBytes ?? profile.putRecordsMaxBytes;
  check(
    batchMaxBytes >= 1 && batchMaxBytes <= profile.putRecordsMaxBytes,
    [...at, "batch", "maxBytes"],
    `a size between 1 B and ${formatBytes(profile.putRecordsMaxBytes)}`,
  );
  const keys = finalizeKeys(p.keys, [...at, "keys"], profile, check);
  const traffic = finalizeTraffic(p, at, profile, document, check, readTrace, keys);
  return {
    name: p.name,
    ...traffic,
    ...(p.bursts === undefined ? {} : { bursts: p.bursts }),
    api: p.api,
    batch: { maxRecords: batchMaxRecords, maxBytes: batchMaxBytes, lingerUs: p.batch.linger },
    retries: {
      max: p.retries.max,
      backoffUs: p.retries.backoff,
      maxBackoffUs: p.retries.maxBackoff,
    },
    ...(p.kpl === undefined
      ? {}
      : {
          kpl: {
            aggregation: p.kpl.aggregation,
            aggregationMaxCount: p.kpl.aggregationMaxCount,
            aggregationMaxSizeBytes: p.kpl.aggregationMaxSize,
            collectionMaxCount: p.kpl.collectionMaxCount,
            collectionMaxSizeBytes: p.kpl.collectionMaxSize,
            recordMaxBufferedTimeUs: p.kpl.recordMaxBufferedTime,
            recordTtlUs: p.kpl.recordTtl,
            rateLimitPercent: p.kpl.rateLimit,
            failIfThrottled: p.kpl.failIfThrottled,
            backoff: p.kpl.backoff,
          },
        }),
  };
}

/**
 * Where a producer's records come from: its rate, arrival, sizes and keys, or a replayed
 * trace or CloudWatch export in their place (then the settings it replaces are refused).
 */
function finalizeTraffic(
  p: ParsedProducer,
  at: Path,
  profile: LimitsProfile,
  document: unknown,
  check: Check,
  readTrace: TraceReader | undefined,
  keys: KeysConfig,
): Pick<ProducerConfig, "rate" | "arrival" | "recordSize" | "keys" | "trace"> {
  const refuse = (source: string, settings: readonly string[], because: string) => {
    for (const key of settings) {
      if (rawAt(document, [...at, key]) !== undefined)
        fail([...at, key], `not with ${source}: ${because}`);
    }
  };
  if (p.trace !== undefined) {
    refuse(
      "trace",
      ["cloudwatch", "rate", "arrival", "recordSize", "keys", "bursts"],
      "the trace gives the times, keys and sizes",
    );
    return replayRecordTrace(p.trace, [...at, "trace"], readTrace, profile);
  }
  if (p.cloudwatch !== undefined) {
    refuse(
      "cloudwatch",
      ["rate", "arrival", "recordSize"],
      "the export gives the rate and sizes (cloudwatch.within sets the arrivals)",
    );
    return replayCloudWatch(p.cloudwatch, keys, [...at, "cloudwatch"], readTrace, profile);
  }
  if (p.rate === undefined) fail([...at, "rate"], "required (or give trace or cloudwatch)");
  return {
    rate: p.rate,
    arrival: p.arrival,
    recordSize: finalizeRecordSize(
      p.recordSize,
      [...at, "recordSize"],
      profile,
      longestKeyBytes(keys),
      document,
      check,
      readTrace,
    ),
    keys,
  };
}

/**
 * A record's data blob and partition key together must fit the stream's max record size
 * (kinesis-facts.md §1), so sizes that could exceed it with the producer's longest key are
 * refused here, not throttled forever later. Only a log-normal without `max` is unbounded:
 * its rare records too large for the stream are dropped by the producer (oversize), but a
 * median too large is refused.
 */
function finalizeRecordSize(
  size: ParsedProducer["recordSize"],
  at: Path,
  profile: LimitsProfile,
  keyBytes: number,
  document: unknown,
  check: Check,
  readTrace: TraceReader | undefined,
): RecordSizeConfig {
  const isMapping = typeof rawAt(document, at) === "object";
  const dataLimit = profile.maxRecordBytes - keyBytes;
  const inRange = (bytes: number, key: string) => {
    const path = isMapping ? [...at, key] : at;
    check(bytes >= 1, path, "a size of at least 1 B");
    check(
      bytes <= dataLimit,
      path,
      `a size up to ${int(dataLimit)} B (the stream's max record size, ${formatBytes(profile.maxRecordBytes)}, counts the partition key too: up to ${keyBytes} B here; stream.maxRecordSize raises it up to ${formatBytes(profile.updateMaxRecordSizeMaxBytes)})`,
    );
  };
  switch (size.distribution) {
    case "fixed":
      inRange(size.size, "size");
      return { distribution: "fixed", bytes: size.size };
    case "uniform":
      inRange(size.min, "min");
      inRange(size.max, "max");
      check(size.min <= size.max, [...at, "min"], `a size at most max (${formatBytes(size.max)})`);
      return { distribution: "uniform", minBytes: size.min, maxBytes: size.max };
    case "lognormal": {
      inRange(size.median, "median");
      if (size.max === undefined) {
        return { distribution: "lognormal", medianBytes: size.median, sigma: size.sigma };
      }
      inRange(size.max, "max");
      check(
        size.median <= size.max,
        [...at, "median"],
        `a size at most max (${formatBytes(size.max)})`,
      );
      return {
        distribution: "lognormal",
        medianBytes: size.median,
        sigma: size.sigma,
        maxBytes: size.max,
      };
    }
    case "trace":
      return traceRecordSizes(size.file, size.format, at, readTrace, profile, keyBytes);
  }
}

function finalizeKeys(
  keys: ParsedProducer["keys"],
  at: Path,
  profile: LimitsProfile,
  check: Check,
): KeysConfig {
  const maxChars = profile.partitionKeyMaxChars;
  const length = (s: string) => Array.from(s).length;
  const keyFits = (key: string, path: Path) =>
    check(length(key) <= maxChars, path, `a key of 1 to ${maxChars} characters`);
  const prefixFits = (prefix: string, count: number) =>
    check(
      length(prefix) + String(count - 1).length <= maxChars,
      [...at, "prefix"],
      `a prefix short enough for keys of at most ${maxChars} characters`,
    );
  switch (keys.distribution) {
    case "uniform":
    case "zipf":
      prefixFits(keys.prefix, keys.cardinality);
      return keys;
    case "hotShare":
      check(
        keys.hotKeys <= keys.cardinality,
        [...at, "hotKeys"],
        `at most cardinality (${keys.cardinality})`,
      );
      prefixFits(keys.prefix, keys.cardinality);
      return keys;
    case "hot":
      keyFits(keys.key, [...at, "key"]);
      return keys;
    case "fixed":
      keys.keys.forEach((key, i) => {
        keyFits(key, [...at, "keys", i]);
      });
      return keys;
    case "explicitHashKey":
    case "timestamp":
      return keys;
  }
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
