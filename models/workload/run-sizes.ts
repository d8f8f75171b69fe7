import { binomial } from "../../src/engine/distributions/binomial.js";
import { normal } from "../../src/engine/distributions/normal.js";
import { uniformInt } from "../../src/engine/distributions/uniform.js";
import type { Random } from "../../src/engine/random-streams.js";
import type { SizeQuantiles } from "./size-quantiles.js";

/**
 * Segment mode lists at most about this many records of a run with their own sizes: every
 * record of a run this short, else the largest ones (design.md §4). Also the run length up
 * to which every record's size is drawn on its own.
 */
export const LISTED_RECORDS = 32;

/** The data sizes of a run of records of varying size (segment mode). */
export interface RunSizes {
  /** Records larger than the data limit: too large for the stream, never sent. */
  readonly oversize: number;
  /** Data bytes of the other records, in total. */
  readonly dataBytes: number;
  /**
   * Data bytes of the listed records: every record that fits, in order, when `listedAt` is
   * absent; else the largest ones, at positions `listedAt` (ascending) among the records
   * that fit.
   */
  readonly listed: readonly number[];
  readonly listedAt?: readonly number[];
}

/**
 * Draws the sizes of `count` independent records. Up to {@link LISTED_RECORDS} records, each
 * size is drawn. A longer run is cut by level of its size distribution: the records too large
 * for the stream (above `dataLimitBytes`) are counted, a binomial share of about
 * LISTED_RECORDS records from the top levels below the limit is drawn one by one and listed
 * at random positions, and the rest (bounded by the cut) get a total from a normal law with
 * their exact mean and variance. A sum of bounded sizes is well approximated by a normal
 * law; a sum that includes a heavy tail (log-normal sizes) is not, and the heavy tail is
 * what is drawn exactly. The split itself is exact: counts by level are multinomial.
 */
export function drawRunSizes(
  random: Random,
  count: number,
  sample: (random: Random) => number,
  quantiles: SizeQuantiles,
  dataLimitBytes: number,
): RunSizes {
  if (count <= LISTED_RECORDS) {
    const listed: number[] = [];
    let oversize = 0;
    let dataBytes = 0;
    for (let i = 0; i < count; i++) {
      const size = sample(random);
      if (size > dataLimitBytes) {
        oversize++;
      } else {
        listed.push(size);
        dataBytes += size;
      }
    }
    return { oversize, dataBytes, listed };
  }
  const fitLevel = Number.isFinite(dataLimitBytes) ? quantiles.cdf(dataLimitBytes) : 1;
  const oversize = fitLevel < 1 ? binomial(random, count, 1 - fitLevel) : 0;
  const fitting = count - oversize;
  if (fitting <= LISTED_RECORDS) {
    // Few records fit: draw each from the levels below the limit.
    const listed: number[] = [];
    let dataBytes = 0;
    for (let i = 0; i < fitting; i++) {
      const size = quantiles.quantile(random() * fitLevel);
      listed.push(size);
      dataBytes += size;
    }
    return { oversize, dataBytes, listed };
  }
  const topShare = LISTED_RECORDS / fitting;
  const cutLevel = fitLevel * (1 - topShare);
  const top = binomial(random, fitting, topShare);
  const listed: number[] = [];
  let dataBytes = 0;
  for (let i = 0; i < top; i++) {
    const size = quantiles.quantile(cutLevel + random() * (fitLevel - cutLevel));
    listed.push(size);
    dataBytes += size;
  }
  const rest = fitting - top;
  if (rest > 0) {
    const [first, second] = quantiles.partialMoments(cutLevel);
    const mean = first / cutLevel;
    const variance = Math.max(0, second / cutLevel - mean * mean);
    const drawn = Math.round(normal(random, rest * mean, Math.sqrt(rest * variance)));
    const highest = quantiles.quantile(cutLevel);
    dataBytes += Math.max(rest * quantiles.minBytes, Math.min(rest * highest, drawn));
  }
  return { oversize, dataBytes, listed, listedAt: randomPositions(random, top, fitting) };
}

/**
 * `k` distinct positions among `n`, ascending, every set equally likely (Floyd's sampling:
 * k draws), kept sorted as they come (k is about 32: insertion beats a hash set and a sort).
 */
function randomPositions(random: Random, k: number, n: number): number[] {
  const chosen: number[] = [];
  for (let j = n - k; j < n; j++) {
    const t = uniformInt(random, j + 1);
    // j is larger than every position chosen so far, so it goes last.
    const value = contains(chosen, t) ? j : t;
    let i = chosen.length;
    chosen.push(value);
    while (i > 0 && (chosen[i - 1] as number) > value) {
      chosen[i] = chosen[i - 1] as number;
      i--;
    }
    chosen[i] = value;
  }
  return chosen;
}

/** Whether the ascending `values` hold `value` (binary search). */
function contains(values: readonly number[], value: number): boolean {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const at = values[middle] as number;
    if (at === value) return true;
    if (at < value) low = middle + 1;
    else high = middle;
  }
  return false;
}
