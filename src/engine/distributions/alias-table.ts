import type { Random } from "../random-streams.js";

/** An O(1) sampler of a fixed categorical distribution; see {@link createAliasTable}. */
export interface AliasTable {
  /** Number of categories (the length of the weights). */
  readonly size: number;
  /** Draws a category index in [0, size) with probability weight[i] / Σ weights. */
  sample(random: Random): number;
}

/**
 * Builds an alias table for sampling index i with probability `weights[i] / Σ weights` in
 * O(1) time (two uniforms per sample) after O(k) setup. Weights need not be normalised; an
 * index with weight 0 is never sampled.
 *
 * Algorithm: Walker's alias method (Walker 1977) with Vose's numerically stable O(k)
 * construction (Vose 1991, "A linear algorithm for generating random numbers with a given
 * distribution", IEEE Trans. Software Eng. 17): each column i keeps itself with probability
 * `keep[i]` and otherwise yields `alias[i]`.
 *
 * @param weights non-negative finite weights with a positive sum
 */
export function createAliasTable(weights: ArrayLike<number>): AliasTable {
  const size = weights.length;
  let total = 0;
  for (let i = 0; i < size; i++) {
    const w = weights[i] as number;
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new RangeError(`createAliasTable: weights[${i}] must be >= 0 and finite, got ${w}`);
    }
    total += w;
  }
  if (!(total > 0) || !Number.isFinite(total)) {
    throw new RangeError(`createAliasTable: weights must have a positive finite sum, got ${total}`);
  }

  const keep = new Float64Array(size);
  const alias = new Int32Array(size);
  const scaled = new Float64Array(size);
  // Two stacks sharing one buffer: small grows up from 0, large grows down from size.
  const work = new Int32Array(size);
  let smallTop = 0;
  let largeBottom = size;
  for (let i = 0; i < size; i++) {
    const p = ((weights[i] as number) * size) / total;
    scaled[i] = p;
    if (p < 1) work[smallTop++] = i;
    else work[--largeBottom] = i;
  }
  while (smallTop > 0 && largeBottom < size) {
    const less = work[--smallTop] as number;
    const more = work[largeBottom++] as number;
    keep[less] = scaled[less] as number;
    alias[less] = more;
    const rest = (scaled[more] as number) + (scaled[less] as number) - 1;
    scaled[more] = rest;
    if (rest < 1) work[smallTop++] = more;
    else work[--largeBottom] = more;
  }
  // Leftovers are 1 up to rounding. A zero weight can only be left over through gross
  // rounding error; keep it unreachable anyway by pointing it at a positive-weight column.
  let someLarge = 0;
  while ((weights[someLarge] as number) === 0) someLarge++;
  while (largeBottom < size) {
    const i = work[largeBottom++] as number;
    keep[i] = 1;
  }
  while (smallTop > 0) {
    const i = work[--smallTop] as number;
    if ((weights[i] as number) === 0) {
      keep[i] = 0;
      alias[i] = someLarge;
    } else {
      keep[i] = 1;
    }
  }

  return {
    size,
    sample(random: Random): number {
      let column = Math.floor(random() * size);
      if (column >= size) column = size - 1;
      return random() < (keep[column] as number) ? column : (alias[column] as number);
    },
  };
}
