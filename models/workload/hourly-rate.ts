import { US_PER_DAY, US_PER_HOUR, US_PER_SECOND } from "../../src/engine/time-units.js";
import type { RateSource } from "./rate-source.js";

/** Hours in a day: an hourly profile has exactly one rate for each. */
export const HOURS_PER_DAY = 24;

/**
 * A day of traffic hour by hour, repeated every day: `rates[h]` records/s from h:00 to
 * (h+1):00. Steps, not interpolation, so that the numbers a user writes are the numbers they
 * get: the day's mean is the mean of the 24 rates and its peak is the largest, exactly (an
 * interpolated curve would shave the peak hour and shift the mean), and an hourly CloudWatch
 * Sum ÷ 3600 copies in as it is. Unlike the cosine daily curve (whose peak is at most twice
 * its mean), any shape is possible: a peak of 3× the mean, a lunch dip, a nightly batch.
 */
export class HourlyRate implements RateSource {
  readonly maxRate: number;
  /** Records in one whole day. */
  private readonly recordsPerDay: number;
  /** recordsBeforeHour[h]: records from 0:00 to h:00 (25 entries). */
  private readonly recordsBeforeHour: number[];

  constructor(private readonly rates: readonly number[]) {
    if (rates.length !== HOURS_PER_DAY) {
      throw new RangeError(`an hourly rate has ${HOURS_PER_DAY} rates, got ${rates.length}`);
    }
    let maxRate = 0;
    const before = [0];
    for (const rate of rates) {
      maxRate = Math.max(maxRate, rate);
      before.push((before.at(-1) as number) + (rate * US_PER_HOUR) / US_PER_SECOND);
    }
    this.maxRate = maxRate;
    this.recordsBeforeHour = before;
    this.recordsPerDay = before[HOURS_PER_DAY] as number;
  }

  rateAt(timeUs: number): number {
    return this.rates[hourOfDay(timeUs)] as number;
  }

  /** Exact: whole days, then whole hours, then the part of an hour at each end. */
  expectedCount(fromUs: number, toUs: number): number {
    return this.recordsUntil(toUs) - this.recordsUntil(fromUs);
  }

  /** Records from time 0 to `timeUs`. */
  private recordsUntil(timeUs: number): number {
    const days = Math.floor(timeUs / US_PER_DAY);
    const intoDayUs = timeUs - days * US_PER_DAY;
    const hour = Math.min(HOURS_PER_DAY - 1, Math.floor(intoDayUs / US_PER_HOUR));
    const intoHourUs = intoDayUs - hour * US_PER_HOUR;
    return (
      days * this.recordsPerDay +
      (this.recordsBeforeHour[hour] as number) +
      ((this.rates[hour] as number) * intoHourUs) / US_PER_SECOND
    );
  }
}

function hourOfDay(timeUs: number): number {
  const intoDayUs = timeUs - Math.floor(timeUs / US_PER_DAY) * US_PER_DAY;
  return Math.min(HOURS_PER_DAY - 1, Math.floor(intoDayUs / US_PER_HOUR));
}
