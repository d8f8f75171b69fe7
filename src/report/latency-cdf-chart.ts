import { ms } from "../format/number-format.js";
import type { LatencyCdfPoint } from "../stats/latency-cdf.js";
import type { LatencySummaryMs } from "../stats/latency-histogram.js";
import { chartFrame, chartSvg } from "./chart-frame.js";
import { latencyCdfAxes } from "./latency-cdf-axes.js";
import { categoryColor, INK, LIMIT } from "./palette.js";
import { group, label, tag } from "./svg.js";

export interface LatencyCdfInput {
  cdf: readonly LatencyCdfPoint[];
  summary: LatencySummaryMs;
}

/**
 * The share of records delivered within each latency (creation → receipt by a consumer
 * application), with p50, p90 and p99 marked. A long tail gets a log axis so the body of
 * the distribution stays readable.
 */
export function latencyCdfChart(input: LatencyCdfInput): string {
  const frame = chartFrame(300, { top: 30, right: 40, bottom: 44, left: 70 });
  const { xOf, y, yAxis, xAxis, curve } = latencyCdfAxes(input.cdf, frame);
  let plot = yAxis.grid + xAxis.grid;
  plot += tag("path", {
    d: curve([...input.cdf]) ?? "",
    fill: "none",
    stroke: categoryColor(0),
    "stroke-width": 2,
  });
  plot += yAxis.axis + xAxis.axis;
  const marks: [string, number, number][] = [
    ["p50", 50, input.summary.p50],
    ["p90", 90, input.summary.p90],
    ["p99", 99, input.summary.p99],
  ];
  for (const [name, percentile, value] of marks) {
    const px = xOf(value);
    const py = y(percentile);
    plot += tag("line", {
      x1: px,
      x2: px,
      y1: frame.innerHeight,
      y2: py,
      stroke: LIMIT,
      "stroke-dasharray": "3 3",
    });
    plot += tag("circle", { cx: px, cy: py, r: 3.5, fill: LIMIT });
    const onLeft = px > frame.innerWidth * 0.7;
    // Below and beside the point: right of a CDF point and under the curve nothing is drawn.
    plot += label(onLeft ? px - 8 : px + 8, py + 14, `${name} ${ms(value)}`, {
      "text-anchor": onLeft ? "end" : "start",
      fill: INK,
      "font-weight": "bold",
    });
  }
  return chartSvg(
    "latency-cdf",
    frame,
    "Cumulative distribution of end-to-end latency with p50, p90 and p99 marked",
    group(frame.left, frame.top, plot),
  );
}
