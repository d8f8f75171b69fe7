import { describe, expect, it } from "vitest";
import type { KclResult, RunSeries } from "../../src/experiment/run/result-types.js";
import { costChart } from "../../src/report/cost-chart.js";
import { shortDuration } from "../../src/report/latency-cdf-axes.js";
import { latencyCdfChart } from "../../src/report/latency-cdf-chart.js";
import { leaseChart, leaseHoldings } from "../../src/report/lease-chart.js";
import { lineageChart } from "../../src/report/lineage-chart.js";
import { lossChart } from "../../src/report/loss-chart.js";
import { shardHeatmapChart, THROTTLED_CELL } from "../../src/report/shard-heatmap-chart.js";
import { shardIncomingChart } from "../../src/report/shard-incoming-chart.js";
import { shortShardId } from "../../src/report/shard-label.js";
import { throttledChart } from "../../src/report/throttled-chart.js";
import { chartNames, markupProblems } from "./well-formed.js";

const LIMITS = { recordsPerSecond: 1000, bytesPerSecond: 1_048_576 };

function shardSeries(id: string, records: number[]): RunSeries["shards"][number] {
  return {
    shardId: id,
    incomingRecords: Float64Array.from(records),
    incomingBytes: Float64Array.from(records, (r) => r * 1000),
    throttledRecords: Float64Array.from(records, (r) => Math.max(0, r - 1000)),
    outgoingRecords: Float64Array.from(records),
    outgoingBytes: Float64Array.from(records, (r) => r * 1000),
  };
}

const shard = (
  id: string,
  openedAtSeconds: number,
  closedAtSeconds: number | null,
  start: string,
  parents: string[] = [],
) => ({
  shardId: id,
  parentShardIds: parents,
  startingHashKey: start,
  openedAtSeconds,
  closedAtSeconds,
});

/** Checks what every chart must be: one standalone, well-formed <svg> named by data-chart. */
function checkChart(svg: string, name: string): void {
  expect(markupProblems(svg)).toEqual([]);
  expect(chartNames(svg)).toEqual([name]);
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svg).toMatch(/<title>[^<]+<\/title>/);
  expect(svg).not.toMatch(/NaN|undefined|Infinity/);
}

describe("the well-formedness check itself", () => {
  it("finds unclosed, misnested and stray markup", () => {
    expect(markupProblems("<svg><g></svg>")).not.toEqual([]);
    expect(markupProblems("<p>a < b</p>")).not.toEqual([]);
    expect(markupProblems("<p>fish & chips</p>")).not.toEqual([]);
    expect(markupProblems('<svg><rect x="1"/><g>t &amp; u</g></svg>')).toEqual([]);
  });
});

describe("charts", () => {
  const series: RunSeries = {
    resolutionSeconds: 1,
    shards: [
      shardSeries("shardId-000000000000", [500, 1500, 800, 0]),
      shardSeries("shardId-000000000001", [0, 0, 300, 900]),
    ],
    consumers: [{ name: "app", millisBehindLatest: Float64Array.from([0, 1200, 300, 0]) }],
  };
  const shards = [
    shard("shardId-000000000000", 0, 2.5, "0"),
    shard("shardId-000000000001", 2.5, null, "0", ["shardId-000000000000"]),
  ];

  it("incoming: one line per shard, a gap where a shard was not open, the limit drawn", () => {
    const svg = shardIncomingChart({ durationSeconds: 4, limits: LIMITS, shards, series });
    checkChart(svg, "shard-incoming");
    expect(svg).toContain("limit 1,000 records/s");
    expect(svg).toContain("limit 1 MiB/s");
    // Two shards × two panels of lines; the second shard's line starts at its opening.
    const lines = [...svg.matchAll(/<path d="(M[^"]*)" fill="none"/g)].map((m) => m[1] as string);
    expect(lines).toHaveLength(4);
    expect(lines[1]?.split("L")).toHaveLength(2);
  });

  it("heatmap: cells only where a shard was open, red where it throttled", () => {
    const svg = shardHeatmapChart({
      durationSeconds: 4,
      limits: LIMITS,
      shards: shards.map((s) => ({ ...s, endingHashKey: "1" })),
      series,
    });
    checkChart(svg, "shard-utilization");
    // Rows are 60 units high (two shards in the smallest plot, 120): the cells, not the key.
    const cells = [...svg.matchAll(/<rect [^>]*height="60" fill="([^"]+)"/g)];
    // shard 0: 50 % then ≥ 100 % then 80 % (open 0–2.5 s); shard 1: 30 %, 90 % (open from 2.5 s).
    expect(cells.length).toBe(5);
    expect(cells.filter((c) => c[1] === "#c0392b")).toHaveLength(1);
  });

  it("heatmap: a shard at 97 % that takes everything is dark blue, the one that throttles red", () => {
    const at = (id: string, records: number, throttled: number) => ({
      ...shardSeries(id, [records, records]),
      throttledRecords: Float64Array.from([throttled, throttled]),
    });
    const svg = shardHeatmapChart({
      durationSeconds: 2,
      limits: LIMITS,
      shards: [
        shard("shardId-000000000000", 0, null, "0"),
        shard("shardId-000000000001", 0, null, "1"),
      ],
      series: {
        resolutionSeconds: 1,
        shards: [at("shardId-000000000000", 970, 0), at("shardId-000000000001", 1000, 40)],
        consumers: [],
      },
    });
    checkChart(svg, "shard-utilization");
    const cells = [...svg.matchAll(/<rect [^>]*height="60" fill="([^"]+)"/g)].map((m) => m[1]);
    expect(cells).toHaveLength(2);
    expect(cells[1]).toBe(THROTTLED_CELL);
    expect(cells[0]).not.toBe(THROTTLED_CELL);
    // 97 % is in the top band, the darkest blue: its blue channel above its red one.
    const [r, , b] = (cells[0]?.match(/\d+/g) ?? []).map(Number);
    expect(b as number).toBeGreaterThan(r as number);
    expect(svg).toContain("throttled (writes refused)");
  });

  it("throttled: the total over shards", () => {
    const svg = throttledChart({ durationSeconds: 4, series });
    checkChart(svg, "throttled");
    expect(svg).not.toContain("none throttled");
  });

  it("throttled: nothing throttled reads 'none throttled' on an axis labelled 0 and 1", () => {
    const calm = {
      ...series,
      shards: series.shards.map((s) => ({ ...s, throttledRecords: new Float64Array(4) })),
    };
    const svg = throttledChart({ durationSeconds: 4, series: calm });
    checkChart(svg, "throttled");
    expect(svg).toContain("none throttled");
    // The y axis's labels are drawn right-aligned at x = -7: exactly "0" and "1", once each.
    const yLabels = [...svg.matchAll(/<text x="-7"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(yLabels).toEqual(["0", "1"]);
  });

  it("latency: a log axis for a long tail, p50/p90/p99 marked with their values", () => {
    const cdf = [0, 50, 90, 99, 100].map((percentile, i) => ({
      percentile,
      ms: [1, 20, 400, 9000, 60000][i] as number,
    }));
    const summary = { count: 10, mean: 5, p50: 20, p90: 400, p99: 9000, p999: 50000, max: 60000 };
    const svg = latencyCdfChart({ curves: [{ label: "store", color: "#000", cdf, summary }] });
    checkChart(svg, "latency-cdf");
    expect(svg).toContain("(log scale)");
    for (const mark of ["p50 20.0 ms", "p90 400 ms", "p99 9,000 ms"]) expect(svg).toContain(mark);
    expect(svg).toContain(">store<");
    const narrow = latencyCdfChart({
      curves: [
        {
          label: "store",
          color: "#000",
          cdf: cdf.map((p) => ({ ...p, ms: 100 + p.percentile })),
          summary: { ...summary, p50: 150, p90: 190, p99: 199 },
        },
      ],
    });
    expect(narrow).not.toContain("(log scale)");
    expect(shortDuration(250)).toBe("250 ms");
    expect(shortDuration(100_000)).toBe("100 s");
    expect(shortDuration(7_200_000)).toBe("2 h");
  });

  it("latency: a log axis's ticks are durations a reader names, from below the fastest to above the slowest", () => {
    // The iot-gateway lesson's spread: 40 ms to 30 min.
    const cdf = [0, 50, 100].map((percentile, i) => ({
      percentile,
      ms: [40, 366_000, 1_800_000][i] as number,
    }));
    const summary = {
      count: 3,
      mean: 1,
      p50: 366_000,
      p90: 1e6,
      p99: 1.7e6,
      p999: 1.8e6,
      max: 1.8e6,
    };
    const svg = latencyCdfChart({ curves: [{ label: "analytics", color: "#000", cdf, summary }] });
    const ticks = [...svg.matchAll(/<text[^>]*text-anchor="middle"[^>]*>([^<]*)<\/text>/g)].map(
      (m) => m[1],
    );
    for (const tick of ["10 ms", "100 ms", "1 s", "10 s", "1 min", "10 min", "1 h"]) {
      expect(ticks).toContain(tick);
    }
    // Not powers of ten of milliseconds: 1,000,000 ms would read 16.7 min.
    expect(ticks).not.toContain("16.7 min");
    expect(ticks).not.toContain("1 ms");
  });

  it("lineage: a bar per shard and a link per parent", () => {
    const svg = lineageChart({ durationSeconds: 4, shards });
    checkChart(svg, "shard-lineage");
    expect(svg.match(/<path d="M/g)).toHaveLength(1);
    expect(svg).toContain(">shard 0<");
    expect(svg).toContain(">shard 1<");
  });

  it("loss: one bar part per non-zero share, and the loss in the heading", () => {
    const svg = lossChart({
      records: {
        offered: 1000,
        accepted: 900,
        throttledAttempts: 0,
        dropped: 100,
        delivered: 850,
        expiredUnread: 50,
        unread: 0,
        pendingAtProducer: 0,
      },
      dataLoss: { records: 150, fraction: 0.15, dropped: 100, oversize: 0, expiredUnread: 50 },
    });
    checkChart(svg, "data-loss");
    expect(svg).toContain("lost 150 (15.00 %)");
    expect(svg.match(/<rect x="[\d.]+" y="20"[^>]*fill="#/g)).toHaveLength(3);
  });

  it("cost: one bar per item with its price", () => {
    const svg = costChart({
      usd: 0.05,
      monthHours: 730,
      items: [
        { item: "shard-hours", quantity: 2, unit: "shard-hour", unitPriceUsd: 0.015, usd: 0.03 },
        { item: "PUT payload units", quantity: 1, unit: "unit", unitPriceUsd: 0.02, usd: 0.02 },
      ],
    });
    checkChart(svg, "cost");
    expect(svg).toContain(">$0.0300<");
    expect(svg).toContain("total $0.0500");
  });
});

describe("lease ownership", () => {
  const kcl: KclResult = {
    version: 2,
    workers: 2,
    leaseTimeline: [
      { atSeconds: 0, shardId: "shardId-000000000000", worker: 1, how: "taken" },
      { atSeconds: 0, shardId: "shardId-000000000001", worker: 2, how: "taken" },
      { atSeconds: 30, shardId: "shardId-000000000001", worker: 1, how: "taken" },
    ],
    failovers: [
      { worker: 2, stoppedAtSeconds: 20, leases: 1, recoveredAtSeconds: 30, recoverySeconds: 10 },
    ],
    leaderChanges: [],
    workerLoads: [],
  };

  it("splits a stopped worker's holding into live and stale parts", () => {
    expect(leaseHoldings({ durationSeconds: 60, consumerName: "app", kcl })).toEqual([
      { shardId: "shardId-000000000001", worker: 2, fromSeconds: 0, toSeconds: 20, stale: false },
      { shardId: "shardId-000000000001", worker: 2, fromSeconds: 20, toSeconds: 30, stale: true },
      { shardId: "shardId-000000000000", worker: 1, fromSeconds: 0, toSeconds: 60, stale: false },
      { shardId: "shardId-000000000001", worker: 1, fromSeconds: 30, toSeconds: 60, stale: false },
    ]);
  });

  it("draws every holding and marks the stop", () => {
    const svg = leaseChart({ durationSeconds: 60, consumerName: "app", kcl });
    checkChart(svg, "lease-ownership");
    expect(svg.match(/fill-opacity="0.25"/g)).toHaveLength(1);
    expect(svg).toContain("held by a stopped worker");
  });
});

describe("shortShardId", () => {
  it("drops the prefix and the leading zeros, and leaves other ids alone", () => {
    expect(shortShardId("shardId-000000000012")).toBe("shard 12");
    expect(shortShardId("shardId-000000000000")).toBe("shard 0");
    expect(shortShardId("custom")).toBe("custom");
  });
});
