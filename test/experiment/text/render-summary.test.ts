import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadExperimentFile } from "../../../src/experiment/config/load-experiment.js";
import type { RunResult } from "../../../src/experiment/run/result-types.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";
import { renderSummary } from "../../../src/experiment/text/render-summary.js";
import { consumer, experiment, producer } from "../../helpers/experiment.js";

const S = 1_000_000;

/** Display columns of a line: one per code point (the summary uses no wide characters). */
const columns = (line: string) => [...line].length;

/** Integer with comma thousands separators, written independently of the code under test. */
const grouped = (value: number) => Math.round(value).toLocaleString("en-US");

/** The headline row that starts with `label`. */
function headline(text: string, label: string): string {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`  ${label}`));
  if (line === undefined) throw new Error(`no "${label}" line in:\n${text}`);
  return line;
}

/** A percentage as printed ("55.23 %") and half its last digit's unit, as a fraction. */
function parsePercent(text: string): { value: number; tolerance: number } {
  const match = /(\d+\.(\d+)) %/.exec(text);
  if (match === null) throw new Error(`no percentage in "${text}"`);
  const decimals = (match[2] as string).length;
  return { value: Number(match[1]) / 100, tolerance: (0.5 * 10 ** -decimals) / 100 };
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000 };

/** A duration as printed ("1,001 ms", "12.3 s", "1.5 min") in ms, with its rounding. */
function parseDuration(text: string): { ms: number; tolerance: number } {
  const match = /^([\d,]+(?:\.(\d+))?) (ms|s|min|h)$/.exec(text.trim());
  if (match === null) throw new Error(`not a duration: "${text}"`);
  const unit = UNIT_MS[match[3] as string] as number;
  const decimals = match[2]?.length ?? 0;
  return {
    ms: Number((match[1] as string).replaceAll(",", "")) * unit,
    tolerance: 0.5 * 10 ** -decimals * unit,
  };
}

/** Checks the headline against the result's own numbers. */
function checkHeadline(text: string, result: RunResult): void {
  const r = result.records;
  const throttle = headline(text, "throttle rate");
  const rate = parsePercent(throttle);
  expect(Math.abs(rate.value - result.throttleRate)).toBeLessThanOrEqual(rate.tolerance + 1e-12);
  expect(throttle).toContain(
    `${grouped(r.throttledAttempts)} of ${grouped(r.accepted + r.throttledAttempts)} put attempts`,
  );

  const loss = headline(text, "data loss");
  const lossFraction = parsePercent(loss);
  expect(Math.abs(lossFraction.value - result.dataLoss.fraction)).toBeLessThanOrEqual(
    lossFraction.tolerance + 1e-12,
  );
  expect(loss).toContain(`${grouped(result.dataLoss.records)} records`);
  expect(loss).toContain(`dropped ${grouped(result.dataLoss.dropped)}`);
  expect(loss).toContain(`expired ${grouped(result.dataLoss.expiredUnread)}`);

  const latency = headline(text, "latency");
  if (result.latencyMs.count === 0) {
    expect(latency).toContain("no records delivered");
  } else {
    for (const name of ["p50", "p90", "p99", "max"] as const) {
      const match = new RegExp(`${name} ([\\d,.]+ (?:ms|s|min|h))`).exec(latency);
      if (match === null) throw new Error(`no ${name} in "${latency}"`);
      const shown = parseDuration(match[1] as string);
      expect(Math.abs(shown.ms - result.latencyMs[name])).toBeLessThanOrEqual(
        shown.tolerance + 1e-9,
      );
    }
  }

  const cost = headline(text, "cost");
  const usd = /\$(\d+\.(\d+))/.exec(cost);
  if (usd === null) throw new Error(`no cost in "${cost}"`);
  expect(Math.abs(Number(usd[1]) - result.cost.usd)).toBeLessThanOrEqual(
    0.5 * 10 ** -(usd[2] as string).length + 1e-12,
  );

  const records = headline(text, "records");
  expect(records).toContain(`offered ${grouped(r.offered)}`);
  expect(records).toContain(`accepted ${grouped(r.accepted)}`);
}

function checkWidth(text: string): void {
  const wide = text.split("\n").filter((line) => columns(line) > 80);
  expect(wide).toEqual([]);
}

describe("renderSummary on the shipped experiments", () => {
  const files = readdirSync("experiments").filter((file) => file.endsWith(".yaml"));

  it("finds the shipped experiments", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "quickstart.yaml",
        "hot-key.yaml",
        "capacity-example.yaml",
        "retention-loss.yaml",
      ]),
    );
  });

  for (const file of files) {
    it(`${file}: every line fits 80 columns; the headline carries the result's numbers`, () => {
      const { result, series } = simulateWithSeries(loadExperimentFile(`experiments/${file}`));
      const text = renderSummary(result, series);
      expect(text.endsWith("\n")).toBe(true);
      checkWidth(text);
      checkHeadline(text, result);
      const lines = text.split("\n");
      expect(lines[0]).toBe(`${result.name} · seed ${result.seed} · kinesim ${result.version}`);
      // Headline order: throttling, data loss, latency, cost.
      const order = ["throttle rate", "data loss", "latency", "cost"].map((label) =>
        lines.findIndex((line) => line.startsWith(`  ${label}`)),
      );
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(Math.min(...order)).toBeGreaterThan(0);
      // Every shard (or, past 16, the hottest 16 and a count of the rest) and every
      // consumer appears in its table.
      if (result.shards.length <= 16) {
        for (const shard of result.shards) expect(text).toContain(shard.shardId);
      } else {
        expect(text).toContain(`… ${result.shards.length - 16} more shards`);
      }
      for (const c of result.consumers) expect(text).toContain(`  ${c.name} `);
    });
  }

  it("capacity-example with 5 shards (the header's what-if) also fits", () => {
    const { result } = simulateWithSeries(
      loadExperimentFile("experiments/capacity-example.yaml", ["stream.shards=5"]),
    );
    const text = renderSummary(result);
    checkWidth(text);
    checkHeadline(text, result);
    expect(result.dataLoss.fraction).toBeGreaterThan(0.3);
  });
});

describe("renderSummary with the series: a sparkline of throttling", () => {
  /** The sparkline row and the line under it. */
  function sparkline(text: string): { marks: string; legend: string } {
    const lines = text.split("\n");
    const at = lines.findIndex((line) => line.startsWith("  throttling    "));
    if (at < 0) throw new Error(`no sparkline in:\n${text}`);
    return { marks: (lines[at] as string).slice(16), legend: (lines[at + 1] as string).trim() };
  }

  it("split-hot-shard: throttling until the split, then none; within 80 columns", () => {
    const { result, series } = simulateWithSeries(
      loadExperimentFile("experiments/split-hot-shard.yaml"),
    );
    const text = renderSummary(result, series);
    checkWidth(text);
    const { marks, legend } = sparkline(text);
    // 10 minutes at 1 s: 60 marks of 10 s. The split completes at 4:32.
    expect([...marks]).toHaveLength(60);
    expect(marks).toMatch(/^[▁-█]+$/u);
    expect(marks.slice(0, 20)).not.toContain("▁");
    expect(marks.slice(30)).toBe("▁".repeat(30));
    expect(legend).toMatch(/^0:00 to 10:00 · 10 s a mark · █ = [\d,]+ throttled\/s$/);
    // The line sits with the headline numbers, before the tables.
    expect(text.indexOf("  throttling    ")).toBeLessThan(text.indexOf("  producer"));
  });

  it("quickstart: a flat line that says nothing was throttled", () => {
    const { result, series } = simulateWithSeries(
      loadExperimentFile("experiments/quickstart.yaml"),
    );
    expect(result.records.throttledAttempts).toBe(0);
    const { marks, legend } = sparkline(renderSummary(result, series));
    expect(marks).toBe("▁".repeat(60));
    expect(legend).toBe("0:00 to 2:00 · 2 s a mark · no write throttled");
  });

  it("is deterministic, and absent without the series", () => {
    const load = () => simulateWithSeries(loadExperimentFile("experiments/hot-key.yaml"));
    const first = load();
    const second = load();
    const withoutWall = (text: string) => text.split("\n").slice(2).join("\n");
    expect(withoutWall(renderSummary(first.result, first.series))).toBe(
      withoutWall(renderSummary(second.result, second.series)),
    );
    expect(renderSummary(first.result)).not.toContain("throttling    ");
  });
});

describe("renderSummary, other shapes", () => {
  it("shows the 16 hottest of many shards and says how many are hidden", () => {
    const { result } = simulateWithSeries(
      experiment({
        durationUs: 5 * S,
        stream: { shards: 20 },
        producers: [
          producer({
            rate: 4000,
            keys: {
              distribution: "hotShare",
              share: 0.5,
              hotKeys: 1,
              cardinality: 1000,
              prefix: "k",
            },
          }),
        ],
        consumers: [consumer()],
      }),
    );
    const text = renderSummary(result);
    checkWidth(text);
    checkHeadline(text, result);
    const shardRows = text.split("\n").filter((line) => line.startsWith("  shardId-"));
    expect(shardRows.length).toBe(16);
    expect(text).toContain("  … 4 more shards (the hottest are shown)");
    // The throttled hot shard comes first.
    const hottest = [...result.shards].sort((a, b) => b.throttledAttempts - a.throttledAttempts)[0];
    expect(hottest?.throttledAttempts).toBeGreaterThan(0);
    expect(shardRows[0]).toContain(hottest?.shardId ?? "?");
    const throttledShards = result.shards.filter((s) => s.throttledAttempts > 0).length;
    expect(text).toContain(`${throttledShards} of 20 shards throttled at least one write`);
  });

  it("says so when no record was delivered", () => {
    const { result } = simulateWithSeries(experiment({ durationUs: 2 * S }));
    const text = renderSummary(result);
    expect(result.latencyMs.count).toBe(0);
    checkHeadline(text, result);
    checkWidth(text);
  });

  // BUG (src/experiment/text/render-summary.ts, the "data loss" row): the doc comment promises the
  // summary "Fits in 80 columns", but the row is 16 + ~61 columns with six-digit counts and
  // overflows once the dropped count has seven digits. `kinesim run experiments/hot-key.yaml
  // --set duration=20m` prints (81 columns):
  //   "  data loss     1,124,716 records, 18.74 %  (dropped 1,124,716, expired unread 0)"
  // (likewise capacity-example --set stream.shards=5 --set duration=30m: 4,299,887). The
  // numbers below are that 20-minute hot-key run's.
  it("keeps the data-loss row within 80 columns for seven-digit counts", () => {
    const { result } = simulateWithSeries(loadExperimentFile("experiments/quickstart.yaml"));
    const lossy: RunResult = {
      ...result,
      dataLoss: {
        records: 1_124_716,
        fraction: 0.1874,
        dropped: 1_124_716,
        oversize: 0,
        expiredUnread: 0,
      },
    };
    checkWidth(renderSummary(lossy));
  });
});
