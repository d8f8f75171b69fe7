import type { LatencyHistogram } from "../../../src/stats/latency-histogram.js";
import { PlasticSequence } from "../../../src/stats/plastic-sequence.js";

/**
 * The latencies of runs whose records were each created at a uniform time over a span, for one
 * shard's pushes: a run of n records pushed at t, created over [first, last], has n latencies
 * uniform over [t − last, t − first] (LatencyHistogram.recordUniform).
 *
 * Consecutive runs with the same latency span (a producer's ticks, each pushed the same delay
 * after it was accepted) are one uniform spread of all their records, recorded once — finer
 * than run by run and a call per second rather than per tick. Each spread is recorded at the
 * next point of a low-discrepancy sequence ({@link PlasticSequence}): where in its sub-ranges
 * the values sit, and which sub-ranges hold a record more. A run of one record at a fixed
 * point would always sit there; at successive points many such runs cover their span evenly,
 * as record-level pushes of records created anywhere in a tick do.
 */
export class UniformSpreads {
  private readonly points = new PlasticSequence();
  private lowUs = 0;
  private highUs = 0;
  private count = 0;

  constructor(private readonly latency: LatencyHistogram) {}

  /** `count` latencies uniform over [lowUs, highUs]. */
  add(lowUs: number, highUs: number, count: number): void {
    if (count <= 0) return;
    if (this.count > 0 && lowUs === this.lowUs && highUs === this.highUs) {
      this.count += count;
      return;
    }
    this.flush();
    this.lowUs = lowUs;
    this.highUs = highUs;
    this.count = count;
  }

  /** Records the spread being gathered (before anything reads the histogram). */
  flush(): void {
    if (this.count === 0) return;
    const { points } = this;
    this.latency.recordUniform(this.lowUs, this.highUs, this.count, points.phase, points.turn);
    this.count = 0;
    points.advance();
  }
}
