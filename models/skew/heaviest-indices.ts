/**
 * The indices of the `count` largest positive weights, heavier first and ties by index: what
 * sorting every positive index that way and keeping `count` gives. The weights are sorted as
 * numbers (natively, no comparator) only to find the `count`-th largest; the comparator then
 * orders just the indices at or above it. A run's key counts (tens of thousands of keys, read
 * once at the end, in cold code) were a tenth of a short run's report.
 *
 * @example
 * heaviestIndices(Float64Array.of(1, 0, 5, 1), 2); // [2, 0]: 5, then the first of the 1s
 */
export function heaviestIndices(weights: Float64Array, count: number): number[] {
  if (count <= 0) return [];
  const positive: number[] = [];
  for (let i = 0; i < weights.length; i++) if ((weights[i] as number) > 0) positive.push(i);
  let kept = positive;
  if (positive.length > count) {
    const sorted = Float64Array.from(positive, (i) => weights[i] as number).sort();
    // The count-th largest weight: every index above it is kept, and the first of those at it.
    const threshold = sorted[sorted.length - count] as number;
    kept = positive.filter((i) => (weights[i] as number) >= threshold);
  }
  kept.sort((a, b) => (weights[b] as number) - (weights[a] as number) || a - b);
  if (kept.length > count) kept.length = count;
  return kept;
}
