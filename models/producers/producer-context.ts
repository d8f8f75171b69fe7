import type { Random, RandomStreams } from "../../src/engine/random-streams.js";
import type { Simulation } from "../../src/engine/simulation.js";
import type { LimitsProfile } from "../limits/profile.js";
import type { Narrator } from "../narration/narrator.js";
import type { KinesisStream } from "../stream/kinesis-stream.js";

/** The run a producer works in, shared by the producer and its send paths (SDK, KPL). */
export interface ProducerContext {
  readonly simulation: Simulation;
  readonly random: RandomStreams;
  readonly stream: KinesisStream;
  readonly granularity: "segment" | "record";
  /** Segment mode: the shortest tick. */
  readonly resolutionUs: number;
  readonly profile: LimitsProfile;
  /** The end of the run: no arrival is drawn beyond it. */
  readonly horizonUs: number;
  /** Told about every put, retry and drop (`kinesim explain`). */
  readonly narrator?: Narrator | undefined;
  /**
   * Segment mode: a producer's records may go to shards in windows of ticks ending at
   * multiples of `lengthUs` (design.md §17), when the run allows them (windowed-writes.ts);
   * where they pay, or `always`. Undefined: tick by tick.
   */
  readonly windows?: { readonly lengthUs: number; readonly always: boolean } | undefined;
}

/**
 * The random stream `producer:<name>:<what>` (design.md §3): named per producer, so that a
 * producer draws the same numbers whichever other producers the run has.
 */
export function producerRandom(context: ProducerContext, producer: string, what: string): Random {
  return context.random.stream(`producer:${producer}:${what}`);
}
