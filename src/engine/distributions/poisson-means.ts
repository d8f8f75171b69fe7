import type { Random } from "../random-streams.js";
import { PTRS_FROM_MEAN, poissonInversionFrom, poissonPtrsFrom, ptrsConstants } from "./poisson.js";

/** The most log-pmf values kept per mean (a mean of about 350). */
const MAX_LOG_PMF_WIDTH = 512;

/**
 * Poisson draws for a fixed list of means, drawn with again and again (a producer's share of
 * each shard, tick after tick): each mean's constants worked out once and kept in flat arrays,
 * so that a draw reads a few numbers beside its neighbours' instead of an object per mean.
 * `draw(random, i)` gives the same value from the same uniforms as `poisson(random, means[i])`.
 */
export class PoissonMeans {
  readonly means: Float64Array;
  /** exp(−mean), for means drawn by inversion; NaN where PTRS draws. */
  private readonly p0: Float64Array;
  /** PTRS's a, b, ln(1/α) and v_r for mean i at 4i … 4i + 3 (unused below PTRS_FROM_MEAN). */
  private readonly ptrs: Float64Array;
  /**
   * PTRS's log-pmf values, kept as they are needed: mean i's for k < `logPmfWidth[i]` from
   * `logPmfOffset[i]` on. The rejection step, taken in about two draws of three at a mean of
   * ten, otherwise works out a log-factorial each time.
   */
  private readonly logPmfs: Float64Array;
  private readonly logPmfOffset: Int32Array;
  private readonly logPmfWidth: Int32Array;

  constructor(means: ArrayLike<number>) {
    const count = means.length;
    this.means = Float64Array.from(means);
    this.p0 = new Float64Array(count);
    this.ptrs = new Float64Array(4 * count);
    this.logPmfOffset = new Int32Array(count);
    this.logPmfWidth = new Int32Array(count);
    let logPmfCount = 0;
    for (let i = 0; i < count; i++) {
      const mean = this.means[i] as number;
      if (!(mean >= 0) || !Number.isFinite(mean)) {
        throw new RangeError(
          `PoissonMeans: mean must be a non-negative finite number, got ${mean}`,
        );
      }
      if (mean < PTRS_FROM_MEAN) {
        this.p0[i] = Math.exp(-mean);
        continue;
      }
      this.p0[i] = Number.NaN;
      const { a, b, logInvAlpha, vr } = ptrsConstants(mean);
      this.ptrs.set([a, b, logInvAlpha, vr], 4 * i);
      // PTRS's k lies within a few standard deviations of the mean almost always; larger k
      // are worked out each time. Means beyond a few hundred keep no values.
      const width = Math.ceil(mean + 8 * Math.sqrt(mean) + 8);
      if (width > MAX_LOG_PMF_WIDTH) continue;
      this.logPmfOffset[i] = logPmfCount;
      this.logPmfWidth[i] = width;
      logPmfCount += width;
    }
    this.logPmfs = new Float64Array(logPmfCount).fill(Number.NaN);
  }

  /** A Poisson draw with mean `means[i]`. */
  draw(random: Random, i: number): number {
    const mean = this.means[i] as number;
    if (mean === 0) return 0;
    if (mean < PTRS_FROM_MEAN) return poissonInversionFrom(random, mean, this.p0[i] as number);
    const ptrs = this.ptrs;
    const at = 4 * i;
    return poissonPtrsFrom(
      random,
      mean,
      ptrs[at] as number,
      ptrs[at + 1] as number,
      ptrs[at + 2] as number,
      ptrs[at + 3] as number,
      this.logPmfs,
      this.logPmfOffset[i] as number,
      this.logPmfWidth[i] as number,
    );
  }
}
