import { US_PER_HOUR } from "../../src/engine/time-units.js";
import { BILLING_GB_BYTES } from "./billing-units.js";

/**
 * GB-hours of stored data older than some age: what the retention tiers bill (kinesis-facts.md §11:
 * extended retention for data aged 24 h–7 d on on-demand streams, long-term retention for data
 * older than 7 d). A byte accepted at t is stored until t + retention (kinesis-facts.md §7; trim
 * granularity UNCONFIRMED) and counts once it is older than `age`, so over a span it
 * contributes the time it spends aged between `age` and the retention.
 */

const SECONDS_PER_HOUR = 3600;

/**
 * Steady traffic that has been flowing for longer than the retention: at every moment the
 * stream holds `bytesPerSecond × (retention − age)` bytes older than `age`, so a span of
 * `spanHours` adds that many GB times `spanHours`.
 *
 * @example
 * // 1 MB/s kept 8 days: one day of data is older than 7 days at every moment.
 * steadyStoredGbHoursBeyondAge(1e6, 192, 168, 720); // 86.4e9 / 2^30 GB × 720 h
 */
export function steadyStoredGbHoursBeyondAge(
  bytesPerSecond: number,
  retentionHours: number,
  ageHours: number,
  spanHours: number,
): number {
  const storedSeconds = Math.max(0, retentionHours - ageHours) * SECONDS_PER_HOUR;
  return ((bytesPerSecond * storedSeconds) / BILLING_GB_BYTES) * spanHours;
}

export interface StoredSeriesInput {
  /** Accepted bytes per interval; interval i covers [i·resolutionUs, (i+1)·resolutionUs). */
  readonly bytesPerInterval: ArrayLike<number>;
  readonly resolutionUs: number;
  /** End of the run; data is counted until then. */
  readonly durationUs: number;
  readonly retentionUs: number;
  readonly ageUs: number;
}

/**
 * GB-hours, within a run [0, duration], of data older than `age`, from a series of accepted
 * bytes per interval (bytes taken as accepted evenly over their interval). A byte accepted at t
 * counts for clamp(duration − t − age, 0, retention − age) µs.
 *
 * @example
 * // 1 GiB accepted in the first hour of a 10-day run with 8-day retention, age 7 days:
 * storedGbHoursBeyondAge({ bytesPerInterval: [2 ** 30], resolutionUs: HOUR_US,
 *   durationUs: 240 * HOUR_US, retentionUs: 192 * HOUR_US, ageUs: 168 * HOUR_US }); // 24
 */
export function storedGbHoursBeyondAge(input: StoredSeriesInput): number {
  const { bytesPerInterval, resolutionUs, durationUs, retentionUs, ageUs } = input;
  const spanUs = retentionUs - ageUs;
  if (spanUs <= 0) return 0;
  const cutoffUs = durationUs - ageUs;
  let byteUs = 0;
  for (let i = 0; i < bytesPerInterval.length; i++) {
    const bytes = bytesPerInterval[i] as number;
    if (bytes === 0) continue;
    const fromUs = Math.min(i * resolutionUs, durationUs);
    const toUs = Math.min((i + 1) * resolutionUs, durationUs);
    const meanUs =
      toUs > fromUs
        ? (integral(cutoffUs - fromUs, spanUs) - integral(cutoffUs - toUs, spanUs)) /
          (toUs - fromUs)
        : clamp(cutoffUs - fromUs, spanUs);
    byteUs += bytes * meanUs;
  }
  return byteUs / BILLING_GB_BYTES / US_PER_HOUR;
}

function clamp(x: number, max: number): number {
  return Math.min(Math.max(x, 0), max);
}

/** ∫₀ˣ clamp(u, 0, max) du. */
function integral(x: number, max: number): number {
  if (x <= 0) return 0;
  if (x <= max) return (x * x) / 2;
  return (max * max) / 2 + max * (x - max);
}
