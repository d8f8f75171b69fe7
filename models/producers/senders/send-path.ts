import type { Random } from "../../../src/engine/random-streams.js";
import type { Segment } from "../../shards/segment.js";
import type { ProducerContext } from "../producer-context.js";
import type { ProducerSettings, ProducerStats } from "../producer-settings.js";

/** Records to put again later: how many, which, after how long, and how. */
export interface PendingRetry {
  readonly records: number;
  readonly segments: readonly Segment[];
  readonly delayUs: number;
  /** The attempt that failed (1 = the first). */
  readonly attempt: number;
  readonly resend: () => void;
}

/** What a send path (the SDK's, the KPL's) needs of its producer. */
export interface SendPath {
  readonly context: ProducerContext;
  readonly settings: ProducerSettings;
  readonly stats: ProducerStats;
  readonly retryRandom: Random;
  /** Reroutes records whose shard closed since they were routed. */
  routeToOpenShards(segments: Segment[]): Segment[];
  /** Holds records for a retry (counted as held by the producer until then). */
  scheduleRetry(retry: PendingRetry): void;
}
