/**
 * Splits `length` consecutive intervals into at most `maxBuckets` contiguous runs of nearly
 * equal size (sizes differ by at most one), for drawing a long series in fewer points.
 * Run k covers intervals [start, end). Pure integer arithmetic, so it is the same everywhere.
 *
 * @example bucketRanges(10, 4) // [{start: 0, end: 2}, {start: 2, end: 5}, {start: 5, end: 7}, {start: 7, end: 10}]
 */
export function bucketRanges(length: number, maxBuckets: number): { start: number; end: number }[] {
  const buckets = Math.max(0, Math.min(length, Math.floor(maxBuckets)));
  const ranges: { start: number; end: number }[] = [];
  for (let k = 0; k < buckets; k++) {
    ranges.push({
      start: Math.floor((k * length) / buckets),
      end: Math.floor(((k + 1) * length) / buckets),
    });
  }
  return ranges;
}
