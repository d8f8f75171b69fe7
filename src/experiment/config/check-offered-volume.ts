import type { Spike } from "../../../models/workload/rate-modulation.js";
import type { RateConfig } from "../../../models/workload/rate-profile.js";
import { int } from "../../format/number-format.js";
import type { ProducerConfig } from "./config-types.js";
import { burstFactor, expectedRecords, type IndexedSpike, spikesOf } from "./expected-records.js";
import { failAt as fail } from "./format-error.js";
import { MAX_OFFERED_RATE, MAX_RUN_RECORDS } from "./magnitude-bounds.js";
import type { ParsedExperimentFile } from "./schema.js";
import { formatDurationUs } from "./units.js";

type Path = readonly PropertyKey[];

/**
 * Each rate and factor is bounded on its own (schema-magnitudes.ts), but their product is
 * what the engine counts: a rate of 1e9 with bursts of 1e9, a CloudWatch row of 1e15 records,
 * several producers at their peaks, or a modest rate over a very long run. This refuses, with
 * one line naming the field to change, an experiment whose offered records per second (all
 * producers at their peaks) pass {@link MAX_OFFERED_RATE} or whose run offers more records
 * than {@link MAX_RUN_RECORDS}, the counts the engine keeps exactly.
 */
export function checkOfferedVolume(
  file: ParsedExperimentFile,
  producers: readonly ProducerConfig[],
): void {
  const peaks = producers.map((producer, i) => {
    const spikes = spikesOf(file.events, producer.name);
    const base = maxRate(producer.rate);
    const burst = producer.bursts === undefined ? 1 : burstFactor(producer.bursts);
    const spike = peakSpikeFactor(spikes.map((s) => s.spike));
    const peak = base * burst * spike;
    if (peak > MAX_OFFERED_RATE) {
      fail(
        culprit(file, i, base, base * burst, spikes),
        `producer ${producer.name} would offer up to ${magnitude(peak)} records/s at its peak (rate ${magnitude(base)} × bursts ${magnitude(burst)} × spikes ${magnitude(spike)}); kinesim counts at most ${int(MAX_OFFERED_RATE)} records/s exactly`,
      );
    }
    return peak;
  });
  const together = peaks.reduce((sum, peak) => sum + peak, 0);
  if (together > MAX_OFFERED_RATE) {
    fail(
      ["producers"],
      `together offer up to ${magnitude(together)} records/s at their peaks; kinesim counts at most ${int(MAX_OFFERED_RATE)} records/s exactly`,
    );
  }
  const records = producers.reduce(
    (sum, producer) => sum + expectedRecords(producer, file.events, file.duration),
    0,
  );
  if (records > MAX_RUN_RECORDS) {
    fail(
      ["duration"],
      `the producers would offer about ${magnitude(records)} records in ${formatDurationUs(file.duration)}; kinesim counts at most ${int(MAX_RUN_RECORDS)} (2^50) records in a run exactly: shorten the run or lower the rates`,
    );
  }
}

/** The highest rate of a rate setting (a loop: a CloudWatch profile may be long). */
function maxRate(rate: RateConfig): number {
  if (typeof rate === "number") return rate;
  if ("daily" in rate) return Math.max(rate.daily.peak, rate.daily.trough);
  if ("hourly" in rate) return Math.max(...rate.hourly);
  let max = 0;
  for (const point of rate) if (point.rate > max) max = point.rate;
  return max;
}

/**
 * The largest product of the factors of spikes that overlap (they multiply), and at least 1:
 * a sweep over their start and end times, adding logarithms so that no product overflows.
 */
function peakSpikeFactor(spikes: readonly Spike[]): number {
  const edges = spikes.flatMap((s) => [
    { atUs: s.atUs, log: Math.log(s.factor) },
    { atUs: s.atUs + s.forUs, log: -Math.log(s.factor) },
  ]);
  // A spike covers [at, at + for): at one instant, spikes that end go before those that start.
  edges.sort((a, b) => a.atUs - b.atUs || a.log - b.log);
  let log = 0;
  let peak = 0;
  for (const edge of edges) {
    log += edge.log;
    if (log > peak) peak = log;
  }
  return Math.exp(peak);
}

/** The field to blame for a producer's peak: its rate (or replayed file), bursts, or a spike. */
function culprit(
  file: ParsedExperimentFile,
  i: number,
  base: number,
  withBursts: number,
  spikes: readonly IndexedSpike[],
): Path {
  const parsed = file.producers[i];
  const at = ["producers", i];
  if (base > MAX_OFFERED_RATE) {
    const replay = parsed?.cloudwatch !== undefined ? "cloudwatch" : "trace";
    const scaled = parsed?.cloudwatch ?? parsed?.trace;
    if (scaled === undefined) return [...at, "rate"];
    return [...at, replay, scaled.volumeScale > 1 ? "volumeScale" : "file"];
  }
  if (withBursts > MAX_OFFERED_RATE) {
    const bursts = parsed?.bursts;
    return [
      ...at,
      "bursts",
      bursts && bursts.offFactor > bursts.onFactor ? "offFactor" : "onFactor",
    ];
  }
  const largest = spikes.reduce((a, b) => (b.spike.factor > a.spike.factor ? b : a));
  return ["events", largest.index, "factor"];
}

/** A number for a message: 3 decimals below 1,000, whole and grouped above, 3 digits when huge. */
function magnitude(value: number): string {
  if (value >= 1e18) return value.toPrecision(3);
  if (value >= 1000) return int(value);
  return String(Math.round(value * 1000) / 1000);
}
