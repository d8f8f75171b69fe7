/**
 * Colours for categories (shards, consumers, workers): Tableau 10, distinguishable and
 * readable on white. Past ten, colours repeat (legends still name every line).
 */
const CATEGORY = [
  "#4e79a7",
  "#f28e2b",
  "#59a14f",
  "#e15759",
  "#76b7b2",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
];

export function categoryColor(index: number): string {
  return CATEGORY[index % CATEGORY.length] as string;
}

/** Ink for axes, text and reference lines. */
export const INK = "#333";
export const GRID = "#e6e6e6";
/** The colour of a limit (the shard's write limit) and of trouble (throttling, loss). */
export const LIMIT = "#c0392b";
export const MUTED = "#888";
