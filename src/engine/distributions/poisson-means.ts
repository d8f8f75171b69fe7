import type { Random } from "../random-streams.js";
import { poissonPtrsFrom, poissonSearchFrom, ptrsConstants } from "./poisson.js";

/**
 * The most CDF values kept per mean: means whose table would be wider (above about 350) draw
 * by PTRS, whose cost does not grow with the mean.
 */
const MAX_TABLE_WIDTH = 512;

/**
 * Poisson draws for a fixed list of means, drawn with again and again (a producer's share of
 * each shard, tick after tick). Each mean up to about 350 keeps its CDF, and a draw inverts it:
 * the smallest k with u <= P(N <= k), for one uniform u, found from a guide table (the
 * "indexed search" of Chen and Asau 1974; Devroye 1986, "Non-Uniform Random Variate
 * Generation", §III.2.4) in about two comparisons whatever the mean. Inversion is exact, and
 * for every mean it gives what `poissonInversionFrom` (the sequential search `poisson` uses
 * below a mean of 10) gives from the same uniform; only the search is shorter. Larger means
 * draw by PTRS, as `poisson` does. The tables are flat arrays side by side, so that a draw
 * reads a few numbers beside its neighbours' instead of an object per mean.
 */
export class PoissonMeans {
  readonly means: Float64Array;
  /** Mean i's P(N <= k) for k < width[i], from offset[i] on. */
  private readonly cdf: Float64Array;
  /** guide[offset[i] + j]: the smallest k with P(N <= k) >= j / width[i] (at most width − 1). */
  private readonly guide: Int32Array;
  /** P(N = width − 1), where a search past the table goes on from. */
  private readonly lastPmf: Float64Array;
  private readonly offset: Int32Array;
  /** 0 for a mean PTRS draws. */
  private readonly width: Int32Array;
  /** PTRS's a, b, ln(1/α) and v_r for mean i at 4i … 4i + 3 (for means drawn by PTRS). */
  private readonly ptrs: Float64Array;

  constructor(means: ArrayLike<number>) {
    const count = means.length;
    this.means = Float64Array.from(means);
    this.offset = new Int32Array(count);
    this.width = new Int32Array(count);
    this.lastPmf = new Float64Array(count);
    this.ptrs = new Float64Array(4 * count);
    let total = 0;
    for (let i = 0; i < count; i++) {
      const mean = this.means[i] as number;
      if (!(mean >= 0) || !Number.isFinite(mean)) {
        throw new RangeError(
          `PoissonMeans: mean must be a non-negative finite number, got ${mean}`,
        );
      }
      if (mean === 0) continue;
      // Eight standard deviations and a little more: past them, a draw goes on searching
      // beyond the table (about once in 10^15 draws).
      const width = Math.ceil(mean + 8 * Math.sqrt(mean) + 8);
      if (width > MAX_TABLE_WIDTH) {
        const { a, b, logInvAlpha, vr } = ptrsConstants(mean);
        this.ptrs.set([a, b, logInvAlpha, vr], 4 * i);
        continue;
      }
      this.offset[i] = total;
      this.width[i] = width;
      total += width;
    }
    this.cdf = new Float64Array(total);
    this.guide = new Int32Array(total);
    for (let i = 0; i < count; i++) {
      const width = this.width[i] as number;
      if (width > 0) this.fillTable(i, width);
    }
  }

  /**
   * The CDF by the recurrence P(k) = P(k − 1)·mean/k from exp(−mean), summed in the order
   * the sequential search subtracts the terms; then the guide to it.
   */
  private fillTable(i: number, width: number): void {
    const mean = this.means[i] as number;
    const at = this.offset[i] as number;
    const { cdf, guide } = this;
    let p = Math.exp(-mean);
    let sum = p;
    cdf[at] = sum;
    for (let k = 1; k < width; k++) {
      p *= mean / k;
      sum += p;
      cdf[at + k] = sum;
    }
    this.lastPmf[i] = p;
    let k = 0;
    for (let j = 0; j < width; j++) {
      while (k < width - 1 && (cdf[at + k] as number) < j / width) k++;
      guide[at + j] = k;
    }
  }

  /** A Poisson draw with mean `means[i]`. */
  draw(random: Random, i: number): number {
    const width = this.width[i] as number;
    if (width === 0) return this.drawLarge(random, i);
    const at = this.offset[i] as number;
    const cdf = this.cdf;
    for (;;) {
      const u = random();
      // u >= j / width, and every k below guide[j] has P(N <= k) < j / width: the answer is
      // at guide[j] or after it.
      let k = this.guide[at + Math.floor(u * width)] as number;
      while (k < width && u > (cdf[at + k] as number)) k++;
      if (k < width) return k;
      // Past the table: the sequential search goes on from P(N = width).
      const mean = this.means[i] as number;
      const next = ((this.lastPmf[i] as number) * mean) / width;
      const beyond = poissonSearchFrom(u - (cdf[at + width - 1] as number), width, next, mean);
      if (beyond >= 0) return beyond;
    }
  }

  /** Means 0 and those above the tables' reach. */
  private drawLarge(random: Random, i: number): number {
    const mean = this.means[i] as number;
    if (mean === 0) return 0;
    const ptrs = this.ptrs;
    const at = 4 * i;
    return poissonPtrsFrom(
      random,
      mean,
      ptrs[at] as number,
      ptrs[at + 1] as number,
      ptrs[at + 2] as number,
      ptrs[at + 3] as number,
    );
  }
}
