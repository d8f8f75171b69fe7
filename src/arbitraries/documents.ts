/**
 * Experiment documents in the FILE format (what a user writes in YAML or JSON, see
 * `kinesim schema`): durations and sizes as strings (`"250ms"`, `"1KB"`), names as in the
 * README. Each type is the INPUT of the zod schema that validates that section, so the format
 * is described once (the schema) and a new key appears here by itself. The arbitraries
 * generate a subset of these documents; `parseExperimentText(JSON.stringify(document))`
 * validates one into an ExperimentConfig. Types only (`import type`): importing this file costs
 * nothing at run time and needs neither zod nor fast-check.
 */
import type { z } from "zod";
import type { experimentFileSchema } from "../experiment/config/schema.js";
import type { consumerSchema } from "../experiment/config/schema-consumers.js";
import type { eventSchema } from "../experiment/config/schema-events.js";
import type { keysSchema } from "../experiment/config/schema-keys.js";
import type { producerSchema, retriesSchema } from "../experiment/config/schema-producers.js";
import type { ratePointSchema } from "../experiment/config/schema-rate.js";
import type { streamSchema } from "../experiment/config/schema-stream.js";
import type { recordSizeSchema } from "../experiment/config/schema-traffic.js";

/** A duration string with a unit, e.g. `"250ms"`, `"30s"`, `"2m"`. */
export type DurationText = string;

/** A size: a number of bytes or a string with a unit, e.g. `"1KB"`, `"512B"`. */
export type SizeText = string | number;

/** A producer's `keys:` section. */
export type KeysDocument = z.input<typeof keysSchema>;

/** The key distributions the arbitraries generate (the format has more). */
export type KeyDistribution = Extract<
  KeysDocument["distribution"],
  "uniform" | "zipf" | "hot" | "hotShare" | "fixed"
>;

/** One point of a rate profile: from `at` on, `rate` records/s (`ramp`: reached linearly). */
export type RatePointDocument = z.input<typeof ratePointSchema>;

/** `recordSize:` a size, or a distribution of sizes. */
export type RecordSizeDocument = z.input<typeof recordSizeSchema>;

/** `retries:` false, 0, or a mapping. */
export type RetriesDocument = z.input<typeof retriesSchema>;

/** A `producers[]` entry. */
export type WorkloadDocument = z.input<typeof producerSchema>;

/** The `stream:` section. */
export type StreamDocument = z.input<typeof streamSchema>;

/** A `consumers[]` entry. */
export type ConsumerDocument = z.input<typeof consumerSchema>;

/** An `events[]` entry. */
export type EventDocument = z.input<typeof eventSchema>;

/** A whole experiment file. */
export type ExperimentDocument = z.input<typeof experimentFileSchema>;
