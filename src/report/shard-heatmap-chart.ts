import { scaleLinear, scaleThreshold } from "d3-scale";
import type { RunSeries, ShardResult } from "../experiment/run/result-types.js";
import { chartFrame, chartSvg } from "./chart-frame.js";
import { eventMarksLayer } from "./event-marks.js";
import type { OverTime } from "./over-time.js";
import { INK, LIMIT } from "./palette.js";
import { buckets, meanRate, openDuring } from "./series-view.js";
import { shortShardId } from "./shard-label.js";
import { keySpaceOrder } from "./shard-order.js";
import { group, label, tag } from "./svg.js";
import { timeScale } from "./time-scale.js";

export interface ShardHeatmapInput extends OverTime {
  limits: { recordsPerSecond: number; bytesPerSecond: number };
  shards: readonly Pick<
    ShardResult,
    "shardId" | "openedAtSeconds" | "closedAtSeconds" | "startingHashKey"
  >[];
  series: RunSeries;
}

/** Columns of the heatmap: enough to see minutes in an hour, few enough to stay small. */
export const HEATMAP_COLUMNS = 180;

/**
 * Utilization bands: tenths from 0 to 100 % of the binding limit, light to dark blue; a mean at
 * or above the limit stays in the darkest band. Red is kept for one thing only, a cell where
 * writes were actually throttled, so a shard at 97 % that takes everything and the one shard
 * that refuses writes are told apart at a glance.
 */
const THRESHOLDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const BLUES = scaleLinear<string>().domain([0, 1]).range(["#deebf7", "#08306b"]);
const BAND_COLORS = [0, ...THRESHOLDS].map((_, i) => BLUES(i / THRESHOLDS.length));
/** The colour of a cell in which at least one put attempt was throttled. */
export const THROTTLED_CELL = LIMIT;

/**
 * Utilization (incoming ÷ the shard's write limit, the larger of records and bytes) of every
 * shard over time: one row per shard in key-space order (children beside their parent), one
 * column per time bucket; red where the shard throttled writes in that bucket. Cells where the
 * shard was not open stay blank. For many shards, where one line per shard would be unreadable.
 */
export function shardHeatmapChart(input: ShardHeatmapInput): string {
  const { series, limits } = input;
  const intervals = series.shards[0]?.incomingRecords.length ?? 0;
  const view = buckets(intervals, series.resolutionSeconds, input.durationSeconds, HEATMAP_COLUMNS);
  const rows = [...input.shards].sort(keySpaceOrder);
  const plotHeight = Math.min(480, Math.max(120, rows.length * 12));
  const rowHeight = plotHeight / Math.max(1, rows.length);
  const frame = chartFrame(plotHeight + 44 + 44, { top: 44, right: 24, bottom: 44, left: 76 });
  const time = timeScale(input.durationSeconds, frame.innerWidth, input.startTime);
  const band = scaleThreshold<number, string>().domain(THRESHOLDS).range(BAND_COLORS);

  let cells = "";
  rows.forEach((shard, row) => {
    const data = series.shards.find((s) => s.shardId === shard.shardId);
    if (data === undefined) return;
    const open = openDuring(shard, view);
    const records = meanRate(data.incomingRecords, view);
    const bytes = meanRate(data.incomingBytes, view);
    const throttled = meanRate(data.throttledRecords, view);
    // Neighbouring cells of one colour become one rectangle: far fewer elements, same picture.
    let runStart = -1;
    let runColor = "";
    const flush = (end: number) => {
      if (runStart < 0) return;
      const from = time.x((view.ranges[runStart]?.start ?? 0) * view.resolutionSeconds);
      const to = time.x(
        Math.min(input.durationSeconds, (view.ranges[end - 1]?.end ?? 0) * view.resolutionSeconds),
      );
      cells += tag("rect", {
        x: from,
        y: row * rowHeight,
        width: to - from,
        height: rowHeight,
        fill: runColor,
        // Which shard a cell is, for a reader's tools and the browser test.
        "data-shard": shard.shardId,
      });
      runStart = -1;
    };
    view.ranges.forEach((_, k) => {
      const color = !open[k]
        ? ""
        : (throttled[k] ?? 0) > 0
          ? THROTTLED_CELL
          : band(
              Math.max(
                (records[k] ?? 0) / limits.recordsPerSecond,
                (bytes[k] ?? 0) / limits.bytesPerSecond,
              ),
            );
      if (color !== runColor || runStart < 0) {
        flush(k);
        if (color !== "") {
          runStart = k;
          runColor = color;
        } else runColor = "";
      }
    });
    flush(view.ranges.length);
  });

  const every = Math.ceil(12 / rowHeight);
  let labels = "";
  rows.forEach((shard, row) => {
    if (row % every !== 0) return;
    labels += label(-6, row * rowHeight + rowHeight / 2 + 4, shortShardId(shard.shardId), {
      "text-anchor": "end",
      fill: INK,
    });
  });
  const outline = tag("rect", {
    x: 0,
    y: 0,
    width: frame.innerWidth,
    height: plotHeight,
    fill: "none",
    stroke: "#ccc",
  });
  const key = colorKey(frame.left, 8);
  const timeAxis = time.axis(plotHeight);
  const body =
    key +
    group(
      frame.left,
      frame.top,
      timeAxis.grid +
        cells +
        outline +
        eventMarksLayer(input.marks ?? [], time.x, frame.innerWidth, plotHeight) +
        timeAxis.axis +
        labels,
    );
  return chartSvg(
    "shard-utilization",
    frame,
    "Heatmap of each shard's write utilization over time, shards in key-space order",
    body,
  );
}

/** The colour bands as a bar with the boundaries under it, then what red and blank mean. */
function colorKey(x: number, y: number): string {
  const swatch = 28;
  const start = 118;
  let markup = label(0, 10, "incoming ÷ limit", { fill: INK });
  BAND_COLORS.forEach((color, i) => {
    markup += tag("rect", { x: start + i * swatch, y: 0, width: swatch, height: 12, fill: color });
  });
  [0, ...THRESHOLDS, 1].forEach((bound, i) => {
    markup += label(start + i * swatch, 25, `${Math.round(bound * 100)}`, {
      "text-anchor": "middle",
      fill: INK,
      "font-size": 9,
    });
  });
  let after = start + BAND_COLORS.length * swatch + 6;
  markup += label(after, 10, "%", { fill: INK });
  after += 18;
  markup += tag("rect", { x: after, y: 0, width: swatch, height: 12, fill: THROTTLED_CELL });
  markup += label(after + swatch + 6, 10, "throttled (writes refused) · blank: shard not open", {
    fill: INK,
    "data-key": "throttled",
  });
  return group(x, y, markup);
}
