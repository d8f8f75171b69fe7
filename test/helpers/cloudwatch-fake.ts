import type {
  GetMetricDataCommandInput,
  GetMetricDataCommandOutput,
  MetricDataResult,
} from "@aws-sdk/client-cloudwatch";

/** A minute's stream-level Sums; a metric left out has no data point that minute. */
export interface FakeMinute {
  readonly IncomingRecords?: number;
  readonly IncomingBytes?: number;
  readonly WriteProvisionedThroughputExceeded?: number;
}

/**
 * GetMetricData as the CloudWatch API reference describes its answer: per query a
 * MetricDataResult with Id, Label, Timestamps and Values of equal length, and StatusCode
 * PartialData while a NextToken follows (Complete on the last page); data points in the
 * order ScanBy asks for (TimestampDescending unless told). Minutes without data points
 * are absent, as CloudWatch leaves them out. `pageSize` data points per metric per call.
 */
export function fakeGetMetricData(
  traffic: (timeMs: number) => FakeMinute | undefined,
  pageSize: number,
): (input: GetMetricDataCommandInput) => Omit<GetMetricDataCommandOutput, "$metadata"> {
  return (input) => {
    const start = (input.StartTime as Date).getTime();
    const end = (input.EndTime as Date).getTime();
    const offset = input.NextToken === undefined ? 0 : Number(input.NextToken);
    let more = false;
    const results: MetricDataResult[] = (input.MetricDataQueries ?? []).map((query) => {
      const metric = query.MetricStat?.Metric?.MetricName as keyof FakeMinute;
      const points: [number, number][] = [];
      // EndTime is exclusive, StartTime inclusive.
      for (let time = start; time < end; time += 60_000) {
        const value = traffic(time)?.[metric];
        if (value !== undefined) points.push([time, value]);
      }
      if (input.ScanBy !== "TimestampAscending") points.reverse();
      const page = points.slice(offset, offset + pageSize);
      const partial = offset + pageSize < points.length;
      more ||= partial;
      return {
        Id: query.Id,
        Label: metric,
        Timestamps: page.map(([time]) => new Date(time)),
        Values: page.map(([, value]) => value),
        StatusCode: partial ? "PartialData" : "Complete",
        Messages: [],
      };
    });
    return {
      MetricDataResults: results,
      Messages: [],
      ...(more ? { NextToken: String(offset + pageSize) } : {}),
    };
  };
}
