import type { ConsumerResult, RunResult } from "../experiment/run/result-types.js";
import { consumersByMode, latencyWhose, modeName, span } from "../experiment/text/latency-lines.js";
import { count, int, ms } from "../format/number-format.js";
import { type LatencyCdfCurve, latencyCdfChart } from "./latency-cdf-chart.js";
import type { LegendItem } from "./legend.js";
import { categoryColor } from "./palette.js";
import type { ReportFigure } from "./report-figure.js";

/**
 * Up to this many applications get a colour and a legend entry each (the palette's ten
 * colours); more share one colour per consumer mode, and the legend names the modes.
 */
export const MAX_NAMED_CURVES = 10;

/**
 * The latency distribution figure: one curve per consumer application, so applications that
 * read differently (polling against enhanced fan-out) are not blurred into one; the pooled
 * distribution is drawn alone, and labelled so, only for one application or a result written
 * before applications had their own. Undefined when nothing was delivered.
 */
export function latencyFigure(result: RunResult): ReportFigure | undefined {
  if (result.latencyCdf.length === 0) return undefined;
  const latency = result.latencyMs;
  const apart = result.consumers.length > 1 && result.consumers.every((c) => c.latencyCdf);
  if (!apart) {
    return {
      name: "latency-cdf",
      title: "Latency distribution",
      caption: `Of ${count(latency.count)} records received (${latencyWhose(result)}), half arrived within ${ms(latency.p50)} of their creation, 99 % within ${ms(latency.p99)}, and the slowest after ${ms(latency.max)}.`,
      svg: latencyCdfChart({
        curves: [
          {
            label: latencyWhose(result),
            color: categoryColor(0),
            cdf: result.latencyCdf,
            summary: latency,
          },
        ],
      }),
    };
  }
  const named = result.consumers.length <= MAX_NAMED_CURVES;
  const modes = consumersByMode(result.consumers);
  const modeColor = (mode: ConsumerResult["mode"]) =>
    categoryColor(modes.findIndex((group) => group.mode === mode));
  const curves: LatencyCdfCurve[] = [];
  result.consumers.forEach((c, index) => {
    if (c.latencyCdf === undefined || c.latencyCdf.length === 0) return;
    curves.push({
      label: c.name,
      color: named ? categoryColor(index) : modeColor(c.mode),
      cdf: c.latencyCdf,
      summary: c.latencyMs,
    });
  });
  const legend: LegendItem[] | undefined = named
    ? undefined
    : modes.map((group) => ({
        label: `${modeName(group.mode)}: ${int(group.consumers.length)} applications`,
        color: modeColor(group.mode),
        line: true,
      }));
  const byMode = modes.map((group) => {
    const delivered = group.consumers.filter((c) => c.latencyMs.count > 0);
    const n = group.consumers.length;
    const who =
      n === 1
        ? `the ${modeName(group.mode)} application`
        : `the ${int(n)} ${modeName(group.mode)} applications`;
    return delivered.length === 0
      ? `none for ${who}`
      : `${span(delivered.map((c) => c.latencyMs.p50))} for ${who}`;
  });
  const silent = result.consumers.filter((c) => c.latencyMs.count === 0).map((c) => c.name);
  return {
    name: "latency-cdf",
    title: "Latency distribution per consumer application",
    caption:
      `One curve per consumer application${named ? "" : ", one colour per mode"} (creation → receipt), its p50 dotted; p50 ${byMode.join("; ")}.` +
      (silent.length > 0 ? ` No record reached ${silent.join(", ")}.` : "") +
      ` All ${int(result.consumers.length)} applications' ${count(latency.count)} records pooled: half within ${ms(latency.p50)}, 99 % within ${ms(latency.p99)}.`,
    svg: latencyCdfChart({ curves, ...(legend === undefined ? {} : { legend }) }),
  };
}
