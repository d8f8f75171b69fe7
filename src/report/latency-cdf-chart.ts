import { ms } from "../format/number-format.js";
import type { LatencyCdfPoint } from "../stats/latency-cdf.js";
import type { LatencySummaryMs } from "../stats/latency-histogram.js";
import { chartFrame, chartSvg, type Frame } from "./chart-frame.js";
import { escapeMarkup } from "./escape.js";
import { latencyCdfAxes } from "./latency-cdf-axes.js";
import { LEGEND_ROW_HEIGHT, type LegendItem, legend, legendRows } from "./legend.js";
import { INK, LIMIT } from "./palette.js";
import { group, label, tag } from "./svg.js";

/** One distribution to draw: whose it is (the legend's label), its colour and its points. */
export interface LatencyCdfCurve {
  label: string;
  color: string;
  cdf: readonly LatencyCdfPoint[];
  summary: LatencySummaryMs;
}

export interface LatencyCdfInput {
  curves: readonly LatencyCdfCurve[];
  /**
   * The legend; by default one entry per curve. Many curves share a colour per group (a
   * consumer mode) and the legend names the groups instead.
   */
  legend?: readonly LegendItem[];
}

/**
 * The share of records delivered within each latency (creation → receipt by a consumer
 * application), one curve per distribution on one axis, a log axis for a long tail so the
 * body stays readable. A lone curve has its p50, p90 and p99 marked with their values;
 * several have each p50 dotted (the tables give the values), and each curve carries its
 * label as a tooltip.
 */
export function latencyCdfChart(input: LatencyCdfInput): string {
  const items = input.legend ?? input.curves.map((c) => ({ label: c.label, color: c.color }));
  const width = chartFrame(0, { top: 0, right: 40, bottom: 0, left: 70 }).innerWidth;
  const top = legendRows(items, width) * LEGEND_ROW_HEIGHT + 30;
  const frame = chartFrame(top + 226 + 44, { top, right: 40, bottom: 44, left: 70 });
  const points = input.curves.flatMap((c) => c.cdf);
  const { xOf, y, yAxis, xAxis, curve } = latencyCdfAxes(points, frame);
  const lone = input.curves.length === 1;
  let plot = yAxis.grid + xAxis.grid;
  for (const c of input.curves) {
    plot += tag(
      "path",
      {
        class: "cdf-curve",
        "data-label": c.label,
        d: curve([...c.cdf]) ?? "",
        fill: "none",
        stroke: c.color,
        "stroke-width": lone ? 2 : 1.5,
      },
      tag("title", {}, escapeMarkup(c.label)),
    );
  }
  plot += yAxis.axis + xAxis.axis;
  const only = input.curves[0];
  if (lone && only !== undefined) {
    plot += percentileMarks(only.summary, xOf, y, frame);
  } else {
    for (const c of input.curves) {
      plot += tag("circle", { cx: xOf(c.summary.p50), cy: y(50), r: 3, fill: c.color });
    }
  }
  return chartSvg(
    "latency-cdf",
    frame,
    lone
      ? "Cumulative distribution of end-to-end latency with p50, p90 and p99 marked"
      : "Cumulative distribution of end-to-end latency, one curve per consumer application",
    legend(items, frame.left, 8, frame.innerWidth) + group(frame.left, frame.top, plot),
  );
}

/** p50, p90 and p99 of a lone curve: a dashed drop line, a dot and the value. */
function percentileMarks(
  summary: LatencySummaryMs,
  xOf: (value: number) => number,
  y: (percentile: number) => number,
  frame: Frame,
): string {
  const marks: [string, number, number][] = [
    ["p50", 50, summary.p50],
    ["p90", 90, summary.p90],
    ["p99", 99, summary.p99],
  ];
  let markup = "";
  for (const [name, percentile, value] of marks) {
    const px = xOf(value);
    const py = y(percentile);
    markup += tag("line", {
      x1: px,
      x2: px,
      y1: frame.innerHeight,
      y2: py,
      stroke: LIMIT,
      "stroke-dasharray": "3 3",
    });
    markup += tag("circle", { cx: px, cy: py, r: 3.5, fill: LIMIT });
    const onLeft = px > frame.innerWidth * 0.7;
    // Below and beside the point: right of a CDF point and under the curve nothing is drawn.
    markup += label(onLeft ? px - 8 : px + 8, py + 14, `${name} ${ms(value)}`, {
      "text-anchor": onLeft ? "end" : "start",
      fill: INK,
      "font-weight": "bold",
    });
  }
  return markup;
}
