import { scaleLinear } from "d3-scale";
import type { RunResult } from "../experiment/run/result-types.js";
import { count, percent } from "../format/number-format.js";
import { chartFrame, chartSvg } from "./chart-frame.js";
import { legend } from "./legend.js";
import { INK, LIMIT } from "./palette.js";
import { group, label, tag } from "./svg.js";

export type LossInput = Pick<RunResult, "records" | "dataLoss">;

/**
 * Where the offered records went, as one stacked bar: kept (delivered or still readable),
 * dropped by the producer, expired before any application read them, and still waiting at
 * the producer when the run ended. The two middle parts are the data loss.
 */
export function lossChart(input: LossInput): string {
  const { records, dataLoss } = input;
  const offered = records.offered;
  const parts = [
    {
      name: "kept: delivered or still readable",
      value: offered - dataLoss.dropped - dataLoss.expiredUnread - records.pendingAtProducer,
      color: "#59a14f",
    },
    { name: "dropped by the producer", value: dataLoss.dropped, color: LIMIT },
    { name: "expired unread", value: dataLoss.expiredUnread, color: "#f28e2b" },
    { name: "still at the producer", value: records.pendingAtProducer, color: "#bab0ac" },
  ];
  const frame = chartFrame(120, { top: 14, right: 24, bottom: 40, left: 24 });
  const x = scaleLinear()
    .domain([0, Math.max(1, offered)])
    .range([0, frame.innerWidth]);
  let bar = "";
  let at = 0;
  for (const part of parts) {
    if (part.value <= 0) continue;
    bar += tag("rect", {
      x: x(at),
      y: 20,
      width: x(at + part.value) - x(at),
      height: 30,
      fill: part.color,
    });
    at += part.value;
  }
  bar += tag("rect", {
    x: 0,
    y: 20,
    width: frame.innerWidth,
    height: 30,
    fill: "none",
    stroke: INK,
  });
  const heading = label(
    0,
    12,
    `${count(offered)} records offered; lost ${count(dataLoss.records)} (${percent(dataLoss.fraction)})`,
    {
      fill: INK,
      "font-weight": "bold",
    },
  );
  const key = legend(
    parts.map((part) => ({
      label: `${part.name} ${count(part.value)} (${percent(offered === 0 ? 0 : part.value / offered)})`,
      color: part.color,
    })),
    0,
    62,
    frame.innerWidth,
  );
  return chartSvg(
    "data-loss",
    frame,
    "Where the offered records went: kept, dropped by the producer, expired unread, still at the producer",
    group(frame.left, frame.top, heading + bar + key),
  );
}
