import { US_PER_SECOND } from "../../src/engine/time-units.js";

/**
 * The span of a segment-mode PutRecords tick: how long the records one tick sends were
 * created over, chosen so that they wait, on average, as long as a record-mode batch makes
 * them wait.
 *
 * A record-mode batch (`PutBatcher`) opens at a record's arrival and is sent `linger` L later,
 * or as soon as it holds `maxRecords`. With Poisson arrivals at rate λ and no fill, the first
 * record waits L, and the N ~ Poisson(λL) records that join it arrive uniformly in the batch
 * and wait L/2 on average, so the mean wait is W = (L + λL·L/2) ÷ (1 + λL). A tick's records
 * are spread evenly over the tick and sent at its end, so they wait half the tick: the tick is
 * 2W = L + L ÷ (1 + λL). That is 2L at low rates (one record per batch, waiting L) and about
 * L + 1/λ at high ones (a full linger, then a gap to the next arrival), and it stays bounded
 * when the rate is near 0, so a rate that starts rising from 0 is not gathered into one long
 * tick. A batch that fills first (maxRecords ÷ λ < 2W) is sent full: its records wait half
 * the fill time, so the tick is the fill time.
 */
export function batchPeriodUs(ratePerSecond: number, maxRecords: number, lingerUs: number): number {
  if (!(ratePerSecond > 0)) return 2 * lingerUs;
  const lingerPeriodUs = lingerUs + lingerUs / (1 + (ratePerSecond * lingerUs) / US_PER_SECOND);
  const fillUs = (maxRecords / ratePerSecond) * US_PER_SECOND;
  return Math.min(lingerPeriodUs, fillUs);
}
