import { z } from "zod";
import { DEFAULT_PROFILE, type LimitsOverrides, PROFILES } from "../../models/limits/profile.js";
import { expectedMessage, unknownKeyMessage } from "./format-error.js";
import {
  DURATION_REGEX_SOURCE,
  parseDurationUs,
  parseSizeBytes,
  SIZE_REGEX_SOURCE,
} from "./units.js";

/**
 * The zod schema of the experiment FILE (what users write; see DESIGN.md "The experiment
 * file"). Objects are strict, durations become integer microseconds and sizes integer bytes.
 * Checks and defaults that depend on the limits profile (retention bounds, record and batch
 * sizes, GetRecords limits) and across entries (unique names, event targets) are done
 * afterwards by `finalizeExperiment` (finalize-experiment.ts), which yields ExperimentConfig.
 * Every key carries a description, so `experimentJsonSchema()` documents the format.
 */

/** A strict object whose unknown-key error suggests the closest known key. */
function strict<S extends z.ZodRawShape>(shape: S) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? unknownKeyMessage(issue.keys, known) : undefined,
  });
}

/** An error customizer that says `expected <what>, got <input>` (or `required`). */
function expect(what: string) {
  return { error: (issue: { input?: unknown }) => expectedMessage(what, issue.input) };
}

const DURATION_WORDS = 'a duration like "250ms" or "24h"';
const SIZE_WORDS = 'a size like "1KB", "512B" or "1MiB", or a number of bytes';

/** A duration string (or the number 0) → integer microseconds; `positive` rejects zero. */
function duration(positive: boolean) {
  const message = expect(DURATION_WORDS);
  return z
    .union([z.string().regex(new RegExp(DURATION_REGEX_SOURCE), message), z.literal(0)], message)
    .transform((value, ctx) => {
      try {
        const us = parseDurationUs(String(value));
        if (positive && us === 0)
          ctx.issues.push({
            code: "custom",
            input: value,
            message: expectedMessage("a duration above 0", value),
          });
        return us;
      } catch (error) {
        ctx.issues.push({ code: "custom", input: value, message: (error as Error).message });
        return z.NEVER;
      }
    });
}

/** A size string or a number of bytes → integer bytes (range checks come later). */
function size() {
  const message = expect(SIZE_WORDS);
  return z
    .union([z.string().regex(new RegExp(SIZE_REGEX_SOURCE), message), z.number(message)], message)
    .transform((value, ctx) => {
      try {
        return parseSizeBytes(value);
      } catch (error) {
        ctx.issues.push({ code: "custom", input: value, message: (error as Error).message });
        return z.NEVER;
      }
    });
}

function positiveNumber() {
  const message = expect("a positive number");
  return z.number(message).positive(message);
}

function integer(min: number, max?: number) {
  const message = expect(
    max === undefined ? `an integer ≥ ${min}` : `an integer between ${min} and ${max}`,
  );
  const base = z.number(message).int(message).min(min, message);
  return max === undefined ? base : base.max(max, message);
}

function text() {
  return z.string(expect("a string")).min(1, expect("a non-empty string"));
}

const DESCRIPTION_OF_LIMITS: Record<keyof LimitsOverrides, string> = {
  shardWriteBytesPerSecond: "Per-shard write bytes per second (size, e.g. 1MiB).",
  shardWriteRecordsPerSecond: "Per-shard write records per second.",
  ingressBucketDepthSeconds: "Ingress token-bucket depth, in seconds of capacity.",
  putRecordsMaxRecords: "Most records in one PutRecords request.",
  putRecordsMaxBytes: "Most bytes in one PutRecords request (size).",
  maxRecordBytes: "Largest record, data plus partition key (size).",
  partitionKeyMaxChars: "Longest partition key, in characters.",
  shardReadBytesPerSecond: "Per-shard read bytes per second shared by polling consumers (size).",
  shardReadCallsPerSecond: "GetRecords calls per second per shard, all consumers together.",
  getRecordsMaxRecords: "Most records one GetRecords call returns.",
  getRecordsMaxBytes: "Most bytes one GetRecords call returns (size).",
  getRecordsVisibilityDelayUs:
    "Delay before an accepted record is visible to GetRecords (duration, may be 0).",
  efoBytesPerSecond: "Enhanced fan-out push throughput per consumer per shard (size).",
  efoMaxConsumersPerStream: "Enhanced fan-out consumers a stream may register.",
  efoPropagationDelayUs: "Enhanced fan-out: delay from acceptance to push (duration).",
  efoSubscriptionUs: "Enhanced fan-out: how long a SubscribeToShard connection lasts (duration).",
  efoResubscribeGapUs:
    "Enhanced fan-out: pause while a subscription is renewed (duration, may be 0).",
  retentionDefaultUs: "Retention when stream.retention is not given (duration).",
  retentionMinUs: "Shortest allowed retention (duration).",
  retentionMaxUs: "Longest allowed retention (duration).",
  priceShardHourUsd: "Provisioned shard-hour price in USD.",
  pricePutPayloadUnitsPerMillionUsd: "USD per million PUT payload units.",
  putPayloadUnitBytes: "Size of one PUT payload unit (size).",
  priceExtendedRetentionShardHourUsd: "Extended-retention price per shard-hour in USD.",
  maxShardsPerStream: "Most shards a stream may have.",
  updateShardCountPer24h: "UpdateShardCount calls allowed per rolling 24 hours.",
  updateShardCountMaxFactor: "UpdateShardCount target at most this multiple of the open shards.",
  updateShardCountMinFactor: "UpdateShardCount target at least this fraction of the open shards.",
  splitMergeMinDelayUs: "Shortest time a split or merge keeps the stream UPDATING (duration).",
  splitMergeMaxDelayUs: "Longest time a split or merge keeps the stream UPDATING (duration).",
  updateShardCountMinDelayUs:
    "Shortest time UpdateShardCount keeps the stream UPDATING (duration).",
  updateShardCountMaxDelayUs: "Longest time UpdateShardCount keeps the stream UPDATING (duration).",
  updateShardCountUnevenDelayFactor:
    "Delay factor for an UpdateShardCount target that is not a multiple of 25 %.",
  onDemandInitialShards: "Shards of a new on-demand stream.",
  onDemandSplitBytesPerSecond:
    "On-demand: a shard writing more than this per second is split (size).",
  onDemandEvaluationUs: "On-demand: window over which shard write rates are measured (duration).",
  onDemandSplitMaxDelayUs:
    "On-demand: longest delay from deciding a split to the split (duration).",
  onDemandMaxWriteBytesPerSecond: "On-demand: most write bytes per second of a stream (size).",
  onDemandScaleDownBytesPerSecond:
    "On-demand: adjacent shards both below this write rate may be merged (size).",
  onDemandScaleDownAfterUs: "On-demand: how long both must stay below it (duration).",
  priceLongTermRetentionGbMonthUsd: "Long-term retention (beyond 7 days) per GB-month in USD.",
  priceEfoConsumerShardHourUsd: "Enhanced fan-out per consumer-shard-hour in USD.",
  priceEfoGbUsd: "Enhanced fan-out data per GB in USD.",
  priceOnDemandStreamHourUsd: "On-demand stream-hour in USD.",
  priceOnDemandInGbUsd: "On-demand data in per GB in USD.",
  onDemandInRoundingBytes: "On-demand ingest rounds each record up to this size (size).",
  priceOnDemandOutGbUsd: "On-demand data out per GB in USD.",
  priceOnDemandEfoOutGbUsd: "On-demand enhanced fan-out data out per GB in USD.",
  priceOnDemandExtendedRetentionGbMonthUsd: "On-demand extended retention per GB-month in USD.",
  hoursPerMonth: "Hours in a billing month for monthly figures.",
};

/** Field kinds follow their names: `…Us` durations, `…Bytes…` sizes, anything else numbers. */
function limitField(key: string) {
  if (key.endsWith("Us")) {
    return duration(key !== "getRecordsVisibilityDelayUs" && key !== "efoResubscribeGapUs");
  }
  if (key.includes("Bytes")) {
    return size().refine((bytes) => bytes > 0, expect("a size above 0"));
  }
  if (
    key.endsWith("MaxRecords") ||
    key.endsWith("MaxChars") ||
    key.endsWith("Shards") ||
    key.endsWith("PerStream") ||
    key.endsWith("ConsumersPerStream") ||
    key.endsWith("Per24h")
  ) {
    return integer(1);
  }
  return positiveNumber();
}

const limitsShape = Object.fromEntries(
  Object.entries(DESCRIPTION_OF_LIMITS).map(([key, description]) => [
    key,
    limitField(key).optional().describe(description),
  ]),
) as unknown as Record<keyof LimitsOverrides, z.ZodOptional<z.ZodType<number, unknown>>>;

const profileNames = Object.keys(PROFILES) as [string, ...string[]];

const fraction = () =>
  z
    .number(expect("a number between 0 and 1"))
    .gt(0, expect("a number between 0 and 1"))
    .max(1, expect("a number between 0 and 1"));

const autoscalingSchema = strict({
  targetUtilization: fraction()
    .default(0.6)
    .describe("Utilization a scaling action aims for. Default 0.6."),
  scaleOutAbove: fraction()
    .default(0.8)
    .describe("Scale out when write utilization stays above this. Default 0.8."),
  scaleOutAfter: duration(true).prefault("3m").describe("… for this long (duration). Default 3m."),
  scaleInBelow: fraction()
    .default(0.3)
    .describe("Scale in when write utilization stays below this. Default 0.3."),
  scaleInAfter: duration(true).prefault("30m").describe("… for this long (duration). Default 30m."),
  evaluationInterval: duration(true)
    .prefault("1m")
    .describe("How often utilization is measured. Default 1m."),
  minShards: integer(1, 10_000).default(1).describe("Never fewer shards. Default 1."),
  maxShards: integer(1, 10_000).default(10_000).describe("Never more shards. Default 10000."),
  cooldown: duration(false)
    .prefault("1h")
    .describe("After a rejected request, wait this long. Default 1h."),
}).transform((a) => ({
  targetUtilization: a.targetUtilization,
  scaleOutAbove: a.scaleOutAbove,
  scaleOutAfterUs: a.scaleOutAfter,
  scaleInBelow: a.scaleInBelow,
  scaleInAfterUs: a.scaleInAfter,
  evaluationUs: a.evaluationInterval,
  minShards: a.minShards,
  maxShards: a.maxShards,
  cooldownUs: a.cooldown,
}));

const streamSchema = strict({
  mode: z
    .enum(["provisioned", "on-demand"])
    .default("provisioned")
    .describe(
      "Capacity mode: provisioned (you choose and change the shards) or on-demand (the stream splits its shards as traffic grows). Default provisioned.",
    ),
  shards: integer(1, 10_000)
    .optional()
    .describe(
      "Number of shards, 1 to 10000: required for provisioned; on-demand starts with the profile's 4 unless given.",
    ),
  autoscaling: autoscalingSchema
    .optional()
    .describe(
      "A target-utilization policy that calls UpdateShardCount (provisioned streams; ignored by on-demand ones).",
    ),
  retention: duration(true)
    .optional()
    .describe(
      "How long records stay readable (duration). Default: the profile's 24h; allowed 24h to 8760h.",
    ),
  limiter: z
    .enum(["bucket", "window"])
    .default("bucket")
    .describe(
      "Ingress limiter: token buckets refilled continuously (bucket) or fixed one-second windows (window).",
    ),
});

function traceFormat() {
  return z
    .enum(["csv", "ndjson"])
    .optional()
    .describe("csv or ndjson. Default: from the file's extension.");
}

function scale(what: string) {
  return z
    .number(expect("a number above 0"))
    .positive(expect("a number above 0"))
    .default(1)
    .describe(what);
}

const traceSchema = strict({
  file: text().describe(
    "Record trace (required): CSV with a header, or NDJSON; columns time (seconds or ISO 8601), partitionKey and/or explicitHashKey, size (data bytes). Relative to the experiment file.",
  ),
  format: traceFormat(),
  timeScale: scale("Multiply the trace's times by this (0.5 plays it twice as fast). Default 1."),
  volumeScale: scale(
    "Send each trace record this many times on average (2 doubles the traffic with the same keys). Default 1.",
  ),
  repeat: z
    .boolean(expect("true or false"))
    .default(false)
    .describe("Start the trace again when it ends, until the run ends. Default false."),
});

const cloudWatchSchema = strict({
  file: text().describe(
    "CloudWatch export (required): CSV with Timestamp, IncomingRecords and IncomingBytes (Sum per period), optionally WriteProvisionedThroughputExceeded. Relative to the experiment file.",
  ),
  within: z
    .enum(["uniform", "poisson"])
    .default("poisson")
    .describe(
      "How a period's records are spread: uniform (evenly spaced, the exact count) or poisson (Poisson arrivals at the period's mean rate). Default poisson.",
    ),
  period: duration(true)
    .optional()
    .describe(
      "The metrics' period (duration). Default: the smallest gap between rows, 1m for one row.",
    ),
  timeScale: scale("Multiply the export's times by this (0.5 plays it twice as fast). Default 1."),
  volumeScale: scale("Multiply the records of every period by this. Default 1."),
});

const recordSizeObject = z.discriminatedUnion("distribution", [
  strict({
    distribution: z.literal("fixed").describe("Every record has the same size."),
    size: size().describe("Record size (size)."),
  }),
  strict({
    distribution: z.literal("uniform").describe("Sizes uniform between min and max."),
    min: size().describe("Smallest record (size)."),
    max: size().describe("Largest record (size), at least min."),
  }),
  strict({
    distribution: z.literal("lognormal").describe("Log-normal sizes, capped at max."),
    median: size().describe("Median record size (size)."),
    sigma: positiveNumber().describe("Standard deviation of the log of the size."),
    max: size().optional().describe("Cap (size). Default: the profile's largest record, 1 MiB."),
  }),
  strict({
    distribution: z
      .literal("trace")
      .describe("The sizes of a record trace file, each as often as it occurs there."),
    file: text().describe("Trace file (CSV or NDJSON), relative to the experiment file."),
    format: traceFormat(),
  }),
]);

const recordSizeSchema = z
  .union(
    [size(), recordSizeObject],
    expect(`${SIZE_WORDS}, or a mapping like {distribution: uniform, min: 100B, max: 2KB}`),
  )
  .transform((value) =>
    typeof value === "number" ? { distribution: "fixed" as const, size: value } : value,
  );

/** A processing time: a duration, or a distribution of durations. */
const durationDistributionSchema = z
  .union(
    [
      duration(false),
      z.discriminatedUnion("distribution", [
        strict({
          distribution: z.literal("uniform").describe("Uniform between min and max."),
          min: duration(false).describe("Shortest (duration)."),
          max: duration(false).describe("Longest (duration), at least min."),
        }),
        strict({
          distribution: z.literal("lognormal").describe("Log-normal around a median."),
          median: duration(true).describe("Median (duration)."),
          sigma: positiveNumber().describe("Standard deviation of the log."),
        }),
        strict({
          distribution: z.literal("exponential").describe("Exponential with a mean."),
          mean: duration(true).describe("Mean (duration)."),
        }),
      ]),
    ],
    expect('a duration like "2ms", or a mapping like {distribution: uniform, min: 1ms, max: 5ms}'),
  )
  .superRefine((value, ctx) => {
    if (typeof value === "object" && value.distribution === "uniform" && value.max < value.min) {
      ctx.addIssue({ code: "custom", message: "max must be at least min", path: ["max"] });
    }
  })
  .transform((value) => {
    if (typeof value === "number") return { distribution: "fixed" as const, us: value };
    switch (value.distribution) {
      case "uniform":
        return { distribution: "uniform" as const, minUs: value.min, maxUs: value.max };
      case "lognormal":
        return { distribution: "lognormal" as const, medianUs: value.median, sigma: value.sigma };
      case "exponential":
        return { distribution: "exponential" as const, meanUs: value.mean };
    }
  });

const cardinality = () => integer(1, 1e12).describe("Number of distinct keys, 1 to 1e12.");
const prefix = () =>
  z
    .string(expect("a string"))
    .default("key-")
    .describe('Key name prefix; key i is prefix + i. Default "key-".');

const keysSchema = z.discriminatedUnion("distribution", [
  strict({
    distribution: z.literal("uniform").describe("Every key equally likely."),
    cardinality: cardinality(),
    prefix: prefix(),
  }),
  strict({
    distribution: z.literal("zipf").describe("Key i (from 1) has weight 1 / i^exponent."),
    cardinality: cardinality(),
    exponent: positiveNumber().describe("Zipf exponent, above 0."),
    prefix: prefix(),
  }),
  strict({
    distribution: z.literal("hot").describe("Every record uses one key."),
    key: text().default("hot-key").describe('The key. Default "hot-key".'),
  }),
  strict({
    distribution: z
      .literal("hotShare")
      .describe("A share of the records go to a few hot keys, the rest spread uniformly."),
    share: positiveNumber()
      .max(1, expect("a number in (0, 1]"))
      .describe("Fraction of records on the hot keys, in (0, 1]."),
    hotKeys: integer(1).default(1).describe("Number of hot keys. Default 1."),
    cardinality: cardinality(),
    prefix: prefix(),
  }),
  strict({
    distribution: z.literal("fixed").describe("Keys drawn uniformly from an explicit list."),
    keys: z
      .array(text(), expect("a list of keys"))
      .min(1, expect("at least one key"))
      .describe("The keys."),
  }),
  strict({
    distribution: z
      .literal("explicitHashKey")
      .describe(
        "Records carry an ExplicitHashKey drawn uniformly from a range (not the key's MD5).",
      ),
    range: z
      .tuple([hashKeyText(), hashKeyText()], expect("[first, last] decimal hash keys"))
      .refine(([first, last]) => BigInt(first) <= BigInt(last), expect("first ≤ last"))
      .optional()
      .describe("Inclusive range of hash keys. Default: the whole key space."),
  }),
  strict({
    distribution: z
      .literal("timestamp")
      .describe(
        "Each record's partition key is its creation time (monotonically increasing keys).",
      ),
    resolution: duration(true).prefault("1ms").describe("Timestamp resolution. Default 1ms."),
  }).transform((t) => ({ distribution: "timestamp" as const, resolutionUs: t.resolution })),
]);

/** A decimal 128-bit hash key. */
function hashKeyText() {
  return z
    .string(expect("a decimal hash key"))
    .regex(/^\d{1,39}$/, expect("a decimal hash key"))
    .refine((key) => BigInt(key) < 2n ** 128n, expect("a hash key below 2^128"));
}

const DEFAULT_BACKOFF = "100ms";
const DEFAULT_MAX_BACKOFF = "5s";

const batchSchema = strict({
  maxRecords: integer(1)
    .optional()
    .describe("Most records per PutRecords request. Default and upper bound: the profile's 500."),
  maxBytes: size()
    .optional()
    .describe(
      "Most bytes per PutRecords request (size). Default and upper bound: the profile's 10 MiB.",
    ),
  linger: duration(false)
    .prefault("100ms")
    .describe("Longest a record waits for its batch to fill (duration). Default 100ms."),
});

const retriesObject = strict({
  max: integer(0)
    .default(3)
    .describe("Retries after the first attempt; 0 drops a throttled record at once. Default 3."),
  backoff: duration(false)
    .prefault(DEFAULT_BACKOFF)
    .describe("Base backoff (duration); attempt k waits up to backoff·2^(k−1). Default 100ms."),
  maxBackoff: duration(false)
    .prefault(DEFAULT_MAX_BACKOFF)
    .describe("Backoff cap (duration). Default 5s."),
});

const retriesSchema = z
  .union(
    [z.literal(false), z.literal(0), retriesObject],
    expect("false, 0, or a mapping like {max: 3, backoff: 100ms}"),
  )
  .transform((value) =>
    value === false || value === 0
      ? {
          max: 0,
          backoff: parseDurationUs(DEFAULT_BACKOFF),
          maxBackoff: parseDurationUs(DEFAULT_MAX_BACKOFF),
        }
      : value,
  );

/** A point of a rate profile: from `at` on, `rate` records/s (`ramp: true`: reached linearly). */
/** A rate: records per second as a number, or text "N/s" or "N/min". */
function rateValue(positive: boolean) {
  const words = positive ? "a positive number" : "a number ≥ 0";
  const message = expect(words);
  return z
    .union(
      [z.number(message), z.string(message).regex(/^\s*\d+(\.\d+)?\s*\/\s*(s|min)\s*$/, message)],
      message,
    )
    .transform((value) => {
      if (typeof value === "number") return value;
      const [amount, unit] = value.split("/").map((part) => part.trim());
      return unit === "min" ? Number(amount) / 60 : Number(amount);
    })
    .refine((rate) => Number.isFinite(rate) && (positive ? rate > 0 : rate >= 0), message);
}

const ratePointSchema = strict({
  at: duration(false).describe("When this rate applies (duration from the start)."),
  rate: rateValue(false).describe('Records per second from then on (or "N/min").'),
  ramp: z
    .boolean(expect("true or false"))
    .optional()
    .describe("Reach this rate by a straight ramp from the previous point (default: a step)."),
}).transform((point) => ({
  atUs: point.at,
  rate: point.rate,
  ...(point.ramp ? { ramp: true } : {}),
}));

const dailyRateSchema = strict({
  daily: strict({
    peak: rateValue(false).describe("Records per second at the daily peak."),
    trough: rateValue(false).describe("Records per second twelve hours from the peak."),
    peakAt: duration(false).prefault("14h").describe("Time of day of the peak. Default 14h."),
  })
    .transform((d) => ({ peak: d.peak, trough: d.trough, peakAtUs: d.peakAt }))
    .describe("A daily curve: trough at night, peak at peakAt each day (cosine)."),
});

const rateSchema = z
  .union(
    [
      rateValue(true),
      z.array(ratePointSchema).min(1, expect("at least one { at, rate } point")),
      dailyRateSchema,
    ],
    expect("a positive number, a list of { at, rate } points, or { daily: { peak, trough } }"),
  )
  .superRefine((rate, ctx) => {
    if (typeof rate === "number" || !Array.isArray(rate)) return;
    if (rate[0]?.atUs !== 0)
      ctx.addIssue({ code: "custom", message: "the first point must be at 0s", path: [0, "at"] });
    rate.forEach((point, i) => {
      if (i > 0 && point.atUs <= (rate[i - 1]?.atUs ?? 0)) {
        ctx.addIssue({
          code: "custom",
          message: "points must be in increasing time order",
          path: [i, "at"],
        });
      }
    });
    if (rate.every((point) => point.rate === 0)) {
      ctx.addIssue({ code: "custom", message: "at least one point needs a rate above 0" });
    }
  });

const producerSchema = strict({
  name: text().describe("Producer name (required), unique among producers."),
  rate: rateSchema
    .optional()
    .describe(
      'Offered records per second (required unless trace or cloudwatch is given): a number or "N/min", a profile [{at: 0s, rate: 1000}, {at: 5m, rate: 3000, ramp: true}, …] of steps and ramps, or {daily: {peak, trough, peakAt}}.',
    ),
  trace: traceSchema
    .optional()
    .describe(
      "Replay a record trace instead of drawing records: its times, keys and sizes (no rate, keys, recordSize, arrival or bursts).",
    ),
  cloudwatch: cloudWatchSchema
    .optional()
    .describe(
      "Replay a CloudWatch export of per-period IncomingRecords and IncomingBytes: the rate and record sizes come from it (no rate, recordSize or arrival); keys are drawn from keys:.",
    ),
  bursts: strict({
    meanOn: duration(true).describe("Mean length of a burst (exponential)."),
    meanOff: duration(true).describe("Mean time between bursts (exponential)."),
    onFactor: positiveNumber().describe("The rate is multiplied by this during a burst."),
    offFactor: z
      .number(expect("a number ≥ 0"))
      .min(0, expect("a number ≥ 0"))
      .default(1)
      .describe("…and by this between bursts. Default 1."),
  })
    .transform((b) => ({
      meanOnUs: b.meanOn,
      meanOffUs: b.meanOff,
      onFactor: b.onFactor,
      offFactor: b.offFactor,
    }))
    .optional()
    .describe("On/off bursts: a two-state Markov-modulated Poisson process on top of the rate."),
  arrival: z
    .enum(["poisson", "constant"])
    .default("poisson")
    .describe("Arrival process: poisson or constant spacing. Default poisson."),
  recordSize: recordSizeSchema
    .prefault("1KB")
    .describe("Record size: a size (fixed) or a distribution. Default 1KB."),
  keys: keysSchema
    .prefault({ distribution: "uniform", cardinality: 1000 })
    .describe("Partition-key distribution. Default {distribution: uniform, cardinality: 1000}."),
  api: z
    .enum(["putRecord", "putRecords"])
    .default("putRecords")
    .describe("Write API: one record per call, or batches. Default putRecords."),
  batch: batchSchema.prefault({}).describe("PutRecords batching."),
  retries: retriesSchema
    .prefault({})
    .describe("Retry policy for throttled records; false or 0 means no retries."),
  kpl: strict({
    aggregation: z
      .boolean(expect("true or false"))
      .default(true)
      .describe("AggregationEnabled. Default true."),
    aggregationMaxCount: integer(1)
      .default(4_294_967_295)
      .describe("AggregationMaxCount. Default 4294967295."),
    aggregationMaxSize: size()
      .prefault("50KiB")
      .describe("AggregationMaxSize (size). Default 50KiB."),
    collectionMaxCount: integer(1, 500)
      .default(500)
      .describe("CollectionMaxCount, 1 to 500. Default 500."),
    collectionMaxSize: size().prefault("5MiB").describe("CollectionMaxSize (size). Default 5MiB."),
    recordMaxBufferedTime: duration(true)
      .prefault("100ms")
      .describe("RecordMaxBufferedTime. Default 100ms."),
    recordTtl: duration(true)
      .prefault("30s")
      .describe("RecordTtl: records older fail as Expired. Default 30s."),
    rateLimit: positiveNumber()
      .default(150)
      .describe("RateLimit, % of a shard's limits. Default 150."),
    failIfThrottled: z
      .boolean(expect("true or false"))
      .default(false)
      .describe("FailIfThrottled. Default false."),
    backoff: z
      .enum(["none", "exponential"])
      .default("none")
      .describe(
        "Retries: none (the KPL's: after RecordMaxBufferedTime ÷ 2) or exponential (retries:). Default none.",
      ),
  })
    .optional()
    .describe(
      "Send through the Kinesis Producer Library: aggregation, collection, client-side rate limit, RecordTtl.",
    ),
});

const consumerSchema = strict({
  name: text().describe("Consumer application name (required), unique among consumers."),
  mode: z
    .enum(["polling", "efo"])
    .default("polling")
    .describe(
      "polling: GetRecords on the shard's shared 2 MiB/s; efo: enhanced fan-out, pushed records on a dedicated 2 MiB/s per shard. Default polling.",
    ),
  propagationDelay: duration(false)
    .optional()
    .describe("efo only: delay from acceptance to push. Default: the profile's 70ms."),
  pollInterval: duration(true)
    .prefault("1s")
    .describe("Time between GetRecords calls per shard (duration). Default 1s."),
  startAt: z
    .enum(["LATEST", "TRIM_HORIZON"])
    .default("LATEST")
    .describe("Where reading starts. Default LATEST."),
  maxRecords: integer(1)
    .optional()
    .describe("Limit per GetRecords call. Default and upper bound: the profile's 10000."),
  processingTime: durationDistributionSchema
    .prefault("0s")
    .describe(
      "Processing time per record: a duration or a distribution ({distribution: uniform|lognormal|exponential, …}). Default 0s.",
    ),
  batchProcessingTime: durationDistributionSchema
    .prefault("0s")
    .describe(
      "Processing time per fetched batch (GetRecords response or push), on top. Default 0s.",
    ),
  maxInFlight: integer(1)
    .optional()
    .describe(
      "Most records fetched but not yet processed, per shard: a fetch takes no more. Default: maxRecords (polling), no bound (efo).",
    ),
  readBackoff: duration(true)
    .prefault("1s")
    .describe("Wait after a throttled GetRecords (duration). Default 1s."),
  kcl: strict({
    workers: integer(1, 1000).describe("Worker processes sharing the shards (required)."),
    failoverTime: duration(true)
      .prefault("10s")
      .describe("A lease not renewed for this long is expired (failoverTimeMillis). Default 10s."),
    renewalInterval: duration(true)
      .optional()
      .describe("How often a worker renews its leases. Default failoverTime ÷ 3 − 25ms."),
    takingInterval: duration(true)
      .optional()
      .describe(
        "How often a worker runs its lease-taking pass. Default 2 × (failoverTime + 25ms).",
      ),
    maxLeasesToSteal: integer(1)
      .default(1)
      .describe("Leases a worker may steal in one pass. Default 1."),
    checkpoint: strict({
      everyRecords: integer(1).optional().describe("Checkpoint after this many records."),
      every: duration(true).optional().describe("…or after this long (duration)."),
    })
      .optional()
      .describe("When workers checkpoint. Default: after every processed batch."),
  })
    .optional()
    .describe(
      "A KCL application (polling): workers share the shards through leases, fail over and rebalance; records after the last checkpoint are delivered again.",
    ),
  parentPollInterval: duration(true)
    .prefault("10s")
    .describe(
      "After a reshard: how often a child shard's reader checks that its parents are read to their ends (the KCL's parentShardPollIntervalMillis). Default 10s.",
    ),
});

const SHARD_ID = /^shardId-\d{12}$/;

function shardId() {
  return z
    .string(expect('a shard id like "shardId-000000000003"'))
    .regex(SHARD_ID, expect('a shard id like "shardId-000000000003"'));
}

/** The event kinds, exactly one of which an event names. */
const EVENT_KINDS = [
  "stopConsumer",
  "startConsumer",
  "stopWorker",
  "startWorker",
  "spike",
  "split",
  "merge",
  "updateShardCount",
] as const;

const eventSchema = strict({
  at: duration(false).describe(
    "When the event happens (duration from the start), at most the experiment duration.",
  ),
  stopConsumer: text().optional().describe("Stop the named consumer."),
  startConsumer: text().optional().describe("Start (or restart) the named consumer."),
  stopWorker: z
    .string(expect('"consumer/worker", e.g. "analytics/2"'))
    .regex(/^.+\/\d+$/, expect('"consumer/worker", e.g. "analytics/2"'))
    .optional()
    .describe('Stop a KCL worker: "consumer/N" (workers are numbered from 1).'),
  startWorker: z
    .string(expect('"consumer/worker", e.g. "analytics/2"'))
    .regex(/^.+\/\d+$/, expect('"consumer/worker", e.g. "analytics/2"'))
    .optional()
    .describe('Start (or restart) a KCL worker: "consumer/N".'),
  spike: text().optional().describe("Multiply the named producer's rate by `factor` for `for`."),
  factor: positiveNumber().optional().describe("With spike: the rate multiplier."),
  for: duration(true).optional().describe("With spike: how long the spike lasts."),
  split: shardId().optional().describe("SplitShard: split this open shard."),
  newStartingHashKey: z
    .string(expect("a decimal hash key"))
    .regex(/^\d{1,39}$/, expect("a decimal hash key"))
    .refine((key) => BigInt(key) < 2n ** 128n, expect("a hash key below 2^128"))
    .optional()
    .describe(
      "With split: where the second child starts (decimal). Default: the middle of the range.",
    ),
  merge: z
    .tuple([shardId(), shardId()], expect("two shard ids"))
    .refine(([a, b]) => a !== b, expect("two different shard ids"))
    .optional()
    .describe("MergeShards: merge these two adjacent open shards."),
  updateShardCount: integer(1)
    .optional()
    .describe("UpdateShardCount (uniform scaling) to this many shards."),
})
  .meta({ oneOf: EVENT_KINDS.map((kind) => ({ required: [kind] })) })
  .transform((event, ctx) => {
    const given = EVENT_KINDS.filter((kind) => event[kind] !== undefined);
    if (given.length !== 1) {
      ctx.issues.push({
        code: "custom",
        input: event,
        message: `expected exactly one of ${EVENT_KINDS.join(", ")}, got ${given.length === 0 ? "none" : given.join(" and ")}`,
      });
      return z.NEVER;
    }
    if ((event.factor !== undefined || event.for !== undefined) !== (event.spike !== undefined)) {
      ctx.issues.push({ code: "custom", input: event, message: "spike goes with factor and for" });
      return z.NEVER;
    }
    if (event.spike !== undefined && (event.factor === undefined || event.for === undefined)) {
      ctx.issues.push({ code: "custom", input: event, message: "spike needs factor and for" });
      return z.NEVER;
    }
    if (event.newStartingHashKey !== undefined && event.split === undefined) {
      ctx.issues.push({
        code: "custom",
        input: event,
        message: "newStartingHashKey goes with split",
      });
      return z.NEVER;
    }
    const atUs = event.at;
    if (event.spike !== undefined) {
      return {
        atUs,
        kind: "spike" as const,
        producer: event.spike,
        factor: event.factor as number,
        forUs: event.for as number,
      };
    }
    if (event.stopConsumer !== undefined)
      return { atUs, kind: "stopConsumer" as const, consumer: event.stopConsumer };
    for (const kind of ["stopWorker", "startWorker"] as const) {
      const target = event[kind];
      if (target !== undefined) {
        const slash = target.lastIndexOf("/");
        return {
          atUs,
          kind,
          consumer: target.slice(0, slash),
          worker: Number(target.slice(slash + 1)),
        };
      }
    }
    if (event.startConsumer !== undefined)
      return { atUs, kind: "startConsumer" as const, consumer: event.startConsumer };
    if (event.split !== undefined) {
      return {
        atUs,
        kind: "split" as const,
        shardId: event.split,
        ...(event.newStartingHashKey === undefined
          ? {}
          : { newStartingHashKey: event.newStartingHashKey }),
      };
    }
    if (event.merge !== undefined) return { atUs, kind: "merge" as const, shardIds: event.merge };
    return { atUs, kind: "updateShardCount" as const, target: event.updateShardCount as number };
  });

/** The experiment file: parse a YAML/JSON document with it, then `finalizeExperiment`. */
export const experimentFileSchema = strict({
  name: text()
    .optional()
    .describe("Experiment name, echoed in results. Default: the file name without extension."),
  description: z
    .string(expect("a string"))
    .optional()
    .describe("Free text: what the experiment shows."),
  seed: integer(0)
    .default(1)
    .describe("Random seed; same file and seed give the same output. Default 1."),
  duration: duration(true).describe('Simulated time to run (required), e.g. "10m".'),
  granularity: z
    .enum(["segment", "record"])
    .default("segment")
    .describe(
      "segment: fast aggregated flow; record: one segment per record, for tests and traces. Default segment.",
    ),
  resolution: duration(true)
    .prefault("10ms")
    .describe("Segment-mode tick: how often producers hand shards their records. Default 10ms."),
  metricsResolution: duration(true)
    .optional()
    .describe(
      "Bucket width of the per-shard time series. Default 1s, or for long runs the first of 10s, 1m, 10m, 1h that keeps a series within 10,000 intervals.",
    ),
  warmup: duration(false)
    .prefault("0s")
    .describe(
      "Statistics (throttle rate, latency, lag, peaks) ignore everything before this time; record counts cover the whole run. Default 0s.",
    ),
  profile: z
    .enum(profileNames)
    .default(DEFAULT_PROFILE.name)
    .describe(`Limits profile. Default ${DEFAULT_PROFILE.name}.`),
  limits: strict(limitsShape)
    .optional()
    .describe("Overrides of limits-profile fields (Kinesis quotas, prices)."),
  stream: streamSchema.describe("The stream (required)."),
  producers: z
    .array(producerSchema, expect("a list of producers"))
    .min(1, expect("at least one producer"))
    .describe("Producer applications (at least one)."),
  consumers: z
    .array(consumerSchema, expect("a list of consumers"))
    .default([])
    .describe("Consumer applications. Default none."),
  events: z
    .array(eventSchema, expect("a list of events"))
    .default([])
    .describe(
      "Scheduled operations: {at, stopConsumer|startConsumer: name}, {at, split: shardId, newStartingHashKey?}, {at, merge: [shardId, shardId]}, {at, updateShardCount: N}. Default none.",
    ),
});

/** What `experimentFileSchema` yields: durations and sizes converted, profile defaults still open. */
export type ParsedExperimentFile = z.output<typeof experimentFileSchema>;
