/**
 * Hours in the month a run's cost is scaled to: AWS's Pricing Calculator counts a month as
 * 365 × 24 ÷ 12 = 730 hours (kinesis-facts.md §11). This is the calculator's convention for
 * turning an hourly bill into a monthly one, which is what scaling a run does; the limits
 * profile's `hoursPerMonth` (720 h, AWS's 30-day pricing examples) prices GB-months and the
 * `plan` command's steady month.
 */
export const SCALED_MONTH_HOURS = (365 * 24) / 12;

const SECONDS_PER_HOUR = 3600;

/**
 * A run's cost as if the run went on for a whole month of {@link SCALED_MONTH_HOURS}: the
 * bill × 730 h ÷ the run's hours. A straight scaling, so it assumes the rest of the month looks
 * like the run (a 2-minute rush scaled is a month-long rush) and it carries no retention
 * tier the run was too short to reach. 0 for a run of no duration.
 *
 * @example scaledToMonthUsd(0.007, 120); // 0.007 × 730 × 30 = 153.3
 */
export function scaledToMonthUsd(runUsd: number, durationSeconds: number): number {
  if (!(durationSeconds > 0)) return 0;
  return (runUsd * SCALED_MONTH_HOURS * SECONDS_PER_HOUR) / durationSeconds;
}
