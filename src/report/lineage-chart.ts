import { linkHorizontal } from "d3-shape";
import type { ShardResult } from "../experiment/run/result-types.js";
import { chartFrame, chartSvg } from "./chart-frame.js";
import { eventMarksLayer } from "./event-marks.js";
import { legend } from "./legend.js";
import type { OverTime } from "./over-time.js";
import { categoryColor, INK, MUTED } from "./palette.js";
import { shortShardId } from "./shard-label.js";
import { keySpaceOrder } from "./shard-order.js";
import { group, label, tag } from "./svg.js";
import { timeScale } from "./time-scale.js";

export interface LineageInput extends OverTime {
  shards: readonly Pick<
    ShardResult,
    "shardId" | "parentShardIds" | "startingHashKey" | "openedAtSeconds" | "closedAtSeconds"
  >[];
}

/** Parent → child links as smooth horizontal curves (d3's tree links). */
const link = linkHorizontal<
  { source: [number, number]; target: [number, number] },
  [number, number]
>().digits(1);

const OPEN_COLOR = categoryColor(0);
const CLOSED_COLOR = "#b8c2cc";

/**
 * Every shard as a bar from when it opened to when it closed (or the end of the run), in
 * key-space order, with a link from each parent's end to each child's start.
 */
export function lineageChart(input: LineageInput): string {
  const rows = [...input.shards].sort(keySpaceOrder);
  const plotHeight = Math.min(520, Math.max(60, rows.length * 22));
  const rowHeight = plotHeight / Math.max(1, rows.length);
  const frame = chartFrame(plotHeight + 34 + 44, { top: 34, right: 24, bottom: 44, left: 76 });
  const time = timeScale(input.durationSeconds, frame.innerWidth, input.startTime);
  const rowOf = new Map(rows.map((shard, i) => [shard.shardId, i]));
  const middle = (row: number) => row * rowHeight + rowHeight / 2;
  const barHeight = Math.max(1, Math.min(14, rowHeight * 0.6));

  let bars = "";
  let links = "";
  let labels = "";
  const every = Math.ceil(12 / rowHeight);
  rows.forEach((shard, row) => {
    const from = time.x(shard.openedAtSeconds);
    const to = time.x(shard.closedAtSeconds ?? input.durationSeconds);
    bars += tag("rect", {
      x: from,
      y: middle(row) - barHeight / 2,
      width: Math.max(1, to - from),
      height: barHeight,
      fill: shard.closedAtSeconds === null ? OPEN_COLOR : CLOSED_COLOR,
      rx: Math.min(3, barHeight / 3),
    });
    if (row % every === 0) {
      labels += label(-6, middle(row) + 4, shortShardId(shard.shardId), {
        "text-anchor": "end",
        fill: INK,
      });
    }
    for (const parentId of shard.parentShardIds) {
      const parentRow = rowOf.get(parentId);
      const parent = rows[parentRow ?? -1];
      if (parentRow === undefined || parent === undefined) continue;
      const parentEnd = time.x(parent.closedAtSeconds ?? shard.openedAtSeconds);
      const path = link({ source: [parentEnd, middle(parentRow)], target: [from, middle(row)] });
      links += tag("path", {
        d: path ?? "",
        fill: "none",
        stroke: MUTED,
        "stroke-width": 1.2,
      });
    }
  });
  const timeAxis = time.axis(plotHeight);
  const key = legend(
    [
      { label: "open at the end of the run", color: OPEN_COLOR },
      { label: "closed (split or merged)", color: CLOSED_COLOR },
      { label: "parent → child", color: MUTED, dashed: true },
    ],
    frame.left,
    8,
    frame.innerWidth,
  );
  return chartSvg(
    "shard-lineage",
    frame,
    "Shard lineage: each shard's lifetime, with links from parents to children",
    key +
      group(
        frame.left,
        frame.top,
        timeAxis.grid +
          links +
          bars +
          eventMarksLayer(input.marks ?? [], time.x, frame.innerWidth, plotHeight) +
          timeAxis.axis +
          labels,
      ),
  );
}
