import { escapeMarkup } from "./escape.js";

/** One chart of a report (a run's or a comparison's): its title, caption and SVG. */
export interface ReportFigure {
  name: string;
  title: string;
  caption: string;
  svg: string;
}

/** A figure as the report pages show it: the title above the chart, the caption under it. */
export function figureHtml(item: ReportFigure): string {
  return `<figure>\n<h3>${escapeMarkup(item.title)}</h3>\n${item.svg}\n<figcaption>${escapeMarkup(item.caption)}</figcaption>\n</figure>`;
}
