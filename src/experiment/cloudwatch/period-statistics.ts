/**
 * A metric's samples within one of kinesim's metrics intervals, summarized the way CloudWatch
 * summarizes a statistic set: how many samples, their sum and their largest. `sum` or
 * `maximum` is left out where kinesim does not keep it (it is then not reported for the
 * period either).
 */
export interface IntervalSets {
  /** Per interval, how many samples it holds. */
  readonly sampleCount: ArrayLike<number>;
  /** Per interval, the sum of its samples. */
  readonly sum?: ArrayLike<number>;
  /** Per interval, its largest sample (read only where it has samples). */
  readonly maximum?: ArrayLike<number>;
}

/** CloudWatch's statistics of one metric over one period. */
export interface PeriodStatistics {
  readonly sampleCount: number;
  readonly sum?: number;
  /** Sum ÷ SampleCount; absent without samples or without a sum. */
  readonly average?: number;
  /** Largest sample; absent without samples. */
  readonly maximum?: number;
}

/**
 * Combines every `intervalsPerPeriod` consecutive intervals into one period, as CloudWatch
 * combines the data points within a period: sample counts and sums add up, the maximum is
 * the largest of the intervals that had samples, the average is sum ÷ sample count. The last
 * period takes what is left when the intervals do not divide evenly (a run's last, shorter
 * stretch), as CloudWatch's last period of a stream holds what arrived before it ended.
 */
export function periodStatistics(
  intervals: IntervalSets,
  intervalsPerPeriod: number,
): PeriodStatistics[] {
  if (!Number.isInteger(intervalsPerPeriod) || intervalsPerPeriod < 1) {
    throw new Error(`periodStatistics: intervalsPerPeriod must be a whole number ≥ 1`);
  }
  const { sampleCount, sum, maximum } = intervals;
  const periods: PeriodStatistics[] = [];
  for (let start = 0; start < sampleCount.length; start += intervalsPerPeriod) {
    const end = Math.min(start + intervalsPerPeriod, sampleCount.length);
    let samples = 0;
    let total = 0;
    let largest = Number.NEGATIVE_INFINITY;
    for (let i = start; i < end; i++) {
      const count = sampleCount[i] as number;
      samples += count;
      if (sum !== undefined) total += sum[i] as number;
      if (maximum !== undefined && count > 0) largest = Math.max(largest, maximum[i] as number);
    }
    periods.push({
      sampleCount: samples,
      ...(sum === undefined ? {} : { sum: total }),
      ...(sum === undefined || samples === 0 ? {} : { average: total / samples }),
      ...(maximum === undefined || samples === 0 ? {} : { maximum: largest }),
    });
  }
  return periods;
}

/**
 * A count per interval (records, bytes, refused calls) as statistic sets whose sum is the
 * count. Each interval counts as one sample, which makes only the Sum meaningful:
 * CloudWatch's samples of these metrics are single API calls, which kinesim does not keep
 * (kinesis-facts.md §10).
 */
export function countSets(values: ArrayLike<number>): IntervalSets {
  return { sampleCount: new Float64Array(values.length).fill(1), sum: values };
}
