import type { KeysConfig } from "../workload/keys/keys-config.js";
import type { BurstSettings } from "../workload/rate-modulation.js";
import type { RateConfig } from "../workload/rate-profile.js";
import type { RecordSizeConfig } from "../workload/record-size.js";
import type { KplSettings } from "./kpl/kpl-settings.js";
import type { RetrySettings } from "./retry-backoff.js";

/** PutRecords batching: a batch is sent when full or `lingerUs` after its first record. */
export interface BatchSettings {
  readonly maxRecords: number;
  readonly maxBytes: number;
  readonly lingerUs: number;
}

/**
 * A record trace to replay (`producers[].trace`), normalized: per record its time (already
 * scaled), its key (an index into the producer's empirical keys) and its data-blob size.
 * Typed arrays: a trace may hold millions of records.
 */
export interface TraceReplaySettings {
  readonly timesUs: Float64Array;
  readonly keyIndex: Uint32Array;
  readonly sizes: Float64Array;
  /** Copies sent per trace record on average: floor(v), plus one with probability v − floor(v). */
  readonly volumeScale: number;
  /** Start again this long after the trace's start, until the run ends. */
  readonly repeatEveryUs?: number;
}

/** An SDK-style producer, normalized from the experiment's `producers[]` entry. */
export interface ProducerSettings {
  readonly name: string;
  /** Records per second: a number, or a profile of steps and ramps over time. */
  readonly rate: RateConfig;
  readonly arrival: "poisson" | "constant";
  readonly recordSize: RecordSizeConfig;
  readonly keys: KeysConfig;
  readonly api: "putRecord" | "putRecords";
  readonly batch: BatchSettings;
  readonly retries: RetrySettings;
  /** On/off bursts multiplying the rate (a Markov-modulated Poisson process). */
  readonly bursts?: BurstSettings;
  /** Replay these records instead of drawing arrivals, keys and sizes. */
  readonly trace?: TraceReplaySettings;
  /** A KPL producer (aggregation, collection, client-side rate limit, RecordTtl). */
  readonly kpl?: KplSettings;
}

/** Counters of one producer, reported in the result. */
export class ProducerStats {
  /** Distinct records created (retries are not new records). */
  offered = 0;
  accepted = 0;
  /** Put attempts refused with ProvisionedThroughputExceeded, counting every retry. */
  throttledAttempts = 0;
  /** Records given up: after the last retry, or never sent because too large (`oversize`). */
  dropped = 0;
  /** Records larger than the stream's max record size, dropped before sending. */
  oversize = 0;
  /** Record re-sends. */
  retries = 0;
  /** PutRecord / PutRecords API calls. */
  putCalls = 0;
  /** Records waiting in a batch or for a retry right now. */
  pending = 0;
}
