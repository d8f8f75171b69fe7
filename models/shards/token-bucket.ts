import { US_PER_SECOND } from "../../src/engine/time-units.js";

/**
 * The balance of a bucket `depth` deep, refilled at `ratePerSecond`, `elapsedUs` after it held
 * `tokens`: the one refill rule of every bucket here (TokenBucket, and the write limiter's pair).
 */
export function refilled(
  tokens: number,
  depth: number,
  ratePerSecond: number,
  elapsedUs: number,
): number {
  // A full bucket stays full (what min() below gives), without the division.
  if (tokens >= depth) return depth;
  return Math.min(depth, tokens + refillOver(elapsedUs, ratePerSecond));
}

/** What a bucket refilled at `ratePerSecond` gains in `elapsedUs`, before its depth caps it. */
export function refillOver(elapsedUs: number, ratePerSecond: number): number {
  return (elapsedUs * ratePerSecond) / US_PER_SECOND;
}

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
      this.tokens = refilled(
        this.tokens,
        this.depth,
        this.ratePerSecond,
        nowUs - this.lastRefillUs,
      );
      this.lastRefillUs = nowUs;
    }
    return this.tokens;
  }

  /**
   * The first whole microsecond, at or after the last refill, at which the balance reaches
   * `level` (at most `depth`): when a connection in debt may send again.
   */
  readyAtUs(level: number): number {
    if (this.tokens >= level) return this.lastRefillUs;
    return (
      this.lastRefillUs + Math.ceil(((level - this.tokens) * US_PER_SECOND) / this.ratePerSecond)
    );
  }

  /** Removes `amount` tokens; the balance may go negative (debt), which refills first. */
  take(nowUs: number, amount: number): void {
    this.available(nowUs);
    this.tokens -= amount;
  }
}
