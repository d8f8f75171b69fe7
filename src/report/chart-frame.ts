import { escapeMarkup } from "./escape.js";
import { attributes } from "./svg.js";

/** A chart's outer size and the margins around its plot area (for axes and labels). */
export interface Frame {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
  /** Plot area width: width − left − right. */
  innerWidth: number;
  /** Plot area height: height − top − bottom. */
  innerHeight: number;
}

/** Width of every chart in the report, in SVG units (it scales down with the page). */
export const CHART_WIDTH = 880;

export function chartFrame(
  height: number,
  margins: { top: number; right: number; bottom: number; left: number },
  width = CHART_WIDTH,
): Frame {
  return {
    width,
    height,
    ...margins,
    innerWidth: width - margins.left - margins.right,
    innerHeight: height - margins.top - margins.bottom,
  };
}

/**
 * The root `<svg>` of a chart: standalone (its own xmlns, font and size), named by
 * `data-chart` so pages and tests can find it, and described by `description` for screen
 * readers (its <title>).
 */
export function chartSvg(name: string, frame: Frame, description: string, body: string): string {
  const root = attributes({
    xmlns: "http://www.w3.org/2000/svg",
    "data-chart": name,
    viewBox: `0 0 ${frame.width} ${frame.height}`,
    width: frame.width,
    height: frame.height,
    role: "img",
    "font-family": "system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif",
    "font-size": 11,
  });
  return `<svg${root}><title>${escapeMarkup(description)}</title>${body}</svg>`;
}
