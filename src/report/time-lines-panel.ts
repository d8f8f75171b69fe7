import { max } from "d3-array";
import { scaleLinear } from "d3-scale";
import { area, line } from "d3-shape";
import { leftAxis } from "./axes.js";
import { countAxis } from "./count-axis.js";
import { eventMarksLayer } from "./event-marks.js";
import type { OverTime } from "./over-time.js";
import { LIMIT } from "./palette.js";
import { group, label, tag } from "./svg.js";
import { timeScale } from "./time-scale.js";

/** One line over time; `null` values are gaps (a shard not yet open, or closed). */
export interface TimeLine {
  color: string;
  times: readonly number[];
  values: readonly (number | null)[];
  /** Fill the area under the line (a single total, such as throttled records). */
  filled?: boolean;
  /** Draw the line dashed: the second run of a comparison. */
  dashed?: boolean;
}

export interface TimeLinesPanel extends OverTime {
  width: number;
  height: number;
  lines: readonly TimeLine[];
  /** A horizontal reference line, e.g. the shard's write limit. */
  limit?: { value: number; text: string };
  yTitle: string;
  yFormat?: (value: number) => string;
  /**
   * The values are counts: "whole" for whole numbers (a Sum per period), "rate" for counts per
   * second. The y axis then steps by round values labelled in the count format, never two alike.
   */
  yCounts?: "whole" | "rate";
  /** Draw the time axis under this panel (the last of a stack of panels). */
  timeAxis?: boolean;
  /** Label the marks (false for a panel stacked under one that labels them). */
  markLabels?: boolean;
}

/**
 * One panel of lines over time with its y axis (and optionally the time axis), drawn in a
 * plot area `width` × `height` whose top-left is the origin. The y domain starts at 0 and
 * reaches past the highest value and the limit, rounded by d3's nice().
 */
export function timeLinesPanel(panel: TimeLinesPanel): string {
  const time = timeScale(panel.durationSeconds, panel.width, panel.startTime);
  const highest = max(panel.lines.flatMap((l) => l.values.map((v) => v ?? 0))) ?? 0;
  // An all-zero panel still gets a readable axis (0 to 1), not ticks of 0.0000000002.
  const top = Math.max(highest, (panel.limit?.value ?? 0) * 1.15) || 1;
  const counts =
    panel.yCounts === undefined
      ? undefined
      : countAxis(
          highest === 0 && panel.limit === undefined ? 0 : top,
          5,
          panel.yCounts === "whole",
        );
  const y = scaleLinear()
    .domain([0, counts?.top ?? top])
    .range([panel.height, 0]);
  if (counts === undefined) y.nice();
  const yAxis = leftAxis(y, panel.width, {
    title: panel.yTitle,
    ...(counts === undefined ? {} : { tickValues: counts.ticks, format: counts.format }),
    ...(panel.yFormat === undefined ? {} : { format: panel.yFormat }),
  });
  const timeAxis = time.axis(panel.height);
  let markup = yAxis.grid + timeAxis.grid;
  for (const series of panel.lines) {
    const points = series.times.map((t, i) => [t, series.values[i] ?? null] as const);
    const defined = (point: readonly [number, number | null]) => point[1] !== null;
    if (series.filled) {
      const fill = area<readonly [number, number | null]>()
        .defined(defined)
        .x((point) => time.x(point[0]))
        .y0(panel.height)
        .y1((point) => y(point[1] ?? 0))
        .digits(1);
      markup += tag("path", { d: fill(points) ?? "", fill: series.color, "fill-opacity": 0.25 });
    }
    const stroke = line<readonly [number, number | null]>()
      .defined(defined)
      .x((point) => time.x(point[0]))
      .y((point) => y(point[1] ?? 0))
      .digits(1);
    markup += tag("path", {
      d: stroke(points) ?? "",
      fill: "none",
      stroke: series.color,
      "stroke-width": 1.5,
      "stroke-linejoin": "round",
      ...(series.dashed ? { "stroke-dasharray": "6 3" } : {}),
    });
  }
  markup += eventMarksLayer(
    panel.marks ?? [],
    time.x,
    panel.width,
    panel.height,
    panel.markLabels !== false,
  );
  markup += yAxis.axis;
  // A panel stacked above another keeps its time grid but leaves the labels to the lowest.
  if (panel.timeAxis !== false) markup += timeAxis.axis;
  if (panel.limit !== undefined) {
    const at = y(panel.limit.value);
    markup += tag("line", {
      x1: 0,
      x2: panel.width,
      y1: at,
      y2: at,
      stroke: LIMIT,
      "stroke-width": 1.5,
      "stroke-dasharray": "6 4",
    });
    markup += label(panel.width - 4, at - 5, panel.limit.text, {
      "text-anchor": "end",
      fill: LIMIT,
      "font-weight": "bold",
    });
  }
  return group(0, 0, markup);
}
