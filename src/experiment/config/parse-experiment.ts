import { LineCounter, parseDocument } from "yaml";
import type { ExperimentConfig } from "./config-types.js";
import { documentSizeProblem } from "./document-budget.js";
import { finalizeExperiment } from "./finalize-experiment.js";
import type { TraceReader } from "./finalize-trace.js";
import { issueMessage, previewValue, userErrorFromZod } from "./format-error.js";
import { applyOverrides } from "./overrides.js";
import { experimentFileSchema } from "./schema.js";
import { UserError } from "./user-error.js";

/**
 * Experiment text → ExperimentConfig, without I/O (so it runs in the browser playground):
 * YAML (or JSON) → `--set` overrides → the zod file schema → `finalizeExperiment`, which
 * applies the limits profile (defaults and bounds that depend on it) and the checks across
 * entries. Every mistake becomes one UserError line naming its path.
 */

export interface ParseExperimentOptions {
  /** Used in YAML error positions and, without its directories and extension, as the default name. */
  readonly fileName?: string;
  /** `--set path=value` assignments, applied to the document before validation. */
  readonly overrides?: readonly string[];
  /**
   * Reads the files an experiment names (traces), by the path written in the experiment.
   * Without it, an experiment that names a file is refused with a one-line error.
   */
  readonly readTrace?: TraceReader;
}

/** `experiments/hot-key.yaml` → `hot-key`. */
export function baseName(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? "";
  const dot = last.lastIndexOf(".");
  return dot > 0 ? last.slice(0, dot) : last;
}

function describeYamlDocument(value: unknown): string {
  return value === null || value === undefined ? "an empty document" : previewValue(value);
}

/**
 * Parses experiment YAML (or JSON) text and validates it; throws UserError on any mistake.
 *
 * @example
 * const config = parseExperimentText("duration: 2m\nstream: {shards: 2}\nproducers: [{name: a, rate: 1500}]", {
 *   fileName: "experiments/quick.yaml",
 *   overrides: ["stream.shards=4"],
 * });
 */
export function parseExperimentText(
  text: string,
  options: ParseExperimentOptions = {},
): ExperimentConfig {
  const where = options.fileName ?? "(input)";
  const document = readExperimentDocument(text, where);
  const withOverrides = applyOverrides(document, [...(options.overrides ?? [])]);
  const defaultName = options.fileName === undefined ? undefined : baseName(options.fileName);
  return parseExperimentDocument(withOverrides, defaultName, options.readTrace);
}

/**
 * The experiment text (YAML or JSON) as plain data, before any validation: a mapping, or a
 * one-line UserError (`file:line:col: …` for YAML syntax). The playground reads its sliders
 * from this too.
 */
export function readExperimentDocument(text: string, where = "(input)"): Record<string, unknown> {
  const tooLarge = documentSizeProblem(text);
  if (tooLarge !== undefined) throw new UserError(`${where}: ${tooLarge}`);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ""), { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError !== undefined) {
    const { line, col } = lineCounter.linePos(yamlError.pos[0]);
    const reason = yamlError.message.replace(/^./, (c) => c.toLowerCase());
    throw new UserError(`${where}:${line}:${col}: ${reason}`);
  }
  let document: unknown;
  try {
    document = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    throw new UserError(`${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    throw new UserError(
      `(root): expected a mapping of experiment keys like "duration: 2m", got ${describeYamlDocument(document)}`,
      "(root)",
    );
  }
  return document as Record<string, unknown>;
}

/** Validates an already-parsed document (plain data, e.g. from JSON.parse). */
export function parseExperimentDocument(
  document: unknown,
  defaultName?: string,
  readTrace?: TraceReader,
): ExperimentConfig {
  const result = experimentFileSchema.safeParse(document, { error: issueMessage });
  if (!result.success) throw userErrorFromZod(result.error);
  return finalizeExperiment(result.data, document, defaultName, readTrace);
}
