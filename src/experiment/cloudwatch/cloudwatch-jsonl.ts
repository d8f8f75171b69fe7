import { int } from "../../format/number-format.js";
import type { CloudWatchMetric, Statistic } from "./kinesis-metrics.js";

/**
 * More lines than this is taken for a mistake: at about 200 bytes a line, 2 million lines are
 * some 400 MB, near what a text file handed to jq or a spreadsheet can be.
 */
export const JSONL_LINES_LIMIT = 2_000_000;

const FIELD: Record<Statistic, "sum" | "maximum" | "average" | "sampleCount"> = {
  Sum: "sum",
  Maximum: "maximum",
  Average: "average",
  SampleCount: "sampleCount",
};

/**
 * Why the JSON lines of a run would be too long, or undefined: checked before the metrics
 * are built, from an upper bound of their data points (every metric has a point a period).
 *
 * @param metricCount how many metrics (name and dimensions) the run has at most
 */
export function jsonLinesProblem(
  metricCount: number,
  periods: number,
  periodSeconds: number,
): string | undefined {
  const total = metricCount * periods;
  if (total <= JSONL_LINES_LIMIT) return undefined;
  const minutes = Math.ceil((periodSeconds * total) / JSONL_LINES_LIMIT / 60);
  return `--format cloudwatch-jsonl: up to ${int(total)} data points (${int(metricCount)} metrics × ${int(periods)} periods of ${int(periodSeconds)} s), above the limit of ${int(JSONL_LINES_LIMIT)} lines; use --period ${minutes}m or coarser`;
}

/**
 * The metrics as JSON lines, one data point a line, shaped like CloudWatch's own records of
 * a data point: `{"Namespace":"AWS/Kinesis","MetricName":…,"Dimensions":[{"Name":…,"Value":…}],
 * "Timestamp":seconds from the run's start,"Period":seconds,"Unit":…,"Sum":…}`, with the
 * statistics kinesim computes for that metric (kinesis-facts.md §10). Lines come metric by
 * metric, in time order within each.
 */
export function cloudWatchJsonLines(
  metrics: readonly CloudWatchMetric[],
  periodSeconds: number,
): string {
  const lines: string[] = [];
  for (const metric of metrics) {
    const dimensions = metric.dimensions.map((d) => ({ Name: d.name, Value: d.value }));
    for (const point of metric.points) {
      const line: Record<string, unknown> = {
        Namespace: "AWS/Kinesis",
        MetricName: metric.metricName,
        Dimensions: dimensions,
        Timestamp: point.timestampSeconds,
        Period: periodSeconds,
        Unit: metric.unit,
      };
      for (const statistic of metric.statistics) {
        line[statistic] = point.statistics[FIELD[statistic]] ?? null;
      }
      lines.push(JSON.stringify(line));
    }
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
