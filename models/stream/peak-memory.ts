/**
 * The highest write rates a shard's hash range saw over a sliding window (on-demand's "peak
 * write throughput observed in the previous 30 days", kinesis-facts.md §6), in bytes and
 * records per second.
 *
 * The window is cut into `BUCKETS` equal buckets, each keeping the highest rate measured in
 * it, so memory is constant per shard and the remembered peak is the highest of the buckets
 * that overlap the window: a peak is forgotten between (BUCKETS − 1)/BUCKETS of the window and
 * the whole window after it was seen (29 to 30 days by default). Buckets also make the memory
 * follow the hash range through resharding: a split child remembers its share of the parent's
 * buckets, a merged child the bucket-by-bucket sum of its parents' (exact when both parents
 * peaked in the same bucket, an upper bound otherwise).
 */
export class PeakMemory {
  /** Buckets per window: a modelling resolution (1 day of a 30-day window), not a Kinesis number. */
  static readonly BUCKETS = 30;

  private readonly bucketUs: number;
  private readonly bytes: Float64Array;
  private readonly records: Float64Array;
  /** Absolute number (time ÷ bucketUs) of the newest bucket; older ones follow it, wrapping. */
  private newest: number;

  constructor(
    readonly windowUs: number,
    nowUs: number,
  ) {
    this.bucketUs = Math.max(1, windowUs / PeakMemory.BUCKETS);
    this.bytes = new Float64Array(PeakMemory.BUCKETS);
    this.records = new Float64Array(PeakMemory.BUCKETS);
    this.newest = Math.floor(nowUs / this.bucketUs);
  }

  /** Notes one measured rate at `nowUs`. */
  record(nowUs: number, bytesPerSecond: number, recordsPerSecond: number): void {
    const slot = this.advance(nowUs);
    this.bytes[slot] = Math.max(this.bytes[slot] as number, bytesPerSecond);
    this.records[slot] = Math.max(this.records[slot] as number, recordsPerSecond);
  }

  /** The highest rates still remembered at `nowUs`. */
  peak(nowUs: number): { bytesPerSecond: number; recordsPerSecond: number } {
    this.advance(nowUs);
    return { bytesPerSecond: max(this.bytes), recordsPerSecond: max(this.records) };
  }

  /** The peaks of `a` and `b` together, bucket by bucket: what the merge of their ranges remembers. */
  static sum(a: PeakMemory, b: PeakMemory, nowUs: number): PeakMemory {
    const merged = new PeakMemory(a.windowUs, nowUs);
    a.advance(nowUs);
    b.advance(nowUs);
    for (let i = 0; i < PeakMemory.BUCKETS; i++) {
      merged.bytes[i] = (a.bytes[i] as number) + (b.bytes[i] as number);
      merged.records[i] = (a.records[i] as number) + (b.records[i] as number);
    }
    return merged;
  }

  /** `fraction` of these peaks: what a split child remembers of its parent (its share of the range). */
  scaled(fraction: number, nowUs: number): PeakMemory {
    const part = new PeakMemory(this.windowUs, nowUs);
    this.advance(nowUs);
    for (let i = 0; i < PeakMemory.BUCKETS; i++) {
      part.bytes[i] = (this.bytes[i] as number) * fraction;
      part.records[i] = (this.records[i] as number) * fraction;
    }
    return part;
  }

  /** Moves the newest bucket to `nowUs`'s, clearing the buckets that fell out; returns its slot. */
  private advance(nowUs: number): number {
    const bucket = Math.floor(nowUs / this.bucketUs);
    const stale = Math.min(bucket - this.newest, PeakMemory.BUCKETS);
    for (let k = 1; k <= stale; k++) {
      const slot = (this.newest + k) % PeakMemory.BUCKETS;
      this.bytes[slot] = 0;
      this.records[slot] = 0;
    }
    if (bucket > this.newest) this.newest = bucket;
    return this.newest % PeakMemory.BUCKETS;
  }
}

function max(values: Float64Array): number {
  let highest = 0;
  for (const value of values) if (value > highest) highest = value;
  return highest;
}
