import type { KclResult } from "../experiment/run/result-types.js";
import { chartFrame, chartSvg } from "./chart-frame.js";
import { eventMarksLayer } from "./event-marks.js";
import { LEGEND_ROW_HEIGHT, type LegendItem, legend, legendRows } from "./legend.js";
import type { OverTime } from "./over-time.js";
import { categoryColor, INK, LIMIT } from "./palette.js";
import { shortShardId } from "./shard-label.js";
import { group, label, tag } from "./svg.js";
import { timeScale } from "./time-scale.js";

export interface LeaseInput extends OverTime {
  consumerName: string;
  kcl: KclResult;
}

/** A stretch of time one worker held a shard's lease. */
interface Holding {
  shardId: string;
  worker: number;
  fromSeconds: number;
  toSeconds: number;
  /** The worker had stopped: the lease was held but nobody read the shard. */
  stale: boolean;
}

/**
 * Which KCL worker held each shard's lease over time: one row per shard, coloured by worker;
 * a lease still held by a stopped worker (until another takes it) is drawn pale, and each
 * worker's stop is marked.
 */
export function leaseChart(input: LeaseInput): string {
  const { kcl } = input;
  const shardIds = [...new Set(kcl.leaseTimeline.map((change) => change.shardId))].sort();
  const holdings = leaseHoldings(input);
  const items: LegendItem[] = Array.from({ length: kcl.workers }, (_, i) => ({
    label: `worker ${i + 1}`,
    color: categoryColor(i),
  }));
  if (kcl.failovers.length > 0) {
    items.push({ label: "held by a stopped worker", color: "#ddd" });
    items.push({ label: "worker stops", color: LIMIT, dashed: true });
  }
  const width = chartFrame(0, { top: 0, right: 24, bottom: 0, left: 76 }).innerWidth;
  const top = legendRows(items, width) * LEGEND_ROW_HEIGHT + 30;
  const plotHeight = Math.min(480, Math.max(60, shardIds.length * 20));
  const rowHeight = plotHeight / Math.max(1, shardIds.length);
  const frame = chartFrame(top + plotHeight + 44, { top, right: 24, bottom: 44, left: 76 });
  const time = timeScale(input.durationSeconds, frame.innerWidth, input.startTime);
  const rowOf = new Map(shardIds.map((id, i) => [id, i]));
  const barHeight = Math.max(1, rowHeight * 0.7);

  const timeAxis = time.axis(plotHeight);
  let plot = timeAxis.grid;
  for (const holding of holdings) {
    const row = rowOf.get(holding.shardId) ?? 0;
    const from = time.x(holding.fromSeconds);
    const to = time.x(holding.toSeconds);
    plot += tag("rect", {
      x: from,
      y: row * rowHeight + (rowHeight - barHeight) / 2,
      width: Math.max(0.5, to - from),
      height: barHeight,
      fill: categoryColor(holding.worker - 1),
      "fill-opacity": holding.stale ? 0.25 : 1,
    });
  }
  plot += eventMarksLayer(input.marks ?? [], time.x, frame.innerWidth, plotHeight);
  plot += timeAxis.axis;
  const every = Math.ceil(12 / rowHeight);
  shardIds.forEach((id, row) => {
    if (row % every !== 0) return;
    plot += label(-6, row * rowHeight + rowHeight / 2 + 4, shortShardId(id), {
      "text-anchor": "end",
      fill: INK,
    });
  });
  for (const failover of kcl.failovers) {
    const x = time.x(failover.stoppedAtSeconds);
    plot += tag("line", {
      x1: x,
      x2: x,
      y1: -6,
      y2: plotHeight,
      stroke: LIMIT,
      "stroke-width": 1.5,
      "stroke-dasharray": "5 3",
    });
  }
  return chartSvg(
    "lease-ownership",
    frame,
    `Lease ownership of KCL application ${input.consumerName}: which worker held each shard over time`,
    legend(items, frame.left, 8, frame.innerWidth) + group(frame.left, frame.top, plot),
  );
}

/** The timeline as holdings: each change of owner ends the previous holding of that shard. */
export function leaseHoldings(input: LeaseInput): Holding[] {
  const stoppedAt = new Map(input.kcl.failovers.map((f) => [f.worker, f.stoppedAtSeconds]));
  const current = new Map<string, { worker: number | null; fromSeconds: number }>();
  const holdings: Holding[] = [];
  const close = (shardId: string, toSeconds: number) => {
    const held = current.get(shardId);
    if (held === undefined || held.worker === null || toSeconds <= held.fromSeconds) return;
    const stop = stoppedAt.get(held.worker);
    const liveUntil =
      stop === undefined ? toSeconds : Math.max(held.fromSeconds, Math.min(stop, toSeconds));
    if (liveUntil > held.fromSeconds) {
      holdings.push({
        shardId,
        worker: held.worker,
        fromSeconds: held.fromSeconds,
        toSeconds: liveUntil,
        stale: false,
      });
    }
    if (liveUntil < toSeconds) {
      holdings.push({
        shardId,
        worker: held.worker,
        fromSeconds: liveUntil,
        toSeconds,
        stale: true,
      });
    }
  };
  for (const change of input.kcl.leaseTimeline) {
    close(change.shardId, change.atSeconds);
    current.set(change.shardId, { worker: change.worker, fromSeconds: change.atSeconds });
  }
  for (const shardId of current.keys()) close(shardId, input.durationSeconds);
  return holdings;
}
