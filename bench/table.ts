export type Align = "left" | "right";

export interface Column {
  readonly header: string;
  readonly align: Align;
}

/** Renders rows as an aligned text table with a header and a rule under it. */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
): string {
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...rows.map((row) => (row[index] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    columns
      .map((column, index) => {
        const cell = cells[index] ?? "";
        const width = widths[index] ?? 0;
        return column.align === "left" ? cell.padEnd(width) : cell.padStart(width);
      })
      .join("  ")
      .trimEnd();
  const header = line(columns.map((column) => column.header));
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [header, rule, ...rows.map(line)].join("\n");
}
