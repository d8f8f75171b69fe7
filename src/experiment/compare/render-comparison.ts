import type { Comparison, EntityComparison, MetricComparison } from "./compare-results.js";
import { describeIdentity, metricDelta, metricValue } from "./metric-text.js";

/**
 * The terminal form of a comparison: which runs (A is the baseline), how they differ, then
 * one table: the headline numbers, each producer, each consumer and each cost item, with A,
 * B and the change from A to B.
 */
export function renderComparison(comparison: Comparison): string {
  const lines = [
    `A  ${describeIdentity(comparison.a)}`,
    `B  ${describeIdentity(comparison.b)}`,
    ...comparison.notes.map((note) => `   ${note}`),
    "",
  ];
  const rows: string[][] = [["", "A", "B", "B - A"]];
  rows.push(...comparison.headline.map((metric) => metricRow(metric, "")));
  const entities = (kind: string, list: readonly EntityComparison[]) => {
    for (const entity of list) {
      const only = entity.in === "both" ? "" : ` (only in ${entity.in})`;
      rows.push([`${kind} ${entity.name}${only}`]);
      rows.push(...entity.metrics.map((metric) => metricRow(metric, "  ")));
    }
  };
  entities("producer", comparison.producers);
  entities("consumer", comparison.consumers);
  if (comparison.costItems.length > 0) {
    rows.push(["cost by item"]);
    for (const item of comparison.costItems) {
      const only = item.in === "both" ? "" : ` (only in ${item.in})`;
      const cost = item.metrics[0];
      if (cost !== undefined)
        rows.push(metricRow({ ...cost, metric: `${item.name}${only}` }, "  "));
    }
  }
  lines.push(...table(rows));
  return `${lines.join("\n")}\n`;
}

function metricRow(metric: MetricComparison, indent: string): string[] {
  return [
    `${indent}${metric.metric}`,
    metricValue(metric.kind, metric.a),
    metricValue(metric.kind, metric.b),
    metricDelta(metric),
  ];
}

/**
 * Rows of up to four cells: the first left-aligned, A and B right-aligned, the change
 * left-aligned (its words vary in length). A row of one cell is a heading across the table.
 */
function table(rows: readonly string[][]): string[] {
  const width = (column: number) =>
    Math.max(...rows.filter((row) => row.length > 1).map((row) => [...(row[column] ?? "")].length));
  const widths = [0, 1, 2].map(width);
  return rows.map((row) => {
    if (row.length === 1) return `  ${row[0]}`;
    const [name = "", a = "", b = "", delta = ""] = row;
    return `  ${pad(name, widths[0] ?? 0)}  ${pad(a, widths[1] ?? 0, true)}  ${pad(b, widths[2] ?? 0, true)}  ${delta}`.trimEnd();
  });
}

/** Pads by characters (code points), not UTF-16 units: "–" and "·" are one column each. */
function pad(text: string, width: number, start = false): string {
  const fill = " ".repeat(Math.max(0, width - [...text].length));
  return start ? fill + text : text + fill;
}
