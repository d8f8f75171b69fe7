import { count, duration, ms, percent, seconds, usd } from "../format/number-format.js";
import { latencyWhose, type RunResult } from "../index.js";
import { escapeMarkup } from "../report/escape.js";
import type { ReportFigure } from "../report/report-figure.js";
import { consumerTable, shardTable } from "../report/report-tables.js";

/**
 * A run's results as HTML for the playground: the headline numbers (as in report.html), the
 * report's shard and consumer tables (the ones the lessons' comments point at) and its charts. Each headline card carries its raw number in `data-value`, so tests
 * and curious readers get the exact value behind the rounded text.
 */

interface Stat {
  readonly key: string;
  readonly name: string;
  readonly value: number;
  readonly text: string;
  readonly detail: string;
  readonly bad: boolean;
}

function stats(result: RunResult): Stat[] {
  const r = result.records;
  const latency = result.latencyMs;
  const delivered = latency.count > 0;
  return [
    {
      key: "throttle-rate",
      name: "throttle rate",
      value: result.throttleRate,
      text: percent(result.throttleRate),
      detail: `${count(r.throttledAttempts)} of ${count(r.accepted + r.throttledAttempts)} put attempts`,
      bad: result.throttleRate > 0,
    },
    {
      key: "data-loss",
      name: "data loss",
      value: result.dataLoss.fraction,
      text: percent(result.dataLoss.fraction),
      detail: `${count(result.dataLoss.records)} records: dropped ${count(result.dataLoss.dropped)}, expired ${count(result.dataLoss.expiredUnread)}`,
      bad: result.dataLoss.records > 0,
    },
    {
      key: "latency-p50",
      name: "latency p50",
      value: latency.p50,
      text: delivered ? ms(latency.p50) : "–",
      detail: delivered ? `creation → receipt, ${latencyWhose(result)}` : "nothing delivered",
      bad: false,
    },
    {
      key: "latency-p99",
      name: "latency p99",
      value: latency.p99,
      text: delivered ? ms(latency.p99) : "–",
      detail: delivered ? `max ${ms(latency.max)}` : "nothing delivered",
      bad: false,
    },
    {
      key: "cost",
      name: "cost",
      value: result.cost.usd,
      text: usd(result.cost.usd),
      detail: `for the simulated ${seconds(result.durationSeconds)}`,
      bad: false,
    },
  ];
}

/** The headline cards: throttle rate, data loss, p50 and p99 latency, cost. */
export function headlineHtml(result: RunResult): string {
  return stats(result)
    .map(
      (stat) =>
        `<div class="stat${stat.bad ? " bad" : ""}" data-stat="${stat.key}" data-value="${stat.value}">` +
        `<div class="name">${escapeMarkup(stat.name)}</div>` +
        `<div class="value">${escapeMarkup(stat.text)}</div>` +
        `<div class="detail">${escapeMarkup(stat.detail)}</div></div>`,
    )
    .join("\n");
}

/** One line about the run: seed, simulated time, shards, records. */
export function runSummary(result: RunResult): string {
  const open = result.shards.filter((shard) => shard.closedAtSeconds === null).length;
  return [
    `${result.name} · seed ${result.seed}`,
    `${seconds(result.durationSeconds)} simulated in ${duration(result.engine.wallMs)}`,
    `${result.capacityMode}, ${open} shards open at the end (${result.shards.length} in all)`,
    `${count(result.records.offered)} records offered`,
  ].join(" · ");
}

/** The report's shard table, then its consumer table when the run has consumers. */
export function tablesHtml(result: RunResult): string {
  const parts = [`<section data-table="shards"><h3>Shards</h3>${shardTable(result)}</section>`];
  if (result.consumers.length > 0) {
    parts.push(
      `<section data-table="consumers"><h3>Consumers</h3>${consumerTable(result)}</section>`,
    );
  }
  return parts.join("\n");
}

/** The charts, each with its title and caption, then what was left out and why. */
export function figuresHtml(figures: readonly ReportFigure[], leftOut: readonly string[]): string {
  const parts = figures.map(
    (figure) =>
      `<figure data-figure="${escapeMarkup(figure.name)}"><h3>${escapeMarkup(figure.title)}</h3>` +
      `${figure.svg}<figcaption>${escapeMarkup(figure.caption)}</figcaption></figure>`,
  );
  for (const note of leftOut) parts.push(`<p class="note">${escapeMarkup(note)}</p>`);
  return parts.join("\n");
}
