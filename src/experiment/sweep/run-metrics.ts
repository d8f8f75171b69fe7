import { scaledToMonthUsd } from "../../../models/cost/scaled-month.js";
import type { RunResult } from "../run/result-types.js";

/**
 * The numbers a sweep summarizes for every run, in a fixed order. Each is read from the run's
 * result object (see the README's result table), except `cost.monthlyUsdScaled`: the run's cost
 * scaled to the limits profile's month, 730 h unless set (models/cost/scaled-month.ts). The
 * last three reduce lists to one number.
 */
export const SWEEP_METRICS = [
  "throttleRate",
  "dataLoss.fraction",
  "dataLoss.records",
  "records.offered",
  "records.accepted",
  "records.throttledAttempts",
  "records.dropped",
  "records.delivered",
  "records.expiredUnread",
  "records.unread",
  "records.pendingAtProducer",
  "latencyMs.mean",
  "latencyMs.p50",
  "latencyMs.p90",
  "latencyMs.p99",
  "latencyMs.p999",
  "latencyMs.max",
  "cost.usd",
  "cost.monthlyUsdScaled",
  "consumers.maxMillisBehindLatest",
  "shards.throttled",
  "shards.maxPeakDemandRecordsPerSecond",
] as const;

export type SweepMetric = (typeof SWEEP_METRICS)[number];

/** The values of {@link SWEEP_METRICS} for one run, in order. */
export function runMetrics(result: RunResult): number[] {
  const r = result.records;
  const l = result.latencyMs;
  return [
    result.throttleRate,
    result.dataLoss.fraction,
    result.dataLoss.records,
    r.offered,
    r.accepted,
    r.throttledAttempts,
    r.dropped,
    r.delivered,
    r.expiredUnread,
    r.unread,
    r.pendingAtProducer,
    l.mean,
    l.p50,
    l.p90,
    l.p99,
    l.p999,
    l.max,
    result.cost.usd,
    scaledToMonthUsd(result.cost.usd, result.durationSeconds, result.cost.monthHours),
    result.consumers.reduce((max, c) => Math.max(max, c.maxMillisBehindLatest), 0),
    result.shards.filter((shard) => shard.throttledAttempts > 0).length,
    result.shards.reduce((max, shard) => Math.max(max, shard.peakDemandRecordsPerSecond), 0),
  ];
}
