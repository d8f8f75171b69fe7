import type { RunSeries, ShardResult } from "../experiment/run/result-types.js";
import { int } from "../format/number-format.js";
import { chartFrame, chartSvg } from "./chart-frame.js";
import { LEGEND_ROW_HEIGHT, type LegendItem, legend, legendRows } from "./legend.js";
import { type OverTime, overTime } from "./over-time.js";
import { categoryColor, LIMIT } from "./palette.js";
import { bucketMiddles, buckets, meanRate, openDuring } from "./series-view.js";
import { shortShardId } from "./shard-label.js";
import { group } from "./svg.js";
import { type TimeLine, timeLinesPanel } from "./time-lines-panel.js";

export interface ShardIncomingInput extends OverTime {
  limits: { recordsPerSecond: number; bytesPerSecond: number };
  shards: readonly Pick<ShardResult, "shardId" | "openedAtSeconds" | "closedAtSeconds">[];
  series: RunSeries;
}

const PANEL_HEIGHT = 170;
const MIB = 1_048_576;

/**
 * Each shard's incoming (accepted) records/s and MiB/s over time, one line per shard, in two
 * panels against the shard's write limits. Meant for a few shards (a heatmap serves many).
 */
export function shardIncomingChart(input: ShardIncomingInput): string {
  const { series, limits } = input;
  const intervals = series.shards[0]?.incomingRecords.length ?? 0;
  const view = buckets(intervals, series.resolutionSeconds, input.durationSeconds);
  const times = bucketMiddles(view);
  const legendItems: LegendItem[] = [
    ...input.shards.map((shard, i) => ({
      label: shortShardId(shard.shardId),
      color: categoryColor(i),
    })),
    { label: "write limit", color: LIMIT, dashed: true },
  ];
  const width = chartFrame(0, { top: 0, right: 24, bottom: 0, left: 70 }).innerWidth;
  const legendHeight = legendRows(legendItems, width) * LEGEND_ROW_HEIGHT;
  const top = legendHeight + 30;
  const frame = chartFrame(top + PANEL_HEIGHT * 2 + 60 + 40, {
    top,
    right: 24,
    bottom: 40,
    left: 70,
  });

  const linesOf = (pick: (s: RunSeries["shards"][number]) => Float64Array, scale: number) =>
    input.shards.flatMap((shard, i): TimeLine[] => {
      const data = series.shards.find((s) => s.shardId === shard.shardId);
      if (data === undefined) return [];
      const open = openDuring(shard, view);
      const rates = meanRate(pick(data), view);
      return [
        {
          color: categoryColor(i),
          times,
          values: rates.map((r, k) => (open[k] ? r / scale : null)),
        },
      ];
    });

  const records = timeLinesPanel({
    width: frame.innerWidth,
    height: PANEL_HEIGHT,
    ...overTime(input),
    lines: linesOf((s) => s.incomingRecords, 1),
    limit: {
      value: limits.recordsPerSecond,
      text: `limit ${int(limits.recordsPerSecond)} records/s`,
    },
    yTitle: "IncomingRecords per second",
    timeAxis: false,
  });
  const bytes = timeLinesPanel({
    width: frame.innerWidth,
    height: PANEL_HEIGHT,
    ...overTime(input),
    lines: linesOf((s) => s.incomingBytes, MIB),
    limit: {
      value: limits.bytesPerSecond / MIB,
      text: `limit ${Number((limits.bytesPerSecond / MIB).toFixed(3))} MiB/s`,
    },
    yTitle: "IncomingBytes, MiB per second",
    markLabels: false,
  });
  const body =
    legend(legendItems, frame.left, 8, frame.innerWidth) +
    group(frame.left, frame.top, records) +
    group(frame.left, frame.top + PANEL_HEIGHT + 60, bytes);
  return chartSvg(
    "shard-incoming",
    frame,
    "Incoming records per second and MiB per second of each shard over time, against the shard's write limits",
    body,
  );
}
