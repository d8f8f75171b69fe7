/**
 * The median of `values`: the middle one, or the mean of the two middle ones for an even
 * count. Medians rather than bests for whole-process figures, because a user's run is a
 * typical run, and on a shared machine the best one flatters. NaN for no values.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/**
 * `numerators[i] ÷ denominators[i]` for each round both were measured in: the ratio of two
 * commands run back to back, which other load on the machine disturbs less than a ratio of
 * two medians taken minutes apart.
 */
export function pairRatios(
  numerators: readonly number[],
  denominators: readonly number[],
): number[] {
  const count = Math.min(numerators.length, denominators.length);
  const ratios: number[] = [];
  for (let i = 0; i < count; i++) {
    ratios.push((numerators[i] as number) / (denominators[i] as number));
  }
  return ratios;
}
