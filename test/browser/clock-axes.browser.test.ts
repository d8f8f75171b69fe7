import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/cli.js";
import { screenshotPath, skipBrowserTests } from "./chromium.js";
import { browserFolder, kinesimSucceeds } from "./report-fixture.js";

describe.skipIf(skipBrowserTests)("time axes on a UTC clock (startTime)", () => {
  const folder = browserFolder("clock", async (out) => {
    // The quickstart (2 minutes), starting at 06:00 UTC on 1 March 2026.
    const quickstart = readFileSync(join(repoRoot, "experiments/quickstart.yaml"), "utf8");
    const file = join(out, "clock.yaml");
    writeFileSync(file, `startTime: "2026-03-01T06:00:00Z"\n${quickstart}`);
    await kinesimSucceeds(["run", file, "--out", join(out, "run")]);
  });

  it("every time chart's axis reads clock times from 06:00:00 to 06:02:00, titled UTC", async () => {
    const { page, problems } = await folder.open("run/report.html");
    for (const name of ["shard-incoming", "throttled", "millis-behind-latest"]) {
      const chart = page.locator(`svg[data-chart="${name}"]`);
      await chart.waitFor();
      const texts = await chart.locator("text").allTextContents();
      const clock = texts.filter((text) => /^\d{2}:\d{2}:\d{2}$/.test(text));
      // Every 15 s from the start to the end (the incoming chart has two panels, one axis).
      expect(clock).toEqual([
        "06:00:00",
        "06:00:15",
        "06:00:30",
        "06:00:45",
        "06:01:00",
        "06:01:15",
        "06:01:30",
        "06:01:45",
        "06:02:00",
      ]);
      expect(texts).toContain("UTC time, 2026-03-01");
      expect(texts.some((text) => text.startsWith("time into the run"))).toBe(false);
      // The ticks are laid out left to right as their times go.
      const xs = await chart
        .locator("text")
        .evaluateAll((nodes) =>
          nodes
            .filter((node) => /^\d{2}:\d{2}:\d{2}$/.test(node.textContent ?? ""))
            .map((node) => node.getBoundingClientRect().x),
        );
      for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1] as number);
    }
    await page
      .locator('svg[data-chart="throttled"]')
      .screenshot({ path: screenshotPath("clock-axis.png") });
    expect(problems).toEqual([]);
  }, 60_000);
});
