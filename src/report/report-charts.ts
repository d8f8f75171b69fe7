import type { RunResult, RunSeries } from "../experiment/run/result-types.js";
import { clock, count, int, ms, percent, seconds } from "../format/number-format.js";
import { KINESIS_PERIOD_SECONDS, periodName } from "./chart-period.js";
import { costChart } from "./cost-chart.js";
import { eventMarks } from "./event-marks.js";
import { lagChart } from "./lag-chart.js";
import { latencyFigure } from "./latency-figure.js";
import { leaseChart } from "./lease-chart.js";
import { lineageChart } from "./lineage-chart.js";
import { lossChart } from "./loss-chart.js";
import { type OverTime, overTime } from "./over-time.js";
import type { ReportFigure } from "./report-figure.js";
import { bucketSeconds, buckets, LINE_POINTS } from "./series-view.js";
import { HEATMAP_COLUMNS, shardHeatmapChart } from "./shard-heatmap-chart.js";
import { shardIncomingChart } from "./shard-incoming-chart.js";
import { throttledChart } from "./throttled-chart.js";

/** A chart with its title and a one-sentence caption. */
/** Up to this many shards get one line each; more get a heatmap. */
export const MAX_SHARD_LINES = 8;

/**
 * The report's charts for a result and (when there is one) its series, and a sentence for
 * each chart that was left out and why. Charts that do not apply (lineage without
 * resharding, leases without a KCL application) are simply absent.
 */
export function reportCharts(
  result: RunResult,
  series: RunSeries | undefined,
): { figures: ReportFigure[]; leftOut: string[] } {
  const figures: ReportFigure[] = [];
  const leftOut: string[] = [];
  // Every chart over time shares one time axis: the run's length, its clock, its events.
  const time = overTime(result, eventMarks(result));
  if (series === undefined) {
    leftOut.push(
      "Left out, because no series (timeseries.csv) was given: incoming writes per shard, throttling over time" +
        (result.consumers.length > 0 ? " and MillisBehindLatest." : "."),
    );
  } else {
    figures.push(incomingFigure(result, series, time), throttledFigure(result, series, time));
    if (series.consumers.length > 0) figures.push(lagFigure(result, series, time));
  }
  const latency = latencyFigure(result);
  if (latency !== undefined) figures.push(latency);
  else leftOut.push("No latency distribution: no record reached a consumer application.");
  if (
    result.shards.some((shard) => shard.parentShardIds.length > 0 || shard.closedAtSeconds !== null)
  ) {
    figures.push(lineageFigure(result, time));
  }
  for (const consumer of result.consumers) {
    if (consumer.kcl === undefined) continue;
    const stops = consumer.kcl.failovers.map(
      (f) =>
        `worker ${f.worker} stopped at ${clock(f.stoppedAtSeconds)} holding ${f.leases} lease${f.leases === 1 ? "" : "s"}, ` +
        (f.recoverySeconds === null
          ? "which were not all owned again by the end"
          : `all owned again after ${f.recoverySeconds.toFixed(1)} s`),
    );
    figures.push({
      name: "lease-ownership",
      title: `Lease ownership: ${consumer.name}`,
      caption:
        `${consumer.name} ran ${consumer.kcl.workers} KCL workers` +
        (stops.length === 0 ? " and none stopped" : `; ${stops.join("; ")}`) +
        `; ${count(consumer.redelivered)} records were delivered again after a change of owner.`,
      svg: leaseChart({ ...time, consumerName: consumer.name, kcl: consumer.kcl }),
    });
  }
  figures.push({
    name: "data-loss",
    title: "Data loss",
    caption:
      "A record is lost when no consumer application ever receives it: the producer dropped it after its retries, or retention trimmed it before it was read.",
    svg: lossChart(result),
  });
  figures.push({
    name: "cost",
    title: "Cost",
    caption: `What the simulated ${seconds(result.durationSeconds)} cost at the ${result.profile} profile's prices (us-east-1).`,
    svg: costChart(result.cost),
  });
  return { figures, leftOut };
}

/**
 * "one point per 1 min period, its Sum per second": the period and the statistic of a chart's
 * points, as CloudWatch names them (kinesis-facts.md §10), and a warning when the period is
 * finer than the one-minute data points Kinesis sends CloudWatch.
 */
function periodPhrase(
  result: RunResult,
  series: RunSeries,
  statistic: "Sum per second" | "Maximum",
  maxPoints = LINE_POINTS,
): string {
  const intervals = series.shards[0]?.incomingRecords.length ?? 0;
  const period = bucketSeconds(
    buckets(intervals, series.resolutionSeconds, result.durationSeconds, maxPoints),
  );
  const finer =
    period < KINESIS_PERIOD_SECONDS
      ? ", finer than the 1 min data points Kinesis sends CloudWatch"
      : "";
  return `one point per ${periodName(period)} period, its ${statistic}${finer}`;
}

function incomingFigure(result: RunResult, series: RunSeries, time: OverTime): ReportFigure {
  const limits = result.shardWriteLimits;
  const input = { ...time, limits, shards: result.shards, series };
  const hottest = [...result.shards].sort(
    (a, b) => b.peakRecordsPerSecond - a.peakRecordsPerSecond,
  )[0];
  const peak =
    hottest === undefined
      ? ""
      : ` The busiest shard, ${hottest.shardId}, took ${int(hottest.peakRecordsPerSecond)} records/s at its peak.`;
  if (result.shards.length > MAX_SHARD_LINES) {
    return {
      name: "shard-utilization",
      title: "Shard utilization",
      caption: `Each row is a shard (key-space order), each cell its incoming writes ÷ its limit of ${int(limits.recordsPerSecond)} records/s or ${int(limits.bytesPerSecond)} bytes/s, whichever is higher, in tenths up to 100 % (blue); red where the shard throttled writes (WriteProvisionedThroughputExceeded above 0), whatever its mean; blank where the shard was not open; ${periodPhrase(result, series, "Sum per second", HEATMAP_COLUMNS)}.${peak}`,
      svg: shardHeatmapChart(input),
    };
  }
  return {
    name: "shard-incoming",
    title: "IncomingRecords and IncomingBytes per shard",
    caption: `CloudWatch's IncomingRecords and IncomingBytes (records and bytes accepted) per second of each shard against one shard's write limit (dashed; ${periodPhrase(result, series, "Sum per second")}).${peak}`,
    svg: shardIncomingChart(input),
  };
}

function throttledFigure(result: RunResult, series: RunSeries, time: OverTime): ReportFigure {
  const worst = [...result.shards].sort((a, b) => b.throttledAttempts - a.throttledAttempts)[0];
  const caption =
    result.records.throttledAttempts === 0 || worst === undefined
      ? "No put attempt was throttled (WriteProvisionedThroughputExceeded stayed 0)."
      : `${count(result.records.throttledAttempts)} put attempts were throttled, CloudWatch's WriteProvisionedThroughputExceeded (${percent(result.throttleRate)} of attempts, retries included), ${count(worst.throttledAttempts)} of them on ${worst.shardId}; ${periodPhrase(result, series, "Sum per second")}.`;
  return {
    name: "throttled",
    title: "WriteProvisionedThroughputExceeded over time",
    caption,
    svg: throttledChart({ ...time, series }),
  };
}

function lagFigure(result: RunResult, series: RunSeries, time: OverTime): ReportFigure {
  const maxAge = (c: RunResult["consumers"][number]) =>
    c.maxOldestUnreadAgeMs ?? c.maxMillisBehindLatest;
  const behind = [...result.consumers].sort((a, b) => maxAge(b) - maxAge(a))[0];
  const worst =
    behind === undefined || maxAge(behind) === 0
      ? "no application fell behind"
      : `${behind.name} fell furthest behind, ${ms(maxAge(behind))}`;
  return {
    name: "millis-behind-latest",
    title: "Consumer lag (oldest unread record's age, GetRecords.IteratorAgeMilliseconds)",
    caption: `How old the oldest record each application had not yet received was (${periodPhrase(result, series, "Maximum")}); ${worst}.`,
    svg: lagChart({ ...time, series }),
  };
}

function lineageFigure(result: RunResult, time: OverTime): ReportFigure {
  const done = result.operations.filter((op) => op.outcome === "completed");
  const opened = result.shards.filter((shard) => shard.parentShardIds.length > 0).length;
  const closed = result.shards.filter((shard) => shard.closedAtSeconds !== null).length;
  return {
    name: "shard-lineage",
    title: "Shard lineage",
    caption: `${done.length} of ${result.operations.length} resharding operations completed, opening ${opened} shards and closing ${closed}; a consumer reads each parent to its end before its children.`,
    svg: lineageChart({ ...time, shards: result.shards }),
  };
}
