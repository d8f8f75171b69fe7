import { isOnDemand } from "../../../models/stream/capacity-mode.js";
import type { ExperimentConfig } from "../config/config-types.js";

/** Windows never span more than a second: the metrics' peaks are per second. */
const SECOND_US = 1_000_000;

/**
 * The window length for writing a run's records in windows of ticks (design.md §17), or
 * undefined when the run writes tick by tick. Windows hold the records of one plain-SDK
 * producer of Poisson arrivals and one record size, into a provisioned stream whose shards
 * never change and use the bucket limiter. An enhanced fan-out application is pushed each
 * tick's records: its shards' windows draw their ticks one by one and tell it of each
 * (ShardWindow.tellTicks), which still spares the ticks' puts. A narrated run
 * (`kinesim explain`) hears of every put, so it writes tick by tick. A window ends at a
 * multiple of the returned length, which divides both a second and the metrics interval,
 * so that each window's records count in one second and one interval.
 */
export function windowLengthUs(config: ExperimentConfig, narrated: boolean): number | undefined {
  if (narrated || config.granularity !== "segment") return undefined;
  const { stream } = config;
  if (stream.limiter !== "bucket" || isOnDemand(stream.mode) || stream.autoscaling !== undefined) {
    return undefined;
  }
  const reshards = config.events.some(
    (event) =>
      event.kind === "split" || event.kind === "merge" || event.kind === "updateShardCount",
  );
  if (reshards) return undefined;
  if (config.producers.length !== 1) return undefined;
  const [producer] = config.producers;
  if (
    producer === undefined ||
    producer.kpl !== undefined ||
    producer.trace !== undefined ||
    producer.bursts !== undefined ||
    producer.arrival !== "poisson" ||
    producer.recordSize.distribution !== "fixed"
  ) {
    return undefined;
  }
  return greatestCommonDivisor(SECOND_US, config.metricsResolutionUs);
}

function greatestCommonDivisor(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}
