import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kinesim } from "../helpers/cli.js";
import { collectProblems, launchChromium, screenshotPath, skipBrowserTests } from "./chromium.js";

describe.skipIf(skipBrowserTests)("report.html in a browser", () => {
  let browser: Browser;
  let out: string;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "kinesim-report-"));
    // A split (lineage chart) and a polling consumer (lag chart).
    const run = kinesim(["run", "experiments/split-hot-shard.yaml", "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it("opens from disk with every chart and no error", async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const problems = collectProblems(page);
    await page.goto(pathToFileURL(join(out, "report.html")).href);
    await page.locator("svg[data-chart]").first().waitFor();
    const charts = await page
      .locator("svg[data-chart]")
      .evaluateAll((svgs) => svgs.map((svg) => svg.getAttribute("data-chart")));
    expect(charts).toEqual([
      "shard-incoming",
      "throttled",
      "millis-behind-latest",
      "latency-cdf",
      "shard-lineage",
      "data-loss",
      "cost",
    ]);
    // Laid out, not collapsed: every chart has a visible size.
    for (const box of await page
      .locator("svg[data-chart]")
      .evaluateAll((svgs) => svgs.map((svg) => svg.getBoundingClientRect().height))) {
      expect(box).toBeGreaterThan(50);
    }
    await expect(page.locator(".headline .stat").count()).resolves.toBe(5);
    // Charts with a CloudWatch metric behind them are titled and labelled with its name.
    const titles = await page.locator("figure h3").allTextContents();
    expect(titles.slice(0, 2)).toEqual([
      "IncomingRecords and IncomingBytes per shard",
      "WriteProvisionedThroughputExceeded over time",
    ]);
    const axisTitles = await page.locator("svg[data-chart] text").allTextContents();
    for (const axis of [
      "IncomingRecords per second",
      "IncomingBytes, MiB per second",
      "WriteProvisionedThroughputExceeded per second",
    ]) {
      expect(axisTitles).toContain(axis);
    }
    await page.screenshot({ path: screenshotPath("report.png"), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);
});

describe.skipIf(skipBrowserTests)("report.html's latency distribution, per consumer", () => {
  let browser: Browser;
  let out: string;
  const lesson = "experiments/five-polling-apps-vs-efo.yaml";

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "kinesim-report-cdf-"));
    const run = kinesim(["run", lesson, "--out", join(out, "run")]);
    expect(run.status).toBe(0);
    // The same report from result.json alone, without the series beside it.
    mkdirSync(join(out, "alone"));
    copyFileSync(join(out, "run", "result.json"), join(out, "alone", "result.json"));
    expect(kinesim(["report", join(out, "alone", "result.json")]).status).toBe(0);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(out, { recursive: true, force: true });
  });

  const names = [
    "poll-1",
    "poll-2",
    "poll-3",
    "poll-4",
    "poll-5",
    "efo-1",
    "efo-2",
    "efo-3",
    "efo-4",
    "efo-5",
  ];

  for (const from of ["run", "alone"]) {
    it(`five polling apps vs EFO (${from === "run" ? "run --out" : "report from result.json alone"}): one drawn curve per application, named in the legend`, async () => {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const problems = collectProblems(page);
      await page.goto(pathToFileURL(join(out, from, "report.html")).href);
      const chart = page.locator('svg[data-chart="latency-cdf"]');
      await chart.waitFor();
      const curves = await chart.locator("path.cdf-curve").evaluateAll((paths) =>
        paths.map((path) => ({
          name: path.querySelector("title")?.textContent,
          color: path.getAttribute("stroke"),
          // Drawn, not empty: a curve spans some width and height on the page.
          box: (({ width, height }) => ({ width, height }))(path.getBoundingClientRect()),
        })),
      );
      expect(curves.map((curve) => curve.name)).toEqual(names);
      expect(new Set(curves.map((curve) => curve.color)).size).toBe(10);
      for (const curve of curves) expect(curve.box.height).toBeGreaterThan(100);
      const legend = await chart.locator(".legend text").allTextContents();
      expect(legend).toEqual(names);
      // Each legend swatch has its curve's colour.
      const swatches = await chart
        .locator(".legend rect")
        .evaluateAll((rects) => rects.map((rect) => rect.getAttribute("fill")));
      expect(swatches).toEqual(curves.map((curve) => curve.color));
      // The polling curves lie right of the EFO ones: every polling p50 dot past every EFO one.
      const dots = await chart
        .locator("circle")
        .evaluateAll((circles) => circles.map((circle) => circle.getBoundingClientRect().x));
      expect(dots).toHaveLength(10);
      expect(Math.min(...dots.slice(0, 5))).toBeGreaterThan(Math.max(...dots.slice(5)) + 100);
      await chart.screenshot({ path: screenshotPath(`latency-cdf-per-consumer-${from}.png`) });
      expect(problems).toEqual([]);
    }, 60_000);
  }
});
