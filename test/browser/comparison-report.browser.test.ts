import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { screenshotPath, skipBrowserTests } from "./chromium.js";
import { browserFolder, kinesimSucceeds } from "./report-fixture.js";

describe.skipIf(skipBrowserTests)("the comparison report in a browser", () => {
  const folder = browserFolder("compare-report", async (out) => {
    // A 3-shard and a 4-shard quickstart: the same producer and consumer names in both.
    for (const [name, shards] of [
      ["a", "3"],
      ["b", "4"],
    ] as const) {
      await kinesimSucceeds([
        "run",
        "experiments/quickstart.yaml",
        "--set",
        `stream.shards=${shards}`,
        "--set",
        "duration=30s",
        "--out",
        join(out, name),
      ]);
    }
    await kinesimSucceeds([
      "compare",
      join(out, "a", "result.json"),
      join(out, "b", "result.json"),
      "--out",
      join(out, "ab"),
    ]);
  });

  it("draws each chart over time and the latency distribution with a solid line for A and a dashed one for B, both named", async () => {
    const { page, problems } = await folder.open("ab/report.html");
    await page.locator("svg[data-chart]").first().waitFor();
    const charts = await page
      .locator("svg[data-chart]")
      .evaluateAll((svgs) => svgs.map((svg) => svg.getAttribute("data-chart")));
    expect(charts).toEqual([
      "compare-incoming",
      "compare-throttled",
      "compare-millis-behind-latest",
      "compare-latency-cdf",
    ]);
    for (const name of charts) {
      const chart = page.locator(`svg[data-chart="${name}"]`);
      // The data lines: unfilled paths with a stroke, drawn with a visible length.
      const lines = await chart
        .locator("path[fill='none'][stroke-width='1.5']")
        .evaluateAll((paths) =>
          paths.map((path) => ({
            dashed: path.getAttribute("stroke-dasharray") !== null,
            length: (path as SVGPathElement).getTotalLength(),
            color: path.getAttribute("stroke"),
          })),
        );
      expect(lines.map((line) => line.dashed)).toEqual([false, true]);
      for (const line of lines) expect(line.length).toBeGreaterThan(100);
      const legend = await chart.locator(".legend text").allTextContents();
      if (name === "compare-millis-behind-latest") {
        // One colour per application: A's and B's line of the same application share it.
        expect(lines[0]?.color).toBe(lines[1]?.color);
        expect(legend).toEqual([
          "analytics (A: quickstart, seed 42)",
          "analytics (B: quickstart, seed 42)",
        ]);
      } else {
        expect(lines[0]?.color).not.toBe(lines[1]?.color);
        expect(legend).toEqual(["A: quickstart, seed 42", "B: quickstart, seed 42"]);
      }
      // The legend's swatches: a solid line for A, a dashed one for B.
      const swatches = await chart
        .locator(".legend line")
        .evaluateAll((marks) => marks.map((mark) => mark.getAttribute("stroke-dasharray")));
      expect(swatches).toEqual([null, "4 3"]);
      const box = await chart.evaluate((svg) => svg.getBoundingClientRect().height);
      expect(box).toBeGreaterThan(50);
    }
    await expect(page.locator("h1").textContent()).resolves.toBe(
      "quickstart and quickstart side by side",
    );
    const headline = await page.locator("table").first().locator("tr").allTextContents();
    expect(headline.find((row) => row.startsWith("shards at the end"))).toBe(
      "shards at the end34+1 (+33.3 %)",
    );
    await page.screenshot({ path: screenshotPath("comparison-report.png"), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);
});
