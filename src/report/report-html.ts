import type { RunResult, RunSeries } from "../experiment/run/result-types.js";
import { latencyWhose } from "../experiment/text/latency-lines.js";
import { count, ms, percent, seconds, usd } from "../format/number-format.js";
import { escapeMarkup } from "./escape.js";
import { reportCharts } from "./report-charts.js";
import { figureHtml } from "./report-figure.js";
import { REPORT_CSS } from "./report-style.js";
import {
  consumerTable,
  costTable,
  operationTable,
  producerTable,
  shardTable,
} from "./report-tables.js";

/**
 * report.html for a run: one self-contained page (inline CSS and SVG, no scripts, nothing
 * fetched) with the headline numbers, the charts with a caption each, and the per-shard and
 * per-consumer tables. Without a series the charts over time are left out, and the page
 * says so. Deterministic: the same result and series give the same bytes (the wall time of
 * the run is not shown).
 *
 * @example writeFileSync("report.html", renderReportHtml(result, series));
 */
export function renderReportHtml(result: RunResult, series?: RunSeries): string {
  const { figures, leftOut } = reportCharts(result, series);
  const sections = [
    `<h1>${escapeMarkup(result.name)}</h1>`,
    `<p class="meta">${escapeMarkup(describeRun(result))}</p>`,
    headline(result),
    "<h2>Charts</h2>",
    ...leftOut.map((note) => `<p class="note">${escapeMarkup(note)}</p>`),
    ...figures.map(figureHtml),
    "<h2>Producers</h2>",
    producerTable(result),
    "<h2>Shards</h2>",
    shardTable(result),
  ];
  if (result.operations.length > 0) sections.push("<h2>Resharding</h2>", operationTable(result));
  if (result.consumers.length > 0) sections.push("<h2>Consumers</h2>", consumerTable(result));
  sections.push("<h2>Cost items</h2>", costTable(result));
  sections.push(
    `<footer>kinesim ${escapeMarkup(result.version)} · config ${escapeMarkup(result.configHash)} · ${escapeMarkup(result.profile)} limits · ${count(result.engine.events)} events. A simulation, not a measurement: see the modelling notes in the README.</footer>`,
  );
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeMarkup(`kinesim report: ${result.name}`)}</title>`,
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

function describeRun(result: RunResult): string {
  const open = result.shards.filter((shard) => shard.closedAtSeconds === null).length;
  return [
    `seed ${result.seed}`,
    `${seconds(result.durationSeconds)} simulated`,
    `${result.capacityMode} stream`,
    `${open} shards open at the end (${result.shards.length} in all)`,
    `${result.granularity} mode`,
  ].join(" · ");
}

/** The headline: throttle rate, data loss, p50 and p99 latency, cost. */
function headline(result: RunResult): string {
  const r = result.records;
  const latency = result.latencyMs;
  const delivered = latency.count > 0;
  const cards = [
    card(
      "throttle rate",
      percent(result.throttleRate),
      `${count(r.throttledAttempts)} of ${count(r.accepted + r.throttledAttempts)} put attempts`,
      result.throttleRate > 0,
    ),
    card(
      "data loss",
      percent(result.dataLoss.fraction),
      `${count(result.dataLoss.records)} records: dropped ${count(result.dataLoss.dropped)}, expired ${count(result.dataLoss.expiredUnread)}`,
      result.dataLoss.records > 0,
    ),
    card(
      "latency p50",
      delivered ? ms(latency.p50) : "–",
      delivered ? `creation → receipt, ${latencyWhose(result)}` : "nothing delivered",
      false,
    ),
    card(
      "latency p99",
      delivered ? ms(latency.p99) : "–",
      delivered ? `max ${ms(latency.max)}` : "nothing delivered",
      false,
    ),
    card(
      "cost",
      usd(result.cost.usd),
      `for the simulated ${seconds(result.durationSeconds)}`,
      false,
    ),
  ];
  return `<section class="headline">\n${cards.join("\n")}\n</section>`;
}

function card(name: string, value: string, detail: string, bad: boolean): string {
  return `<div class="stat${bad ? " bad" : ""}"><div class="name">${escapeMarkup(name)}</div><div class="value">${escapeMarkup(value)}</div><div class="detail">${escapeMarkup(detail)}</div></div>`;
}
