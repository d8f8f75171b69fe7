import { mkdtempSync, rmSync } from "node:fs";
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
