import * as z from "zod";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import { expectedMessage } from "./format-error.js";
import { consumerSchema } from "./schema-consumers.js";
import { eventSchema } from "./schema-events.js";
import { duration, expect, integer, strict, text } from "./schema-fields.js";
import { limitsShape, profileNames } from "./schema-limits.js";
import { producerSchema } from "./schema-producers.js";
import { streamSchema } from "./schema-stream.js";
import { parseStartTime, START_TIME_WORDS } from "./start-time.js";

/**
 * The zod schema of the experiment FILE (what users write; see design.md §13, "The experiment
 * file"). Objects are strict, durations become integer microseconds and sizes integer bytes.
 * Checks and defaults that depend on the limits profile (retention bounds, record and batch
 * sizes, GetRecords limits) and across entries (unique names, event targets) are done
 * afterwards by `finalizeExperiment` (finalize-experiment.ts), which yields ExperimentConfig.
 * Every key carries a description, so `experimentJsonSchema()` documents the format.
 *
 * The sections live in files of their own: schema-fields.ts (the building blocks),
 * schema-limits.ts, schema-stream.ts, schema-producers.ts, schema-consumers.ts and
 * schema-events.ts.
 */

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
      "Bucket width of the per-shard time series. Default 1s, or for long runs the first of 10s, 1m, 10m, 1h that keeps a series within 10,000 intervals. At most 1,000,000 time-series points: intervals × (shards + consumers).",
    ),
  startTime: z
    .string(expect(START_TIME_WORDS))
    .refine((text) => parseStartTime(text) !== undefined, {
      error: (issue) => expectedMessage(START_TIME_WORDS, issue.input),
    })
    .optional()
    .describe(
      "The wall-clock time (UTC) the run's time 0 stands for, e.g. \"2026-03-01T00:00:00Z\": the report's time axes then show UTC clock times instead of time into the run. Default none.",
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
