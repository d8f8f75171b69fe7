import { describe, expect, it } from "vitest";
import { loadExperimentFile } from "../../../src/experiment/config/load-experiment.js";
import type { RunResult } from "../../../src/experiment/run/result-types.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";
import { renderSummary } from "../../../src/experiment/text/render-summary.js";
import { consumer, experiment, producer } from "../../helpers/experiment.js";
import { checkHeadline, checkWidth } from "../../helpers/summary-shape.js";

const S = 1_000_000;

// Each shipped experiment's own summary is checked (checkSummaryShape) by the catalogue run
// (test/catalogue/catalogue.test.ts), which simulates every one of them anyway.
describe("renderSummary on a what-if of a shipped experiment", () => {
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
