// The two modules this file needs rather than the package's index: the index also loads its
// log writer, which builds an Intl.NumberFormat on load (ICU's start-up, ~15 ms of every
// `kinesim run`), and a dozen modules nothing here uses.
import { build } from "hdr-histogram-js/dist/HistogramBuilder.js";
import { initWebAssemblySync } from "hdr-histogram-js/dist/wasm/index.js";

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

  /** Records `count` observations of `valueUs` (negative values are clamped to 0). */
  record(valueUs: number, count = 1): void {
    if (count <= 0) return;
    this.histogram.recordValueWithCount(Math.max(0, Math.round(valueUs)), count);
  }

  /**
   * Records `count` observations spread evenly over [lowUs, highUs]: a segment's records
   * are taken to have been created at evenly spaced times (design.md §4), so their latencies
   * are too. Up to 16 records are recorded one by one; larger runs in 16 equal sub-ranges,
   * each at its midpoint, which keeps the error within 1/32 of the spread.
   */
  recordSpread(lowUs: number, highUs: number, count: number): void {
    if (count <= 0) return;
    if (count === 1 || highUs <= lowUs) {
      this.histogram.recordValueWithCount(Math.max(0, Math.round((lowUs + highUs) / 2)), count);
      return;
    }
    const bins = Math.min(count, 16);
    const step = (highUs - lowUs) / bins;
    const perBin = Math.floor(count / bins);
    let remainder = count - perBin * bins;
    for (let bin = 0; bin < bins; bin++) {
      const binCount = perBin + (remainder > 0 ? 1 : 0);
      if (remainder > 0) remainder--;
      const value =
        count <= 16 ? lowUs + ((highUs - lowUs) * bin) / (count - 1) : lowUs + step * (bin + 0.5);
      this.record(value, binCount);
    }
  }

  /** Frees the histogram's WebAssembly memory; the object must not be used afterwards. */
  dispose(): void {
    this.histogram.destroy();
  }

  /** Forgets every observation (end of a warm-up). */
  reset(): void {
    this.histogram.reset();
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  /** Adds every observation of `other` into this histogram. */
  add(other: LatencyHistogram): void {
    this.histogram.add(other.histogram);
  }

  /** The summary in milliseconds, rounded to microseconds. */
  summaryMs(): LatencySummaryMs {
    const h = this.histogram;
    if (h.totalCount === 0) return { count: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 };
    const ms = (us: number) => Math.round(us) / 1000;
    return {
      count: h.totalCount,
      mean: ms(h.mean),
      p50: ms(h.getValueAtPercentile(50)),
      p90: ms(h.getValueAtPercentile(90)),
      p99: ms(h.getValueAtPercentile(99)),
      p999: ms(h.getValueAtPercentile(99.9)),
      max: ms(h.maxValue),
    };
  }

  /** Value (µs) at a percentile in [0, 100], per the definition above. */
  valueAtPercentileUs(percentile: number): number {
    return this.histogram.getValueAtPercentile(percentile);
  }
}
