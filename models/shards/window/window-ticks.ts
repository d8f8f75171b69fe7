/**
 * A producer's ticks within one window: their times, when the records of each were created,
 * and the producer's expected records up to each. Shared by the windows of every shard the
 * producer writes to (a shard's share of the records is the same on every tick of a window,
 * so the shares of ticks are the producer's).
 */
export class WindowTicks {
  /**
   * @param timesUs the ticks' times, ascending.
   * @param createdFromUs when the first tick's records started to be created (the previous
   *   tick); tick i's records were created in [timesUs[i − 1], timesUs[i]).
   * @param cumulative the producer's expected records of ticks [0, i), for i = 0 … ticks.
   */
  constructor(
    readonly timesUs: readonly number[],
    readonly createdFromUs: number,
    readonly cumulative: readonly number[],
  ) {}

  get ticks(): number {
    return this.timesUs.length;
  }

  /** When tick `i`'s records started to be created. */
  createdStartUs(i: number): number {
    return i === 0 ? this.createdFromUs : (this.timesUs[i - 1] as number);
  }

  timeUs(i: number): number {
    return this.timesUs[i] as number;
  }

  /** Expected records of ticks [from, to). */
  expected(from: number, to: number): number {
    return (this.cumulative[to] as number) - (this.cumulative[from] as number);
  }

  /** The share of ticks [from, mid) in the expected records of [from, to). */
  share(from: number, mid: number, to: number): number {
    const whole = this.expected(from, to);
    return whole > 0 ? Math.min(1, this.expected(from, mid) / whole) : (mid - from) / (to - from);
  }
}
