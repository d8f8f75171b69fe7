import type { RunResult, RunSeries, ShardResult } from "../run/result-types.js";
import {
  countSets,
  type IntervalSets,
  type PeriodStatistics,
  periodStatistics,
} from "./period-statistics.js";

/** The statistics kinesim writes, under CloudWatch's names. */
export type Statistic = "Sum" | "Maximum" | "Average" | "SampleCount";

export interface Dimension {
  readonly name: "StreamName" | "ShardId" | "ConsumerName";
  readonly value: string;
}

/** One period's data point of a metric. */
export interface DataPoint {
  /** Start of the period, seconds from the run's start. */
  readonly timestampSeconds: number;
  readonly statistics: PeriodStatistics;
}

/** One CloudWatch metric (a name and its dimensions) over the run. */
export interface CloudWatchMetric {
  readonly metricName: string;
  readonly dimensions: readonly Dimension[];
  readonly unit: "Count" | "Bytes" | "Milliseconds";
  /** The statistics kinesim computes exactly for it (kinesis-facts.md §10). */
  readonly statistics: readonly Statistic[];
  readonly points: readonly DataPoint[];
}

export interface MappingOptions {
  /** Period length, a whole number of the series' intervals. */
  readonly periodUs: number;
  /**
   * Whether every producer puts with PutRecords: PutRecords.ThrottledRecords counts only its
   * refusals, and kinesim does not count PutRecord's apart.
   */
  readonly putRecordsOnly: boolean;
}

/**
 * kinesim's series as CloudWatch's Kinesis metrics (kinesis-facts.md §10): the stream-level
 * ones (dimension StreamName, the experiment's name), the enhanced shard-level ones
 * (StreamName, ShardId) and the enhanced fan-out consumers' (StreamName, ConsumerName), each
 * aggregated per period. The order is fixed: stream metrics, then each shard's in the
 * series' shard order, then each consumer's, so the same run gives the same list.
 */
export function cloudWatchMetrics(
  result: RunResult,
  series: RunSeries,
  options: MappingOptions,
): CloudWatchMetric[] {
  const intervalUs = Math.round(series.resolutionSeconds * 1_000_000);
  const perPeriod = Math.round(options.periodUs / intervalUs);
  if (perPeriod < 1 || perPeriod * intervalUs !== options.periodUs) {
    throw new Error("cloudWatchMetrics: the period must be a whole number of series intervals");
  }
  const periodSeconds = options.periodUs / 1_000_000;
  const intervals = series.shards[0]?.incomingRecords.length ?? 0;
  const stream: Dimension = { name: "StreamName", value: result.name };
  const build = (
    metricName: string,
    dimensions: readonly Dimension[],
    unit: CloudWatchMetric["unit"],
    statistics: readonly Statistic[],
    sets: IntervalSets,
    keep: (period: number, point: PeriodStatistics) => boolean = () => true,
  ): CloudWatchMetric => ({
    metricName,
    dimensions,
    unit,
    statistics,
    points: periodStatistics(sets, perPeriod).flatMap((point, period) =>
      keep(period, point)
        ? [{ timestampSeconds: Number((period * periodSeconds).toFixed(6)), statistics: point }]
        : [],
    ),
  });
  const sum: readonly Statistic[] = ["Sum"];
  const shards = series.shards;
  const totalOf = (pick: (shard: RunSeries["shards"][number]) => ArrayLike<number> | undefined) =>
    sumArrays(shards.map(pick), intervals);
  const metrics: CloudWatchMetric[] = [
    build("IncomingRecords", [stream], "Count", sum, countSets(totalOf((s) => s.incomingRecords))),
    build("IncomingBytes", [stream], "Bytes", sum, countSets(totalOf((s) => s.incomingBytes))),
    build(
      "WriteProvisionedThroughputExceeded",
      [stream],
      "Count",
      sum,
      countSets(totalOf((s) => s.throttledRecords)),
    ),
  ];
  if (options.putRecordsOnly) {
    metrics.push(
      build(
        "PutRecords.ThrottledRecords",
        [stream],
        "Count",
        sum,
        countSets(totalOf((s) => s.throttledRecords)),
      ),
    );
  }
  metrics.push(
    build(
      "ReadProvisionedThroughputExceeded",
      [stream],
      "Count",
      sum,
      countSets(totalOf((s) => s.readThrottled)),
    ),
  );
  const polling = new Set(
    result.consumers.filter((c) => c.mode === "polling").map((consumer) => consumer.name),
  );
  const pollingReceived = sumArrays(
    series.consumers.filter((c) => polling.has(c.name)).map((c) => c.recordsReceived),
    intervals,
  );
  metrics.push(build("GetRecords.Records", [stream], "Count", sum, countSets(pollingReceived)));
  const iteratorAge = iteratorAgeMetrics(result, series, intervals);
  if (iteratorAge !== undefined) {
    metrics.push(
      build(
        "GetRecords.IteratorAgeMilliseconds",
        [stream],
        "Milliseconds",
        ["Maximum"],
        iteratorAge,
      ),
    );
  }

  const shardResults = new Map(result.shards.map((shard) => [shard.shardId, shard]));
  for (const shard of shards) {
    const dimensions = [stream, { name: "ShardId", value: shard.shardId } as const];
    const open = openPeriods(shardResults.get(shard.shardId), periodSeconds, result);
    // A shard's data points: the periods it was open, and any later one it still served
    // reads in (consumers finish a closed parent after it closes).
    const keep = (period: number, point: PeriodStatistics) => open(period) || (point.sum ?? 0) > 0;
    const shardMetric = (
      name: string,
      unit: CloudWatchMetric["unit"],
      values?: ArrayLike<number>,
    ) => build(name, dimensions, unit, sum, countSets(values ?? new Float64Array(intervals)), keep);
    metrics.push(
      shardMetric("IncomingRecords", "Count", shard.incomingRecords),
      shardMetric("IncomingBytes", "Bytes", shard.incomingBytes),
      shardMetric("WriteProvisionedThroughputExceeded", "Count", shard.throttledRecords),
      shardMetric("ReadProvisionedThroughputExceeded", "Count", shard.readThrottled),
      shardMetric("OutgoingRecords", "Count", shard.outgoingRecords),
      shardMetric("OutgoingBytes", "Bytes", shard.outgoingBytes),
    );
    // Written beside the stream-level one, from the same ages: only polling applications'.
    const ages = shard.getRecordsIteratorAgeMs;
    if (iteratorAge !== undefined && ages !== undefined) {
      metrics.push(
        build(
          "IteratorAgeMilliseconds",
          dimensions,
          "Milliseconds",
          ["Maximum"],
          // One reading per interval, as at stream level: the same sample counts serve.
          { sampleCount: iteratorAge.sampleCount, maximum: ages },
          (period, point) => open(period) || (point.maximum ?? 0) > 0,
        ),
      );
    }
  }

  const efo = new Set(result.consumers.filter((c) => c.mode === "efo").map((c) => c.name));
  for (const consumer of series.consumers) {
    if (!efo.has(consumer.name)) continue;
    const dimensions = [stream, { name: "ConsumerName", value: consumer.name } as const];
    if (consumer.recordsReceived !== undefined) {
      metrics.push(
        build(
          "SubscribeToShardEvent.Records",
          dimensions,
          "Count",
          sum,
          countSets(consumer.recordsReceived),
        ),
      );
    }
    const readings = consumer.millisBehindLatestReadings;
    if (readings !== undefined) {
      // Each interval holds its largest reading, not their sum: Maximum and SampleCount are
      // exact, Average is not kept. A period without an event has no data point.
      metrics.push(
        build(
          "SubscribeToShardEvent.MillisBehindLatest",
          dimensions,
          "Milliseconds",
          ["Maximum", "SampleCount"],
          { sampleCount: readings, maximum: consumer.millisBehindLatest },
          (_period, point) => point.sampleCount > 0,
        ),
      );
    }
  }
  return metrics;
}

/**
 * `GetRecords.IteratorAgeMilliseconds` (StreamName): the age of the oldest record a polling
 * application has not read, at its largest in each period (Maximum only: each interval keeps
 * its largest age, kinesis-facts.md §10). It is the age at every instant, read or not
 * (models/consumers/unread-age.ts), so it grows while an application is stopped, as
 * CloudWatch's does; never MillisBehindLatest as calls reported it. Enhanced fan-out
 * applications make no GetRecords calls, so they are not in it; runs read from
 * timeseries.csv (which does not carry the ages) write none.
 */
export function iteratorAgeMetrics(
  result: RunResult,
  series: RunSeries,
  intervals: number,
): IntervalSets | undefined {
  const polling = new Set(result.consumers.filter((c) => c.mode === "polling").map((c) => c.name));
  const ages = series.consumers.filter((c) => polling.has(c.name)).map((c) => c.oldestUnreadAgeMs);
  if (ages.length === 0 || ages.some((values) => values === undefined)) return undefined;
  const maximum = new Float64Array(intervals);
  for (const values of ages as ArrayLike<number>[]) {
    for (let i = 0; i < intervals; i++) maximum[i] = Math.max(maximum[i] as number, values[i] ?? 0);
  }
  return { sampleCount: new Float64Array(intervals).fill(1), maximum };
}

/** Whether a period overlaps the time the shard was open (every period when unknown). */
function openPeriods(shard: ShardResult | undefined, periodSeconds: number, result: RunResult) {
  const opened = shard?.openedAtSeconds ?? 0;
  const closed = shard?.closedAtSeconds ?? result.durationSeconds;
  return (period: number) => {
    const start = period * periodSeconds;
    return start < closed && start + periodSeconds > opened;
  };
}

/** Element-wise sum of the arrays given (a missing one counts as zeros). */
function sumArrays(arrays: readonly (ArrayLike<number> | undefined)[], length: number) {
  const total = new Float64Array(length);
  for (const values of arrays) {
    if (values === undefined) continue;
    for (let i = 0; i < length; i++) total[i] = (total[i] as number) + (values[i] as number);
  }
  return total;
}
