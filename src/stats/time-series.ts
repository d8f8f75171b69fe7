/**
 * A fixed-resolution time series over a known horizon: bucket i covers
 * [i·resolutionUs, (i+1)·resolutionUs). Values are summed (`add`) or maximised (`max`).
 * Storage is one Float64Array, allocated once, so recording is O(1) and memory is bounded
 * by duration ÷ resolution (design.md §9).
 */
export class TimeSeries {
  readonly values: Float64Array;

  constructor(
    readonly resolutionUs: number,
    durationUs: number,
  ) {
    this.values = new Float64Array(Math.max(1, Math.ceil(durationUs / resolutionUs)));
  }

  /** The bucket holding `timeUs`. */
  indexAt(timeUs: number): number {
    const index = Math.floor(timeUs / this.resolutionUs);
    // The run's final instant (t = duration) belongs to the last bucket.
    return Math.min(index, this.values.length - 1);
  }

  add(timeUs: number, amount: number): void {
    const index = this.indexAt(timeUs);
    this.values[index] = (this.values[index] as number) + amount;
  }

  /** Adds `amount` to bucket `index` (from {@link indexAt}). */
  addAt(index: number, amount: number): void {
    this.values[index] = (this.values[index] as number) + amount;
  }

  max(timeUs: number, value: number): void {
    const index = this.indexAt(timeUs);
    if (value > (this.values[index] as number)) this.values[index] = value;
  }

  /** Largest bucket value. */
  peak(): number {
    let peak = 0;
    for (const value of this.values) if (value > peak) peak = value;
    return peak;
  }

  total(): number {
    let sum = 0;
    for (const value of this.values) sum += value;
    return sum;
  }
}
