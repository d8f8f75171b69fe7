import { US_PER_SECOND } from "../engine/time-units.js";

/**
 * The highest total recorded in any one-second window aligned to t = 0, in O(1) memory:
 * the per-second peak that one-minute CloudWatch data points hide (kinesis-facts.md §10), kept
 * exact whatever the resolution of the stored series.
 */
export class PeakRate {
  private window = -1;
  private current = 0;
  private highest = 0;

  add(timeUs: number, amount: number): void {
    const window = Math.floor(timeUs / US_PER_SECOND);
    if (window !== this.window) {
      if (this.current > this.highest) this.highest = this.current;
      this.window = window;
      this.current = 0;
    }
    this.current += amount;
  }

  /** The peak per-second total so far. */
  peak(): number {
    return Math.max(this.highest, this.current);
  }

  /** Forgets everything recorded so far (end of a warm-up). */
  reset(): void {
    this.window = -1;
    this.current = 0;
    this.highest = 0;
  }
}
