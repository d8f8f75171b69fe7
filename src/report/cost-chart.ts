import { max } from "d3-array";
import { scaleBand, scaleLinear } from "d3-scale";
import type { CostResult } from "../experiment/run/result-types.js";
import { usd } from "../format/number-format.js";
import { bottomAxis } from "./axes.js";
import { chartFrame, chartSvg } from "./chart-frame.js";
import { categoryColor, INK } from "./palette.js";
import { group, label, tag } from "./svg.js";

/** The run's cost by item (shard-hours, PUT payload units, …), one bar each, in US dollars. */
export function costChart(cost: CostResult): string {
  const rows = cost.items.length;
  const frame = chartFrame(Math.max(1, rows) * 30 + 30 + 44, {
    top: 30,
    right: 90,
    bottom: 44,
    left: 170,
  });
  const y = scaleBand<number>()
    .domain(cost.items.map((_, i) => i))
    .range([0, frame.innerHeight])
    .padding(0.25);
  const x = scaleLinear()
    .domain([0, max(cost.items, (item) => item.usd) || 1])
    .range([0, frame.innerWidth])
    .nice();
  const xAxis = bottomAxis(x, frame.innerHeight, {
    ticks: 5,
    format: (value) => usd(value),
    title: "US dollars",
  });
  let plot = xAxis.grid;
  cost.items.forEach((item, i) => {
    const top = y(i) ?? 0;
    plot += tag("rect", {
      x: 0,
      y: top,
      width: x(item.usd),
      height: y.bandwidth(),
      fill: categoryColor(i),
    });
    plot += label(-8, top + y.bandwidth() / 2 + 4, item.item, { "text-anchor": "end", fill: INK });
    plot += label(x(item.usd) + 6, top + y.bandwidth() / 2 + 4, usd(item.usd), { fill: INK });
  });
  plot += xAxis.axis;
  plot += label(0, -12, `total ${usd(cost.usd)} for the simulated run`, {
    fill: INK,
    "font-weight": "bold",
  });
  return chartSvg(
    "cost",
    frame,
    "The run's cost by item in US dollars",
    group(frame.left, frame.top, plot),
  );
}
