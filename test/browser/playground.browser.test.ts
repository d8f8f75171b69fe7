import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
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

/** The command line's result for a text saved as `playground.yaml`, as the page says to do. */
function cliResultOfText(text: string): RunResult {
  const folder = mkdtempSync(join(tmpdir(), "kinesim-playground-"));
  try {
    writeFileSync(join(folder, "playground.yaml"), text);
    return cliResult(["run", join(folder, "playground.yaml")]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Pasted over a lesson with more shards and a hot key: two shards cannot take 2,500 records/s
 * of 1 KB (2,000 records/s, kinesis-facts.md §1), so the run throttles only if it really uses
 * the pasted 2 shards; with no `name`, the run is named after the page's file, not the lesson.
 */
const PASTED = `seed: 5
duration: 1m
stream:
  shards: 2
producers:
  - name: devices
    rate: 2500
    recordSize: 1KB
    keys: { distribution: uniform, cardinality: 1000 }
consumers:
  - name: reader
    pollInterval: 1s
`;

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
    // The slider edited the text box, and nothing else in it.
    const lesson = readFileSync("experiments/capacity-example.yaml", "utf8");
    await expect(page.locator("#experiment").inputValue()).resolves.toBe(
      lesson.replace(/^ {2}shards: 10$/m, "  shards: 5"),
    );
    // The report's shard and consumer tables, one row per shard and per consumer.
    await expect(page.locator('[data-table="shards"] tbody tr').count()).resolves.toBe(
      cli.shards.length,
    );
    await expect(page.locator('[data-table="consumers"] tbody tr').count()).resolves.toBe(
      cli.consumers.length,
    );

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
    // Typed over, the text is no longer the lesson's file: the page's own file name.
    await expect(page.locator("#status").textContent()).resolves.toMatch(
      /^playground\.yaml:2:\d+: /,
    );
    await expect(page.locator("svg[data-chart]").count()).resolves.toBe(0);
    await expect(page.locator("[data-table]").count()).resolves.toBe(0);
    // Sliders cannot edit a text that is not an experiment yet; they say so instead.
    await expect(page.locator("#shards").isDisabled()).resolves.toBe(true);
    await expect(page.locator("#shards").getAttribute("title")).resolves.toMatch(
      /not an experiment/,
    );
    expect(problems).toEqual([]);
  }, 60_000);

  it("runs pasted YAML exactly as written, whatever the sliders and the lesson were", async () => {
    const page = await browser.newPage();
    const problems = collectProblems(page);
    await page.goto(`${PAGE}#hot-key`);
    await finishedRun(page);
    await moveSlider(page, "shards", 5);
    await moveSlider(page, "hot-share", 40);
    await finishedRun(page);

    await page.locator("#experiment").fill(PASTED);
    const pasted = await finishedRun(page);
    // The sliders now stand where the pasted document has them.
    await expect(page.locator("#shards").inputValue()).resolves.toBe("2");
    await expect(page.locator("#hot-share").inputValue()).resolves.toBe("0");
    await expect(page.locator("#consumers").inputValue()).resolves.toBe("1");
    await expect(page.locator("#experiment").inputValue()).resolves.toBe(PASTED);
    await expect(page.locator("#lesson").inputValue()).resolves.toBe("");
    await expect(page.locator("#command").textContent()).resolves.toMatch(
      /^npx kinesim run playground\.yaml\b/,
    );
    await expect(page.locator("#summary").textContent()).resolves.toMatch(
      /^playground · seed 5 · .* 2 shards open at the end \(2 in all\)/,
    );
    const cli = cliResultOfText(PASTED);
    expect(cli.name).toBe("playground");
    expect(cli.throttleRate).toBeGreaterThan(0.05);
    expect(pasted["throttle-rate"]).toBe(cli.throttleRate);
    expect(pasted["latency-p99"]).toBe(cli.latencyMs.p99);
    expect(pasted.cost).toBe(cli.cost.usd);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it("starts the sliders from the document, and disables one that cannot show it", async () => {
    const page = await browser.newPage();
    const problems = collectProblems(page);
    await page.goto(`${PAGE}#hot-key`);
    await finishedRun(page);
    // hot-key.yaml puts 30 % of its records on one key.
    await expect(page.locator("#hot-share").inputValue()).resolves.toBe("30");
    await expect(page.locator("#shards").inputValue()).resolves.toBe("8");
    await moveSlider(page, "hot-share", 60);
    await finishedRun(page);
    await expect(page.locator("#command").textContent()).resolves.toBe(
      "npx kinesim run experiments/hot-key.yaml --set 'producers[0].keys.share=0.6'",
    );
    const text = await page.locator("#experiment").inputValue();
    expect(text).toContain(
      "keys: { distribution: hotShare, share: 0.6, hotKeys: 1, cardinality: 50000 }",
    );

    await page.locator("#lesson").selectOption("five-polling-apps-vs-efo");
    await finishedRun(page);
    await expect(page.locator('[data-table="shards"] tbody tr').count()).resolves.toBe(2);
    await expect(page.locator('[data-table="consumers"] tbody tr').count()).resolves.toBe(10);

    // A gateway with a hot key and devices without: one slider cannot stand for both.
    await page
      .locator("#experiment")
      .fill(
        PASTED.replace(
          "producers:\n",
          "producers:\n  - { name: gateway, rate: 100, keys: { distribution: hotShare, share: 0.5, cardinality: 10 } }\n",
        ),
      );
    await finishedRun(page);
    await expect(page.locator("#hot-share").isDisabled()).resolves.toBe(true);
    await expect(page.locator("#hot-share").getAttribute("title")).resolves.toBe(
      "Disabled: the producers put different shares on hot keys (gateway: 50 %, devices: 0 %); edit them in the YAML.",
    );
    await expect(page.locator("#shards").isDisabled()).resolves.toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);
});
