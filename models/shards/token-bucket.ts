import { US_PER_SECOND } from "../../src/engine/time-units.js";

/**
 * A token bucket refilled continuously at `ratePerSecond` up to `depth` tokens; starts full.
 * Tokens are fractional; time is integer microseconds.
 */
export class TokenBucket {
  private tokens: number;
  private lastRefillUs = 0;

  constructor(
    readonly ratePerSecond: number,
    readonly depth: number,
  ) {
    this.tokens = depth;
  }

  /** Tokens available at `nowUs` (after refilling). */
  available(nowUs: number): number {
    if (nowUs > this.lastRefillUs) {
      this.tokens = Math.min(
        this.depth,
        this.tokens + ((nowUs - this.lastRefillUs) * this.ratePerSecond) / US_PER_SECOND,
      );
      this.lastRefillUs = nowUs;
    }
    return this.tokens;
  }

  /** Removes `amount` tokens; the balance may go negative (debt), which refills first. */
  take(nowUs: number, amount: number): void {
    this.available(nowUs);
    this.tokens -= amount;
  }
}
