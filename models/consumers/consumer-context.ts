import type { RandomStreams } from "../../src/engine/random-streams.js";
import type { Simulation } from "../../src/engine/simulation.js";
import type { LimitsProfile } from "../limits/profile.js";
import type { Narrator } from "../narration/narrator.js";
import type { KinesisStream } from "../stream/kinesis-stream.js";

/** What every consumer application needs from the run. */
export interface ConsumerContext {
  readonly simulation: Simulation;
  readonly random: RandomStreams;
  readonly stream: KinesisStream;
  readonly profile: LimitsProfile;
  readonly metricsResolutionUs: number;
  readonly durationUs: number;
  /**
   * The run's granularity: enhanced fan-out pushes record by record in record-level runs and
   * carries segments in segment runs (design.md §4).
   */
  readonly granularity: "segment" | "record";
  /** Record-level runs check per-key delivery order. */
  readonly checkKeyOrder: boolean;
  /** Told about every read, throttled read and lease change (`kinesim explain`). */
  readonly narrator?: Narrator | undefined;
}
