import * as z from "zod";
import { int } from "../../format/number-format.js";
import { MAX_OFFERED_RATE } from "./magnitude-bounds.js";
import { duration, expect, integer, positiveNumber, size, strict, text } from "./schema-fields.js";
import { keysSchema } from "./schema-keys.js";
import { FACTOR_BOUND_WORDS, nonNegativeFactor, positiveFactor } from "./schema-magnitudes.js";
import { rateSchema } from "./schema-rate.js";
import { cloudWatchSchema, recordSizeSchema, traceSchema } from "./schema-traffic.js";
import { parseDurationUs } from "./units.js";

export const DEFAULT_BACKOFF = "100ms";
export const DEFAULT_MAX_BACKOFF = "5s";

/** `batch:` PutRecords batching. */
export const batchSchema = strict({
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

/** `retries:` as a mapping. */
export const retriesObject = strict({
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

export const retriesSchema = z
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

/** A `producers[]` entry. */
export const producerSchema = strict({
  name: text().describe("Producer name (required), unique among producers."),
  rate: rateSchema
    .optional()
    .describe(
      `Offered records per second (required unless trace or cloudwatch is given): a number, "N/s", "N/min" or "N/h", a profile [{at: 0s, rate: 1000}, {at: 5m, rate: 3000, ramp: true}, …] of steps and ramps, {daily: {peak, trough, peakAt}}, or {hourly: [24 rates from 0h to 23h]}. At most ${int(MAX_OFFERED_RATE)} records/s, for all producers together at their peaks (bursts and spikes included), and at most 2^50 records in the whole run: what kinesim counts exactly.`,
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
    onFactor: positiveFactor().describe(
      `The rate is multiplied by this during a burst, ${FACTOR_BOUND_WORDS}.`,
    ),
    offFactor: nonNegativeFactor()
      .default(1)
      .describe(`…and by this between bursts, ${FACTOR_BOUND_WORDS}. Default 1.`),
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
    // Bounded by the profile's putRecordsMaxRecords, checked once `limits:` is applied
    // (finalize-producer.ts).
    collectionMaxCount: integer(1)
      .optional()
      .describe(
        "CollectionMaxCount: Kinesis records per PutRecords request, 1 to the profile's putRecordsMaxRecords (500). Default 500, the KPL's.",
      ),
    collectionMaxSize: size().prefault("5MiB").describe("CollectionMaxSize (size). Default 5MiB."),
    recordMaxBufferedTime: duration(true)
      .prefault("100ms")
      .describe(
        "RecordMaxBufferedTime: a shard's Kinesis record is sent when its oldest user record has waited this long (so it holds about 1 + rate per shard × this many). Default 100ms.",
      ),
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
