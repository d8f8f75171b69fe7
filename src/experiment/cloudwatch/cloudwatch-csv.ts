import { csvField } from "../files/csv-field.js";
import type { CloudWatchMetric } from "./kinesis-metrics.js";

/**
 * The stream-level metrics as a CloudWatch export: a `Timestamp` column (seconds from the
 * run's start) and one column per metric holding its Sum for the period, one row per period.
 * It is the shape kinesim replays (models/workload/trace/cloudwatch-export.ts reads
 * IncomingRecords, IncomingBytes and WriteProvisionedThroughputExceeded from it and ignores
 * the other columns), so a run's traffic can be fed to another run.
 */
export function cloudWatchCsv(metrics: readonly CloudWatchMetric[]): string {
  const columns = metrics.filter(
    (metric) => metric.dimensions.length === 1 && metric.statistics.includes("Sum"),
  );
  const lines = [["Timestamp", ...columns.map((metric) => csvField(metric.metricName))].join(",")];
  const periods = columns[0]?.points ?? [];
  periods.forEach((point, period) => {
    const cells = [String(point.timestampSeconds)];
    for (const metric of columns) {
      const here = metric.points[period];
      if (here === undefined || here.timestampSeconds !== point.timestampSeconds) {
        throw new Error(`cloudWatchCsv: ${metric.metricName} misses a period`);
      }
      cells.push(String(here.statistics.sum ?? 0));
    }
    lines.push(cells.join(","));
  });
  return `${lines.join("\n")}\n`;
}
