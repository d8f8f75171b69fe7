import { createRateSource } from "../../../models/workload/create-rate-source.js";
import type { Spike } from "../../../models/workload/rate-modulation.js";
import type { ProducerConfig } from "./config-types.js";

/** A scheduled event as both the parsed file and the finalized config hold it. */
export interface ScheduledEvent {
  readonly kind: string;
  readonly atUs: number;
  readonly producer?: string;
  readonly factor?: number;
  readonly forUs?: number;
}

/** A spike event with its place in the `events:` list. */
export interface IndexedSpike {
  readonly index: number;
  readonly spike: Spike;
}

/** The spike events for one producer, with their place in the file's `events:`. */
export function spikesOf(events: readonly ScheduledEvent[], producer: string): IndexedSpike[] {
  return events.flatMap((event, index) =>
    event.kind === "spike" &&
    event.producer === producer &&
    event.factor !== undefined &&
    event.forUs !== undefined
      ? [{ index, spike: { atUs: event.atUs, forUs: event.forUs, factor: event.factor } }]
      : [],
  );
}

/** A producer's larger burst factor (bursts are random, so a bound assumes the worst). */
export function burstFactor(bursts: NonNullable<ProducerConfig["bursts"]>): number {
  return Math.max(bursts.onFactor, bursts.offFactor);
}

/**
 * Expected records a producer offers in a run of `durationUs`: its rate with its spikes
 * integrated, times its larger burst factor.
 */
export function expectedRecords(
  producer: ProducerConfig,
  events: readonly ScheduledEvent[],
  durationUs: number,
): number {
  const spikes = spikesOf(events, producer.name).map((s) => s.spike);
  const source = createRateSource(producer.rate, undefined, spikes, () => 0.5);
  const burst = producer.bursts === undefined ? 1 : burstFactor(producer.bursts);
  return source.expectedCount(0, durationUs) * burst;
}
