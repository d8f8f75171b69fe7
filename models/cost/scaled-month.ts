const SECONDS_PER_HOUR = 3600;

/**
 * A run's cost as if the run went on for a whole month of `monthHours` (the limits profile's
 * `hoursPerMonth`: 730 h, the Pricing Calculator's month, kinesis-facts.md §11): the bill ×
 * the month's hours ÷ the run's hours. A straight scaling, so it assumes the rest of the month
 * looks like the run (a 2-minute rush scaled is a month-long rush) and it carries no retention
 * tier the run was too short to reach. 0 for a run of no duration.
 *
 * @example scaledToMonthUsd(0.007, 120, 730); // 0.007 × 730 × 30 = 153.3
 */
export function scaledToMonthUsd(
  runUsd: number,
  durationSeconds: number,
  monthHours: number,
): number {
  if (!(durationSeconds > 0)) return 0;
  return (runUsd * monthHours * SECONDS_PER_HOUR) / durationSeconds;
}
