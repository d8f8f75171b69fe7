import type { LatencyCdfPoint } from "../stats/latency-cdf.js";
import { chartFrame, chartSvg } from "./chart-frame.js";
import { latencyCdfAxes } from "./latency-cdf-axes.js";
import { LEGEND_ROW_HEIGHT, legend } from "./legend.js";
import { categoryColor } from "./palette.js";
import { group, tag } from "./svg.js";

/** One run's latency distribution: its label and the result's percentile points. */
export interface ComparedCdf {
  label: string;
  cdf: readonly LatencyCdfPoint[];
}

/**
 * Both runs' latency distributions on one axis, A solid and B dashed, as the run's report
 * draws one (a log axis for a long tail); the percentiles themselves are in the tables.
 * A run that delivered nothing has an empty CDF and no curve.
 */
export function comparisonCdfChart(a: ComparedCdf, b: ComparedCdf): string {
  const top = LEGEND_ROW_HEIGHT + 34;
  const frame = chartFrame(top + 240 + 44, { top, right: 40, bottom: 44, left: 70 });
  const points = [...a.cdf, ...b.cdf];
  const { yAxis, xAxis, curve } = latencyCdfAxes(points, frame);
  let plot = yAxis.grid + xAxis.grid;
  [a, b].forEach((run, i) => {
    if (run.cdf.length === 0) return;
    plot += tag("path", {
      d: curve([...run.cdf]) ?? "",
      fill: "none",
      stroke: categoryColor(i),
      "stroke-width": 1.5,
      "stroke-dasharray": i === 1 ? "6 3" : undefined,
    });
  });
  plot += yAxis.axis + xAxis.axis;
  const items = [
    { label: a.label, color: categoryColor(0), line: true },
    { label: b.label, color: categoryColor(1), dashed: true },
  ];
  return chartSvg(
    "compare-latency-cdf",
    frame,
    `Cumulative distribution of end-to-end latency: ${a.label}, ${b.label}`,
    legend(items, frame.left, 8, frame.innerWidth) + group(frame.left, frame.top, plot),
  );
}
