import { readExperimentDocument } from "../index.js";

/**
 * The experiment text as plain data, for the sliders to read and edit; undefined when the
 * text is not a YAML mapping (the run then reports the mistake, with its line and column).
 */
export function experimentDocument(text: string): Record<string, unknown> | undefined {
  try {
    return readExperimentDocument(text);
  } catch {
    return undefined;
  }
}
