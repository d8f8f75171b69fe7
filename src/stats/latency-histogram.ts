// The two modules this file needs rather than the package's index: the index also loads its
// log writer, which builds an Intl.NumberFormat on load (ICU's start-up, ~15 ms of every
// `kinesim run`), and a dozen modules nothing here uses.
import { build } from "hdr-histogram-js/dist/HistogramBuilder.js";
import { initWebAssemblySync } from "hdr-histogram-js/dist/wasm/index.js";
import { PlasticSequence } from "./plastic-sequence.js";

let webAssemblyReady = false;

/**
 * hdr-histogram-js's WebAssembly build records a value about six times faster than its
 * JavaScript build (20 ns against 120 ns here), with the same algorithm and results; its
 * module ships inside the package, so nothing is fetched. Its memory is freed by
 * {@link LatencyHistogram.dispose}.
 */
function createHistogram(): ReturnType<typeof build> {
  if (!webAssemblyReady) {
    initWebAssemblySync();
    webAssemblyReady = true;
  }
  return build({ bitBucketSize: 64, numberOfSignificantValueDigits: 3, useWebAssembly: true });
}

/** Summary of a latency distribution in milliseconds (the result contract, design.md §14). */
export interface LatencySummaryMs {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

/**
 * Latencies in integer microseconds, kept in an HdrHistogram with three significant digits,
 * so memory is bounded and every reported value is within 0.1 % of the exact one
 * (design.md §9).
 *
 * Percentile definition: `pX` is the smallest recorded value v such that at least X % of
 * all recorded values are <= v, reported as the upper edge of v's histogram bucket
 * (HdrHistogram's getValueAtPercentile). `max` is the exact largest value recorded.
 */
export class LatencyHistogram {
  private readonly histogram = createHistogram();
  /**
   * Observations not yet handed to the WebAssembly histogram, by its bucket ({@link bucketOf}):
   * how many, and the largest value. The histogram's percentiles and mean depend only on its
   * buckets' counts, and its max on the largest value, so handing each bucket over once, as
   * its count at its largest value, gives the same results as recording one by one, at a
   * fraction of the cost of a call into WebAssembly per value (enhanced fan-out records a few
   * values for every producer tick of every shard).
   */
  private pendingArrays: PendingArrays | undefined;
  private readonly pendingBuckets: number[] = [];
  /**
   * Answers given since the histogram last changed: each percentile costs a walk over its
   * counts, and a run asks the same ones twice when its only application's histogram is also
   * the stream's (a result's latency and latency CDF, 60 percentiles each).
   */
  private readonly percentiles = new Map<number, number>();
  private summary: LatencySummaryMs | undefined;
  /** Where {@link recordSpread} puts the next spread's values in their sub-ranges. */
  private readonly spreadPoints = new PlasticSequence();

  /** Records `count` observations of `valueUs` (negative values are clamped to 0). */
  record(valueUs: number, count = 1): void {
    if (count <= 0) return;
    addPending(this.pending(), this.pendingBuckets, valueUs, count);
  }

  /** The pending counts and largest values by bucket, made on first use. */
  private pending(): PendingArrays {
    let arrays = this.pendingArrays;
    if (arrays === undefined) {
      arrays = this.pendingArrays = {
        counts: new Float64Array(BUCKETS),
        largest: new Float64Array(BUCKETS),
      };
    }
    return arrays;
  }

  /** Hands the pending observations to the WebAssembly histogram. */
  private flush(): void {
    const { pendingArrays: arrays, pendingBuckets: buckets } = this;
    if (arrays === undefined || buckets.length === 0) return;
    const { counts, largest } = arrays;
    this.forgetAnswers();
    // The largest value first: the histogram then grows its range once, not at every new
    // magnitude (a copy of its counts each time). The order changes no count.
    let top = 0;
    for (let i = 1; i < buckets.length; i++) {
      if ((buckets[i] as number) > (buckets[top] as number)) top = i;
    }
    if (top > 0) {
      const first = buckets[0] as number;
      buckets[0] = buckets[top] as number;
      buckets[top] = first;
    }
    // Indexed: an unoptimized for…of (a short run's) allocates per bucket.
    for (let i = 0; i < buckets.length; i++) {
      const bucket = buckets[i] as number;
      this.histogram.recordValueWithCount(largest[bucket] as number, counts[bucket] as number);
      counts[bucket] = 0;
    }
    buckets.length = 0;
  }

  /** Forgets the pending observations. */
  private dropPending(): void {
    const counts = this.pendingArrays?.counts;
    if (counts !== undefined) for (const bucket of this.pendingBuckets) counts[bucket] = 0;
    this.pendingBuckets.length = 0;
  }

  /**
   * Records `count` observations spread over [lowUs, highUs]: a segment's records were created
   * at uniform times over its span (design.md §4), so their latencies are uniform over a span
   * too. They are recorded by {@link recordUniform} at the next point of this histogram's
   * low-discrepancy sequence, so that over many spreads every sub-range is covered evenly.
   * At a fixed point (say each sub-range's midpoint) every spread would put its oldest records
   * span/32 below its top, and a run's far tail, made of those records, would read low: by
   * 15 ms at p999 for reads a second apart.
   */
  recordSpread(lowUs: number, highUs: number, count: number): void {
    if (count <= 0) return;
    const { spreadPoints: points } = this;
    this.recordUniform(lowUs, highUs, count, points.phase, points.turn);
    points.advance();
  }

  /**
   * Records `count` observations uniform over [lowUs, highUs]: the span in `min(count, 16)`
   * equal sub-ranges, each at `phase` (in [0, 1)) of the way through it, holding its share of
   * the count. When 16 does not divide the count, which sub-ranges hold one record more turns
   * with `turn` (in [0, 1)). A run of records each created at a uniform time over a span has
   * latencies uniform over a span; at fixed phase a run of one record would always sit at the
   * same point, so a caller recording many small runs varies the phase and the turn from run
   * to run (a two-dimensional low-discrepancy sequence), and together the runs cover the span
   * evenly. The two must vary independently: a turn tied to the phase would put the fuller
   * sub-ranges where the phase puts values low, or high.
   */
  recordUniform(lowUs: number, highUs: number, count: number, phase = 0.5, turn = 0): void {
    if (count <= 0) return;
    if (highUs <= lowUs) {
      this.record(lowUs, count);
      return;
    }
    const bins = Math.min(count, 16);
    const step = (highUs - lowUs) / bins;
    // Sub-range b holds the records from b·count/bins to (b+1)·count/bins, shifted by the turn.
    const arrays = this.pending();
    const buckets = this.pendingBuckets;
    let before = 0;
    for (let bin = 0; bin < bins; bin++) {
      const upTo = Math.floor(((bin + 1) * count) / bins + turn) - Math.floor(turn);
      // A sub-range may hold no record (fewer records than 16 sub-ranges and a turn).
      if (upTo > before) addPending(arrays, buckets, lowUs + step * (bin + phase), upTo - before);
      before = upTo;
    }
  }

  /** Frees the histogram's WebAssembly memory; the object must not be used afterwards. */
  dispose(): void {
    this.dropPending();
    this.histogram.destroy();
  }

  /** Forgets every observation (end of a warm-up). */
  reset(): void {
    this.dropPending();
    this.forgetAnswers();
    this.histogram.reset();
  }

  private forgetAnswers(): void {
    this.percentiles.clear();
    this.summary = undefined;
  }

  get count(): number {
    this.flush();
    return this.histogram.totalCount;
  }

  /** Adds every observation of `other` into this histogram. */
  add(other: LatencyHistogram): void {
    this.flush();
    other.flush();
    this.forgetAnswers();
    this.histogram.add(other.histogram);
  }

  /** The summary in milliseconds, rounded to microseconds. */
  summaryMs(): LatencySummaryMs {
    this.flush();
    if (this.summary === undefined) {
      const h = this.histogram;
      const ms = (us: number) => Math.round(us) / 1000;
      this.summary =
        h.totalCount === 0
          ? { count: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 }
          : {
              count: h.totalCount,
              mean: ms(h.mean),
              p50: ms(this.valueAtPercentileUs(50)),
              p90: ms(this.valueAtPercentileUs(90)),
              p99: ms(this.valueAtPercentileUs(99)),
              p999: ms(this.valueAtPercentileUs(99.9)),
              max: ms(h.maxValue),
            };
    }
    // A copy: the caller may keep it in a result it changes.
    return { ...this.summary };
  }

  /** Value (µs) at a percentile in [0, 100], per the definition above. */
  valueAtPercentileUs(percentile: number): number {
    this.flush();
    let value = this.percentiles.get(percentile);
    if (value === undefined) {
      value = this.histogram.getValueAtPercentile(percentile);
      this.percentiles.set(percentile, value);
    }
    return value;
  }
}

/** Observations waiting for the WebAssembly histogram: by bucket, how many and the largest. */
interface PendingArrays {
  readonly counts: Float64Array;
  readonly largest: Float64Array;
}

/**
 * Adds `count` (> 0) observations of `valueUs`, rounded and clamped to 0, to the pending
 * arrays; a bucket seen for the first time since the last hand-over joins `buckets`.
 */
function addPending(
  { counts, largest }: PendingArrays,
  buckets: number[],
  valueUs: number,
  count: number,
): void {
  const value = Math.max(0, Math.round(valueUs));
  const bucket = bucketOf(value);
  if (counts[bucket] === 0) {
    buckets.push(bucket);
    largest[bucket] = value;
  } else if (value > (largest[bucket] as number)) {
    largest[bucket] = value;
  }
  counts[bucket] = (counts[bucket] as number) + count;
}

/**
 * The WebAssembly histogram's bucket of an integer value: with three significant digits it
 * keeps 2,048 sub-buckets (magnitude 11), exact below 2,048, and then halves its resolution
 * at every power of two: a value v ≥ 2,048 lies in bucket b = ⌊log2 v⌋ − 10, sub-bucket
 * ⌊v ÷ 2^b⌋ (from 1,024 to 2,047). Two values share a bucket exactly when they share
 * (b, sub-bucket), numbered here b·1,024 + sub-bucket, as HdrHistogram numbers its counts.
 */
function bucketOf(value: number): number {
  if (value < 2048) return value;
  if (value < 4_294_967_296) {
    // ⌊log2 v⌋ = 31 − clz32(v): shifts, on the common path (latencies below 71 minutes).
    const magnitude = 21 - Math.clz32(value);
    return (magnitude << 10) + (value >>> magnitude);
  }
  const magnitude = 53 - Math.clz32(Math.floor(value / 4_294_967_296));
  return magnitude * 1024 + Math.floor(value / 2 ** magnitude);
}

/** Buckets of values up to 2^53 (the integers a double holds exactly): magnitudes 0 to 42. */
const BUCKETS = 43 * 1024 + 1024;
