import type {
  Comparison,
  EntityComparison,
  MetricComparison,
} from "../experiment/compare/compare-results.js";
import { describeIdentity, metricDelta, metricValue } from "../experiment/compare/metric-text.js";
import type { RunResult, RunSeries } from "../experiment/run/result-types.js";
import { comparisonCdfChart } from "./comparison-cdf-chart.js";
import { comparisonCharts } from "./comparison-charts.js";
import { escapeMarkup } from "./escape.js";
import { htmlTable } from "./html-table.js";
import { figureHtml } from "./report-figure.js";
import { REPORT_CSS } from "./report-style.js";

/** What the charts need of each run beyond the comparison. */
export interface ComparedRun {
  latencyCdf: RunResult["latencyCdf"];
  series: RunSeries | undefined;
}

/**
 * report.html for two runs side by side (`kinesim compare A B --out DIR`): which runs and how
 * they differ, the comparison's tables (A, B, B − A), and the charts over time of both runs
 * overlaid, A solid and B dashed. Self-contained and deterministic like a run's report.
 */
export function renderComparisonHtml(
  comparison: Comparison,
  a: ComparedRun,
  b: ComparedRun,
): string {
  const [seriesA, seriesB] = [a.series, b.series];
  const label = (side: "A" | "B") => {
    const run = side === "A" ? comparison.a : comparison.b;
    return `${side}: ${run.name}, seed ${run.seed}`;
  };
  const sections = [
    `<h1>${escapeMarkup(`${comparison.a.name} and ${comparison.b.name} side by side`)}</h1>`,
    `<p class="meta">A: ${escapeMarkup(describeIdentity(comparison.a))}<br>B: ${escapeMarkup(describeIdentity(comparison.b))}</p>`,
    ...comparison.notes.map(
      (note) =>
        `<p class="note">${escapeMarkup(`${note.charAt(0).toUpperCase()}${note.slice(1)}.`)}</p>`,
    ),
    "<h2>Headline</h2>",
    metricTable(comparison.headline),
    "<h2>Charts</h2>",
  ];
  if (seriesA !== undefined && seriesB !== undefined) {
    const charts = comparisonCharts(
      { label: label("A"), durationSeconds: comparison.a.durationSeconds, series: seriesA },
      { label: label("B"), durationSeconds: comparison.b.durationSeconds, series: seriesB },
    );
    sections.push(...charts.map(figureHtml));
  } else {
    const missing = [seriesA === undefined ? "A" : "", seriesB === undefined ? "B" : ""]
      .filter((side) => side !== "")
      .join(" and ");
    sections.push(
      `<p class="note">${escapeMarkup(`Charts over time left out: no timeseries.csv beside the result of ${missing}.`)}</p>`,
    );
  }
  if (a.latencyCdf.length > 0 || b.latencyCdf.length > 0) {
    sections.push(
      figureHtml({
        name: "compare-latency-cdf",
        title: "Latency distribution",
        caption:
          comparison.consumers.length > 1
            ? "The share of records received by consumer applications within each latency of their creation, every application's records pooled (each application's p50 and p99 are in its rows below); A solid, B dashed."
            : "The share of records received by consumer applications within each latency of their creation; A solid, B dashed.",
        svg: comparisonCdfChart(
          { label: label("A"), cdf: a.latencyCdf },
          { label: label("B"), cdf: b.latencyCdf },
        ),
      }),
    );
  }
  sections.push("<h2>Producers</h2>", entityTable(comparison.producers));
  if (comparison.consumers.length > 0)
    sections.push("<h2>Consumers</h2>", entityTable(comparison.consumers));
  sections.push(
    "<h2>Cost by item</h2>",
    entityTable(comparison.costItems, (item) => item.name),
  );
  sections.push(
    `<footer>kinesim ${escapeMarkup(comparison.b.version)}. Simulations, not measurements: see the modelling notes in the README.</footer>`,
  );
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeMarkup(`kinesim comparison: ${comparison.a.name} and ${comparison.b.name}`)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    "</head>",
    "<body>",
    "<main>",
    ...sections,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

const HEADER = ["", "A", "B", "B − A"];

function cells(metric: MetricComparison, name = metric.metric): string[] {
  return [
    name,
    metricValue(metric.kind, metric.a),
    metricValue(metric.kind, metric.b),
    metricDelta(metric),
  ];
}

function metricTable(metrics: readonly MetricComparison[]): string {
  return htmlTable(
    HEADER,
    metrics.map((metric) => cells(metric)),
  );
}

/** One row per entity and metric: "devices: offered", "gateway (only in B): offered". */
function entityTable(
  entities: readonly EntityComparison[],
  rowName: (entity: EntityComparison, metric: MetricComparison) => string = (entity, metric) =>
    `${entity.name}: ${metric.metric}`,
): string {
  const rows = entities.flatMap((entity) =>
    entity.metrics.map((metric) => {
      const only = entity.in === "both" ? "" : ` (only in ${entity.in})`;
      return cells(metric, `${rowName(entity, metric)}${only}`);
    }),
  );
  return htmlTable(HEADER, rows);
}
