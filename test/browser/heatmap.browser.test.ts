import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { THROTTLED_CELL } from "../../src/report/shard-heatmap-chart.js";
import { screenshotPath, skipBrowserTests } from "./chromium.js";
import { browserFolder, kinesimSucceeds } from "./report-fixture.js";

const SHARDS = 10n;
const HOT = "shardId-000000000003";

/**
 * Ten shards (a heatmap, not lines), each written at a constant 970 records/s of 100 B by its
 * own producer through hash keys inside its range (97 % of the 1,000 records/s limit, no
 * randomness in where records go), plus 100 records/s more into shard 3, which therefore
 * throttles while the other nine run just under the limit.
 */
function nearTheLimit(): string {
  const span = (1n << 128n) / SHARDS;
  const producer = (name: string, rate: number, first: bigint) =>
    [
      `  - name: ${name}`,
      `    rate: ${rate}`,
      "    arrival: constant",
      "    recordSize: 100B",
      `    keys: { distribution: explicitHashKey, range: ["${first}", "${first + 1_000_000n}"] }`,
    ].join("\n");
  const even = Array.from({ length: Number(SHARDS) }, (_, i) =>
    producer(`even-${i}`, 970, BigInt(i) * span + 1000n),
  );
  return [
    "name: one-shard-throttles",
    "seed: 1",
    "duration: 1m",
    "stream:",
    `  shards: ${SHARDS}`,
    "producers:",
    ...even,
    producer("hot", 100, 3n * span + 5_000_000n),
    "",
  ].join("\n");
}

describe.skipIf(skipBrowserTests)("the shard heatmap in a browser", () => {
  const folder = browserFolder("heatmap", async (out) => {
    const file = join(out, "near-the-limit.yaml");
    writeFileSync(file, nearTheLimit());
    await kinesimSucceeds(["run", file, "--out", join(out, "run")]);
  });

  it("tells the throttling shard from nine at 97 %: red only on it, dark blue on the others", async () => {
    const { page, problems } = await folder.open("run/report.html");
    const heatmap = page.locator('svg[data-chart="shard-utilization"]');
    await heatmap.waitFor();
    // The colour the browser paints, per shard: what a reader sees.
    const cells = await heatmap.locator("rect[data-shard]").evaluateAll((rects) =>
      rects.map((rect) => ({
        shard: rect.getAttribute("data-shard") ?? "",
        fill: getComputedStyle(rect).fill,
        width: rect.getBoundingClientRect().width,
      })),
    );
    const red = "rgb(192, 57, 43)";
    expect(THROTTLED_CELL).toBe("#c0392b");
    const hot = cells.filter((cell) => cell.shard === HOT);
    const others = cells.filter((cell) => cell.shard !== HOT);
    expect(new Set(others.map((cell) => cell.shard)).size).toBe(9);
    // The hot shard is red for most of the run (in this run from 12 s on: before, the excess
    // 70 records/s drain the write bucket, which starts full), and nothing else is red.
    const redWidth = hot.filter((c) => c.fill === red).reduce((sum, c) => sum + c.width, 0);
    const hotWidth = hot.reduce((sum, c) => sum + c.width, 0);
    expect(redWidth / hotWidth).toBeGreaterThanOrEqual(0.75);
    expect(others.filter((cell) => cell.fill === red)).toEqual([]);
    // The others are in the top bands (80–100 %: PutRecords batches of about 98 records land
    // 9 or 10 to a second, 88 % or 98 %), blues: more blue than red in every cell.
    for (const cell of others) {
      const [r = 0, , b = 0] = (cell.fill.match(/\d+/g) ?? []).map(Number);
      expect(b).toBeGreaterThan(r + 60);
    }
    // The legend says what red means.
    await expect(heatmap.locator("text[data-key=throttled]").textContent()).resolves.toContain(
      "throttled (writes refused)",
    );
    await heatmap.screenshot({ path: screenshotPath("heatmap.png") });
    expect(problems).toEqual([]);
  }, 60_000);
});
