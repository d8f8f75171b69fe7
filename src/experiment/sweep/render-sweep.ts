import type { MeanInterval } from "../../stats/mean-interval.js";
import { csvField } from "../files/csv-field.js";
import type { SweepOutput } from "./sweep-output.js";

/** Columns of the human-readable sweep table: label, metric, and how to show a value. */
const TABLE_COLUMNS: [string, string, (value: number) => string][] = [
  ["throttle %", "throttleRate", (v) => (v * 100).toFixed(2)],
  ["loss %", "dataLoss.fraction", (v) => (v * 100).toFixed(2)],
  ["p50 ms", "latencyMs.p50", (v) => v.toFixed(0)],
  ["p99 ms", "latencyMs.p99", (v) => v.toFixed(0)],
  ["behind s", "consumers.maxMillisBehindLatest", (v) => (v / 1000).toFixed(1)],
  // The cost tells apart points the other columns show alike (provisioned against on-demand).
  ["cost $", "cost.usd", (v) => v.toFixed(4)],
  ["$/month", "cost.monthlyUsdScaled", (v) => v.toFixed(2)],
];

/**
 * The sweep as a table: one row per point, each cell `mean ±half-width` of the 95 % interval
 * (no interval with one replication).
 */
export function renderSweepTable(output: SweepOutput): string {
  const header = [
    ...output.vary.map((dimension) => dimension.path),
    ...TABLE_COLUMNS.map(([label]) => label),
  ];
  const rows = output.points.map((point) => [
    ...output.vary.map((dimension) => point.values[dimension.path] ?? ""),
    ...TABLE_COLUMNS.map(([, metric, show]) => cell(point.metrics[metric], show)),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells.map((text, column) => text.padStart(widths[column] ?? 0)).join("  ");
  const runs = output.points.length * output.replications;
  return [
    `${output.name} · sweep of ${output.points.length} points × ${output.replications} replications = ${runs} runs · master seed ${output.masterSeed}`,
    output.replications > 1
      ? "each cell: mean ± half-width of the Student-t 95 % interval"
      : "one replication: no intervals",
    "",
    line(header),
    ...rows.map(line),
    "",
    // The limits profile's month: the Pricing Calculator's 730 h unless set (kinesis-facts.md §11).
    "$/month is each run's cost scaled to a month of limits.hoursPerMonth (730 h unless set)",
    "",
  ].join("\n");
}

function cell(interval: MeanInterval | undefined, show: (value: number) => string): string {
  if (interval === undefined) return "";
  if (interval.ci95 === null) return show(interval.mean);
  return `${show(interval.mean)} ±${show((interval.ci95[1] - interval.ci95[0]) / 2)}`;
}

/** The sweep as CSV: one row per point; for each metric its mean and interval bounds. */
export function renderSweepCsv(output: SweepOutput): string {
  const header = [
    ...output.vary.map((dimension) => dimension.path),
    "runs",
    ...output.metrics.flatMap((metric) => [
      `${metric}.mean`,
      `${metric}.ci95Low`,
      `${metric}.ci95High`,
    ]),
  ];
  const rows = output.points.map((point) => [
    ...output.vary.map((dimension) => point.values[dimension.path] ?? ""),
    String(point.runs),
    ...output.metrics.flatMap((metric) => {
      const interval = point.metrics[metric];
      return [
        String(interval?.mean ?? ""),
        String(interval?.ci95?.[0] ?? ""),
        String(interval?.ci95?.[1] ?? ""),
      ];
    }),
  ]);
  return `${[header, ...rows].map((row) => row.map(csvField).join(",")).join("\n")}\n`;
}
