import { US_PER_DAY, US_PER_SECOND } from "../../src/engine/time-units.js";
import type { RateSource } from "./rate-source.js";

/** A daily curve: `trough` records/s at night, `peak` at `peakAtUs` into each day. */
export interface DailyRateConfig {
  readonly peak: number;
  readonly trough: number;
  /** Time of day of the peak (default 14h). */
  readonly peakAtUs: number;
}

/**
 * A smooth diurnal rate: trough + (peak − trough) · (1 + cos(2π (t − peakAt) ÷ 24 h)) ÷ 2,
 * highest at `peakAt` each day and lowest twelve hours later. Integrated exactly.
 */
export class DailyRate implements RateSource {
  readonly maxRate: number;

  constructor(private readonly config: DailyRateConfig) {
    this.maxRate = Math.max(config.peak, config.trough);
  }

  rateAt(timeUs: number): number {
    const { peak, trough, peakAtUs } = this.config;
    return (
      trough +
      ((peak - trough) * (1 + Math.cos((2 * Math.PI * (timeUs - peakAtUs)) / US_PER_DAY))) / 2
    );
  }

  expectedCount(fromUs: number, toUs: number): number {
    const { peak, trough, peakAtUs } = this.config;
    const omega = (2 * Math.PI) / US_PER_DAY;
    const amplitude = (peak - trough) / 2;
    // ∫ (trough + A + A cos(ω(t − p))) dt = (trough + A)(b − a) + (A/ω)(sin ω(b − p) − sin ω(a − p)).
    const integral =
      (trough + amplitude) * (toUs - fromUs) +
      (amplitude / omega) *
        (Math.sin(omega * (toUs - peakAtUs)) - Math.sin(omega * (fromUs - peakAtUs)));
    return integral / US_PER_SECOND;
  }
}
