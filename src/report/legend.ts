import { INK } from "./palette.js";
import { group, label, tag } from "./svg.js";

export interface LegendItem {
  label: string;
  color: string;
  /** Drawn as a dashed line rather than a filled swatch (reference lines). */
  dashed?: boolean;
  /** Drawn as a solid line rather than a filled swatch (the first run of a comparison). */
  line?: boolean;
}

/** Approximate width of a character of the 11-unit font, for laying out legend rows. */
const CHAR_WIDTH = 6.2;
const ROW_HEIGHT = 16;

/** Rows a legend of these items takes in `width` (to reserve space before drawing it). */
export function legendRows(items: readonly LegendItem[], width: number): number {
  return layout(items, width).rows;
}

/** Swatches and labels in rows from left to right, wrapping at `width`; top-left at (x, y). */
export function legend(items: readonly LegendItem[], x: number, y: number, width: number): string {
  const { positions } = layout(items, width);
  let markup = "";
  items.forEach((item, i) => {
    const at = positions[i] ?? { x: 0, y: 0 };
    const swatch =
      item.dashed || item.line
        ? tag("line", {
            x1: 0,
            x2: 14,
            y1: 6,
            y2: 6,
            stroke: item.color,
            "stroke-width": 2,
            ...(item.dashed ? { "stroke-dasharray": "4 3" } : {}),
          })
        : tag("rect", { x: 0, y: 1, width: 14, height: 10, fill: item.color, rx: 2 });
    markup += group(at.x, at.y, swatch + label(19, 10, item.label, { fill: INK }));
  });
  return group(x, y, markup, { class: "legend" });
}

function layout(items: readonly LegendItem[], width: number) {
  const positions: { x: number; y: number }[] = [];
  let x = 0;
  let row = 0;
  for (const item of items) {
    const itemWidth = 19 + item.label.length * CHAR_WIDTH + 16;
    if (x > 0 && x + itemWidth > width) {
      x = 0;
      row++;
    }
    positions.push({ x, y: row * ROW_HEIGHT });
    x += itemWidth;
  }
  return { positions, rows: items.length === 0 ? 0 : row + 1 };
}

export const LEGEND_ROW_HEIGHT = ROW_HEIGHT;
