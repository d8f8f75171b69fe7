/**
 * Experiment documents in the FILE format (what a user writes in YAML or JSON, see
 * `kinesim schema`): durations and sizes as strings (`"250ms"`, `"1KB"`), names as in the
 * README. These are the plain objects the arbitraries generate; `parseExperimentText(
 * JSON.stringify(document))` validates one into an ExperimentConfig. Types only: importing
 * this file costs nothing at run time and needs no fast-check.
 */

/** A duration string with a unit, e.g. `"250ms"`, `"30s"`, `"2m"`. */
export type DurationText = string;

/** A size: a number of bytes or a string with a unit, e.g. `"1KB"`, `"512B"`. */
export type SizeText = string | number;

export type KeyDistribution = "uniform" | "zipf" | "hot" | "hotShare" | "fixed";

/** A producer's `keys:` section. */
export type KeysDocument =
  | { distribution: "uniform"; cardinality: number; prefix?: string }
  | { distribution: "zipf"; cardinality: number; exponent: number; prefix?: string }
  | { distribution: "hot"; key?: string }
  | {
      distribution: "hotShare";
      share: number;
      hotKeys?: number;
      cardinality: number;
      prefix?: string;
    }
  | { distribution: "fixed"; keys: string[] };

/** One point of a rate profile: from `at` on, `rate` records/s (`ramp`: reached linearly). */
export interface RatePointDocument {
  at: DurationText;
  rate: number;
  ramp?: boolean;
}

export type RecordSizeDocument =
  | SizeText
  | { distribution: "fixed"; size: SizeText }
  | { distribution: "uniform"; min: SizeText; max: SizeText }
  | { distribution: "lognormal"; median: SizeText; sigma: number; max?: SizeText };

export type RetriesDocument =
  | false
  | 0
  | { max?: number; backoff?: DurationText; maxBackoff?: DurationText };

/** A `producers[]` entry. */
export interface WorkloadDocument {
  name: string;
  rate: number | RatePointDocument[];
  arrival?: "poisson" | "constant";
  recordSize?: RecordSizeDocument;
  keys?: KeysDocument;
  api?: "putRecord" | "putRecords";
  batch?: { maxRecords?: number; maxBytes?: SizeText; linger?: DurationText };
  retries?: RetriesDocument;
}

/** The `stream:` section. */
export interface StreamDocument {
  mode?: "provisioned" | "on-demand";
  shards?: number;
  retention?: DurationText;
  limiter?: "bucket" | "window";
}

/** A `consumers[]` entry (polling or enhanced fan-out; no KCL). */
export type ConsumerDocument =
  | {
      name: string;
      mode: "polling";
      pollInterval?: DurationText;
      startAt?: "LATEST" | "TRIM_HORIZON";
      maxRecords?: number;
      processingTime?: DurationText;
      parentPollInterval?: DurationText;
    }
  | {
      name: string;
      mode: "efo";
      startAt?: "LATEST" | "TRIM_HORIZON";
      processingTime?: DurationText;
      parentPollInterval?: DurationText;
    };

/** An `events[]` entry. */
export type EventDocument =
  | { at: DurationText; stopConsumer: string }
  | { at: DurationText; startConsumer: string }
  | { at: DurationText; split: string; newStartingHashKey?: string }
  | { at: DurationText; merge: [string, string] }
  | { at: DurationText; updateShardCount: number };

/** A whole experiment file. */
export interface ExperimentDocument {
  name?: string;
  seed?: number;
  duration: DurationText;
  granularity?: "segment" | "record";
  warmup?: DurationText;
  limits?: Record<string, number | string>;
  stream: StreamDocument;
  producers: WorkloadDocument[];
  consumers?: ConsumerDocument[];
  events?: EventDocument[];
}
