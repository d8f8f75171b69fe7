import { describe, expect, it } from "vitest";
import { loadExperimentFile } from "../../src/experiment/config/load-experiment.js";
import { simulateWithSeries } from "../../src/experiment/run/simulate.js";
import { renderReportHtml } from "../../src/report/report-html.js";
import { consumer, experiment, producer } from "../helpers/experiment.js";
import { chartNames, markupProblems, webReferences } from "./well-formed.js";

const S = 1_000_000;

function reportOf(file: string): string {
  const { result, series } = simulateWithSeries(loadExperimentFile(`experiments/${file}`));
  return renderReportHtml(result, series);
}

describe("report.html for the shipped experiments", () => {
  const cases: [string, string[]][] = [
    [
      "split-hot-shard.yaml",
      [
        "shard-incoming",
        "throttled",
        "millis-behind-latest",
        "latency-cdf",
        "shard-lineage",
        "data-loss",
        "cost",
      ],
    ],
    [
      "kcl-worker-failure.yaml",
      [
        "shard-incoming",
        "throttled",
        "millis-behind-latest",
        "latency-cdf",
        "lease-ownership",
        "data-loss",
        "cost",
      ],
    ],
    [
      "five-polling-apps-vs-efo.yaml",
      ["shard-incoming", "throttled", "millis-behind-latest", "latency-cdf", "data-loss", "cost"],
    ],
  ];
  for (const [file, charts] of cases) {
    it(`${file}: well-formed, the expected charts, nothing fetched`, () => {
      const html = reportOf(file);
      expect(html.startsWith("<!DOCTYPE html>\n")).toBe(true);
      expect(markupProblems(html)).toEqual([]);
      expect(chartNames(html)).toEqual(charts);
      // The only web address is the SVG namespace (an identifier, never fetched).
      expect(new Set(webReferences(html))).toEqual(new Set(["http://www.w3.org/2000/svg"]));
      expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
      // One caption per chart, and the headline numbers.
      expect(html.match(/<figcaption>/g)?.length).toBe(charts.length);
      for (const name of ["throttle rate", "data loss", "latency p50", "latency p99", "cost"]) {
        expect(html).toContain(`<div class="name">${name}</div>`);
      }
    });
  }

  it("is byte-identical for two runs of the same experiment", () => {
    expect(reportOf("hot-key.yaml")).toBe(reportOf("hot-key.yaml"));
  });

  it("shows the result's headline numbers and every shard and consumer in the tables", () => {
    const { result, series } = simulateWithSeries(
      loadExperimentFile("experiments/split-hot-shard.yaml"),
    );
    const html = renderReportHtml(result, series);
    expect(html).toContain(`${(result.throttleRate * 100).toFixed(2)} %`);
    expect(html).toContain(`${(result.dataLoss.fraction * 100).toFixed(2)} %`);
    expect(html).toContain(`$${result.cost.usd.toFixed(4)}`);
    for (const shard of result.shards) expect(html).toContain(`<td>${shard.shardId}</td>`);
    for (const c of result.consumers) expect(html).toContain(`<td>${c.name}</td>`);
  });
});

describe("report.html, other shapes", () => {
  it("draws a heatmap instead of lines for more than 8 shards", () => {
    const { result, series } = simulateWithSeries(
      experiment({
        durationUs: 20 * S,
        stream: { shards: 12 },
        producers: [producer({ rate: 6000 })],
      }),
    );
    const html = renderReportHtml(result, series);
    expect(chartNames(html)).toContain("shard-utilization");
    expect(chartNames(html)).not.toContain("shard-incoming");
    // No consumers: no lag chart, no latency chart, and a note saying why.
    expect(chartNames(html)).not.toContain("millis-behind-latest");
    expect(chartNames(html)).not.toContain("latency-cdf");
    expect(html).toContain("no record reached a consumer application");
    expect(markupProblems(html)).toEqual([]);
  });

  it("without a series leaves out the charts over time and says so", () => {
    const { result } = simulateWithSeries(loadExperimentFile("experiments/split-hot-shard.yaml"));
    const html = renderReportHtml(result);
    expect(chartNames(html)).toEqual(["latency-cdf", "shard-lineage", "data-loss", "cost"]);
    expect(html).toContain(
      "Left out, because no series (timeseries.csv) was given: incoming writes per shard, throttling over time and MillisBehindLatest.",
    );
    expect(markupProblems(html)).toEqual([]);
  });

  it("escapes names from the experiment file everywhere they appear", () => {
    const name = `<script>alert("x")</script> & 'co'`;
    const { result, series } = simulateWithSeries(
      experiment({
        name,
        durationUs: 5 * S,
        producers: [producer({ name })],
        consumers: [consumer({ name })],
      }),
    );
    const html = renderReportHtml(result, series);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;");
    expect(markupProblems(html)).toEqual([]);
  });
});
