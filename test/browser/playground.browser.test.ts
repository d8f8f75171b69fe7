import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../../src/experiment/run/result-types.js";
import { percent } from "../../src/format/number-format.js";
import { kinesim } from "../helpers/cli.js";
import { collectProblems, launchChromium, screenshotPath, skipBrowserTests } from "./chromium.js";

const PAGE = pathToFileURL(resolve("site/index.html")).href;

/** Waits for the run that the last change asked for, then returns the headline's raw numbers. */
async function finishedRun(page: Page): Promise<Record<string, number>> {
  await page.locator("body[data-state=done]").waitFor({ timeout: 60_000 });
  const stats = await page
    .locator("[data-stat]")
    .evaluateAll((cards) =>
      cards.map((card) => [card.getAttribute("data-stat"), card.getAttribute("data-value")]),
    );
  return Object.fromEntries(stats.map(([name, value]) => [String(name), Number(value)]));
}

/** Moves a range input as a person would: a new value, then input and change events. */
async function moveSlider(page: Page, id: string, value: number): Promise<void> {
  await page.locator(`#${id}`).evaluate((input, to) => {
    (input as HTMLInputElement).value = String(to);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }, value);
}

function cliResult(args: string[]): RunResult {
  const run = kinesim([...args, "--json"]);
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as RunResult;
}

describe.skipIf(skipBrowserTests)("the playground in a browser", () => {
  let browser: Browser;

  beforeAll(async () => {
    // Build the bundle here, so the test never sees a stale one.
    const build = spawnSync(process.execPath, ["scripts/build-site.mjs"], { encoding: "utf8" });
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("opens the default lesson at an address whose fragment is not valid percent-encoding", async () => {
    const page = await browser.newPage();
    const problems = collectProblems(page);
    await page.goto(`${PAGE}#%`);
    await finishedRun(page);
    await expect(page.locator("#lesson").inputValue()).resolves.toBe("quickstart");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("runs a lesson from disk, and more shards stop the throttling as on the command line", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems = collectProblems(page);
    await page.goto(`${PAGE}#capacity-example`);
    const atTen = await finishedRun(page);
    await expect(page.locator("#lesson").inputValue()).resolves.toBe("capacity-example");
    await expect(page.locator("#shards").inputValue()).resolves.toBe("10");
    expect(await page.locator("svg[data-chart]").count()).toBeGreaterThanOrEqual(4);
    expect(atTen["throttle-rate"]).toBe(0);

    await moveSlider(page, "shards", 5);
    const atFive = await finishedRun(page);
    await expect(page.locator("#command").textContent()).resolves.toBe(
      "npx kinesim run experiments/capacity-example.yaml --set stream.shards=5",
    );
    // Half the shards: most attempts throttled (the catalogue says ≈ 83 %), records lost.
    expect(atFive["throttle-rate"]).toBeGreaterThan(0.5);
    expect(atFive["data-loss"]).toBeGreaterThan(0.2);
    // The same numbers as the command line with the same --set.
    const cli = cliResult(["run", "experiments/capacity-example.yaml", "--set", "stream.shards=5"]);
    await expect(page.locator('[data-stat="throttle-rate"] .value').textContent()).resolves.toBe(
      percent(cli.throttleRate),
    );
    expect(atFive["throttle-rate"]).toBe(cli.throttleRate);
    expect(atFive["data-loss"]).toBe(cli.dataLoss.fraction);
    expect(atFive["latency-p99"]).toBe(cli.latencyMs.p99);
    expect(atFive.cost).toBe(cli.cost.usd);

    await page.screenshot({ path: screenshotPath("playground.png"), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);

  it("replays a bundled trace, and shows a mistake in the page instead of throwing", async () => {
    const page = await browser.newPage();
    const problems = collectProblems(page);
    await page.goto(PAGE);
    await finishedRun(page);
    await page.locator("#lesson").selectOption("trace-replay");
    const replay = await finishedRun(page);
    expect(replay["throttle-rate"]).toBeGreaterThan(0);
    await expect(page.locator('svg[data-chart="throttled"]').count()).resolves.toBe(1);

    await page.locator("#experiment").fill("duration: 1m\nstream: [");
    await page.locator("body[data-state=error]").waitFor({ timeout: 60_000 });
    await expect(page.locator("#status").textContent()).resolves.toMatch(
      /^experiments\/trace-replay\.yaml:2:\d+: /,
    );
    await expect(page.locator("svg[data-chart]").count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);
});
