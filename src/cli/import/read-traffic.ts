import { UserError } from "../../experiment/config/user-error.js";
import { awsCall } from "./aws-errors.js";
import { type CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from "./aws-sdk.js";

/** One minute of a stream's traffic, from its stream-level CloudWatch metrics (Sum). */
export interface TrafficMinute {
  /** Start of the minute, milliseconds since the epoch. */
  readonly timeMs: number;
  readonly incomingRecords: number;
  readonly incomingBytes: number;
  readonly throttledRecords: number;
}

export interface StreamTraffic {
  readonly startMs: number;
  readonly endMs: number;
  /** Minutes with data points, in time order; minutes without any are left out, as CloudWatch leaves them. */
  readonly minutes: readonly TrafficMinute[];
  /**
   * Minutes with data points but no record size, left out too: IncomingRecords above 0
   * without IncomingBytes, or throttled records while none was accepted.
   */
  readonly unsized: number;
  /** GetMetricData calls made (one per page). */
  readonly calls: number;
}

/** One-minute data points are kept for 15 days (kinesis-facts.md §14). */
export const MAX_DAYS = 15;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The metrics read, by query id: stream-level, Sum per 60 s (kinesis-facts.md §14). */
const QUERIES = {
  records: "IncomingRecords",
  bytes: "IncomingBytes",
  throttled: "WriteProvisionedThroughputExceeded",
} as const;
type QueryId = keyof typeof QUERIES;

/** As for ListShards: a bound no honest server reaches, so a looping NextToken stops. */
const MAX_PAGES = 10_000;

/**
 * GetMetricData for the `days` whole days before `nowMs` (rounded down to the minute):
 * IncomingRecords, IncomingBytes and WriteProvisionedThroughputExceeded, Sum per minute,
 * following NextToken (kinesis-facts.md §14: 3 queries of the 500 a call may hold; a call
 * returns at most 100,800 data points, and 15 days of 3 metrics are 64,800).
 */
export async function readTraffic(
  cloudWatch: CloudWatchClient,
  streamName: string,
  days: number,
  nowMs: number,
  endpoint?: string,
): Promise<StreamTraffic> {
  const endMs = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  const startMs = endMs - days * DAY_MS;
  const queries: MetricDataQuery[] = (Object.keys(QUERIES) as QueryId[]).map((id) => ({
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: "AWS/Kinesis",
        MetricName: QUERIES[id],
        Dimensions: [{ Name: "StreamName", Value: streamName }],
      },
      Period: 60,
      Stat: "Sum",
    },
    ReturnData: true,
  }));
  const points: Record<QueryId, Map<number, number>> = {
    records: new Map(),
    bytes: new Map(),
    throttled: new Map(),
  };
  let token: string | undefined;
  let calls = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const nextToken = token;
    const answer = await awsCall(
      { call: "CloudWatch GetMetricData", stream: streamName, endpoint },
      () =>
        cloudWatch.send(
          new GetMetricDataCommand({
            MetricDataQueries: queries,
            StartTime: new Date(startMs),
            EndTime: new Date(endMs),
            ScanBy: "TimestampAscending",
            ...(nextToken === undefined ? {} : { NextToken: nextToken }),
          }),
        ),
    );
    calls++;
    for (const result of answer.MetricDataResults ?? []) {
      const id = result.Id as QueryId;
      const target = points[id];
      if (target === undefined) continue;
      if (result.StatusCode === "Forbidden" || result.StatusCode === "InternalError") {
        // InternalError may be retried with the NextToken; without one there is no more.
        if (result.StatusCode === "Forbidden" || answer.NextToken === undefined) {
          const why = (result.Messages ?? []).map((m) => m.Value).join("; ");
          throw new UserError(
            `CloudWatch GetMetricData: ${result.StatusCode} for ${QUERIES[id]}${why === "" ? "" : ` (${why})`}`,
          );
        }
      }
      const times = result.Timestamps ?? [];
      const values = result.Values ?? [];
      if (times.length !== values.length) {
        throw new UserError(
          `CloudWatch GetMetricData: ${QUERIES[id]} has ${times.length} timestamps and ${values.length} values`,
        );
      }
      times.forEach((time, i) => {
        const timeMs = new Date(time).getTime();
        const value = values[i] as number;
        if (!Number.isFinite(timeMs) || !Number.isFinite(value) || value < 0) {
          throw new UserError(
            `CloudWatch GetMetricData: ${QUERIES[id]} has the data point ${JSON.stringify(value)} at ${JSON.stringify(time)}, not a Sum ≥ 0 at a time`,
          );
        }
        // Points of a 60-second period start on whole minutes, inside the window asked for.
        if (timeMs % MINUTE_MS !== 0 || timeMs < startMs || timeMs >= endMs) {
          throw new UserError(
            `CloudWatch GetMetricData: ${QUERIES[id]} has a data point at ${new Date(timeMs).toISOString()}, not a whole minute from ${new Date(startMs).toISOString()} to ${new Date(endMs).toISOString()}`,
          );
        }
        target.set(timeMs, value);
      });
    }
    token = answer.NextToken;
    if (token === undefined) break;
  }
  return { startMs, endMs, calls, ...joinMinutes(points) };
}

/** The minutes with an IncomingRecords data point, in time order, joined with the others. */
function joinMinutes(points: Record<QueryId, Map<number, number>>) {
  const minutes: TrafficMinute[] = [];
  let unsized = 0;
  const times = [...points.records.keys()].sort((a, b) => a - b);
  for (const timeMs of times) {
    const incomingRecords = points.records.get(timeMs) as number;
    const incomingBytes = points.bytes.get(timeMs) ?? 0;
    const throttledRecords = points.throttled.get(timeMs) ?? 0;
    // The replay sizes a minute's records, throttled ones too, by IncomingBytes ÷
    // IncomingRecords: a minute without both has no size.
    if (incomingRecords === 0 ? incomingBytes > 0 || throttledRecords > 0 : incomingBytes === 0) {
      unsized++;
      continue;
    }
    minutes.push({ timeMs, incomingRecords, incomingBytes, throttledRecords });
  }
  return { minutes, unsized };
}
