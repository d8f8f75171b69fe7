import { parseDocument } from "yaml";

/**
 * The experiment text as plain data, for the sliders to read and edit; undefined when the
 * text is not a YAML mapping (the run then reports the mistake, with its line and column).
 */
export function experimentDocument(text: string): Record<string, unknown> | undefined {
  const doc = parseDocument(text.replace(/^\uFEFF/, ""));
  if (doc.errors.length > 0) return undefined;
  try {
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
