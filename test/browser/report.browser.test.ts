import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { screenshotPath, skipBrowserTests } from "./chromium.js";
import { browserFolder, kinesimSucceeds } from "./report-fixture.js";

describe.skipIf(skipBrowserTests)("report.html in a browser", () => {
  // A split (lineage chart) and a polling consumer (lag chart).
  const folder = browserFolder("report", async (out) => {
    await kinesimSucceeds(["run", "experiments/split-hot-shard.yaml", "--out", out]);
  });

  it("opens from disk with every chart and no error", async () => {
    const { page, problems } = await folder.open("report.html");
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
  const lesson = "experiments/five-polling-apps-vs-efo.yaml";
  const folder = browserFolder("report-cdf", async (out) => {
    await kinesimSucceeds(["run", lesson, "--out", join(out, "run")]);
    // The same report from result.json alone, without the series beside it.
    mkdirSync(join(out, "alone"));
    copyFileSync(join(out, "run", "result.json"), join(out, "alone", "result.json"));
    await kinesimSucceeds(["report", join(out, "alone", "result.json")]);
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
      const { page, problems } = await folder.open(`${from}/report.html`);
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

/** A stop and a start, a split and a KCL worker stop, in two minutes. */
const MARKED = `
name: marks
seed: 3
duration: 2m
stream: { shards: 2 }
producers:
  - { name: orders, rate: 800, recordSize: 500B, keys: { distribution: uniform, cardinality: 10000 } }
consumers:
  - { name: dashboard, startAt: TRIM_HORIZON }
  - { name: billing, startAt: TRIM_HORIZON, kcl: { workers: 2, checkpoint: { every: 10s } } }
events:
  - { at: 30s, stopConsumer: dashboard }
  - { at: 40s, split: shardId-000000000000 }
  - { at: 50s, stopWorker: billing/2 }
  - { at: 70s, startConsumer: dashboard }
`;

/** Every chart whose x axis is time, for a few shards (lines) and for many (a heatmap). */
const TIME_CHARTS = {
  few: ["shard-incoming", "throttled", "millis-behind-latest", "shard-lineage", "lease-ownership"],
  many: [
    "shard-utilization",
    "throttled",
    "millis-behind-latest",
    "shard-lineage",
    "lease-ownership",
  ],
};

describe.skipIf(skipBrowserTests)("event marks in report.html", () => {
  const folder = browserFolder("marks", async (out) => {
    writeFileSync(join(out, "marks.yaml"), MARKED);
    for (const [dir, shards] of [
      ["few", 2],
      ["many", 9],
    ] as const) {
      await kinesimSucceeds([
        "run",
        join(out, "marks.yaml"),
        "--set",
        `stream.shards=${shards}`,
        "--out",
        join(out, dir),
      ]);
    }
  });

  for (const dir of ["few", "many"] as const) {
    it(`marks every event where the time axis puts its instant, on each chart over time (${dir} shards)`, async () => {
      const result = JSON.parse(readFileSync(join(folder.out, dir, "result.json"), "utf8"));
      const split = result.operations[0];
      expect(split.outcome).toBe("completed");
      // The instants the experiment file and the run say, read independently of the report.
      const expected = [30, 40, split.completedAtSeconds, 50, 70].sort((a, b) => a - b);
      const { page, problems } = await folder.open(`${dir}/report.html`);
      await page.locator("svg[data-chart]").first().waitFor();
      const charts = await page.locator("svg[data-chart]").evaluateAll((svgs) =>
        svgs.map((svg) => {
          const centre = (element: Element) => {
            const box = element.getBoundingClientRect();
            return box.x + box.width / 2;
          };
          // The time axis: the lowest row of numeric, centred labels.
          const numeric = Array.from(svg.querySelectorAll('text[text-anchor="middle"]')).flatMap(
            (text) => {
              const value = Number((text.textContent ?? "").replaceAll(",", ""));
              const box = text.getBoundingClientRect();
              return Number.isFinite(value) && (text.textContent ?? "") !== ""
                ? [{ value, x: centre(text), y: box.y }]
                : [];
            },
          );
          const lowest = Math.max(...numeric.map((tick) => tick.y));
          const ticks = numeric.filter((tick) => Math.abs(tick.y - lowest) < 1);
          const layers = Array.from(svg.querySelectorAll("[data-event-marks]")).map((layer) =>
            Array.from(layer.querySelectorAll("[data-event-mark]")).map((mark) => ({
              atSeconds: Number(mark.getAttribute("data-at-seconds")),
              count: Number(mark.getAttribute("data-count")),
              x: centre(mark.querySelector("line") as Element),
              title: mark.querySelector("title")?.textContent ?? "",
              label: mark.querySelector("text")?.textContent ?? null,
            })),
          );
          return { name: svg.getAttribute("data-chart"), ticks, layers };
        }),
      );
      const timeCharts = charts.filter((chart) => TIME_CHARTS[dir].includes(chart.name ?? ""));
      expect(timeCharts.map((chart) => chart.name)).toEqual(TIME_CHARTS[dir]);
      // Charts not over time (latency, loss, cost) carry no marks.
      for (const chart of charts.filter((c) => !TIME_CHARTS[dir].includes(c.name ?? ""))) {
        expect(chart.layers).toEqual([]);
      }
      for (const chart of timeCharts) {
        // Two minutes: the axis counts seconds.
        const first = chart.ticks[0];
        const last = chart.ticks[chart.ticks.length - 1];
        expect(first).toBeDefined();
        expect(last).toBeDefined();
        if (first === undefined || last === undefined) continue;
        const pxPerSecond = (last.x - first.x) / (last.value - first.value);
        // The incoming chart's two panels each have their own marks.
        expect(chart.layers.length).toBe(chart.name === "shard-incoming" ? 2 : 1);
        for (const marks of chart.layers) {
          expect(marks.map((mark) => mark.atSeconds)).toEqual(expected);
          expect(marks.every((mark) => mark.count === 1 && mark.title !== "")).toBe(true);
          for (const mark of marks) {
            const axisX = first.x + (mark.atSeconds - first.value) * pxPerSecond;
            expect(Math.abs(mark.x - axisX), `${chart.name} at ${mark.atSeconds} s`).toBeLessThan(
              2,
            );
          }
        }
        // Labelled once per chart (the lower panel of a stack leaves it to the upper).
        const labels = chart.layers
          .flat()
          .flatMap((mark) => (mark.label === null ? [] : [mark.label]));
        expect(labels).toContain("stop dashboard");
        expect(labels).toContain("split shard 0");
        expect(labels.filter((label) => label === "stop dashboard")).toHaveLength(1);
      }
      await page.screenshot({ path: screenshotPath(`report-marks-${dir}.png`), fullPage: true });
      expect(problems).toEqual([]);
    }, 60_000);
  }
});
