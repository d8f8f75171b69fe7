import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import type { ExperimentConfig } from "./config-types.js";
import type { TraceReader } from "./finalize-trace.js";
import { parseExperimentText } from "./parse-experiment.js";
import { FileRefusal, MAX_TRACE_FILE_BYTES, readBoundedText } from "./read-bounded-file.js";
import { UserError } from "./user-error.js";

/**
 * Loading experiment files: the only place in src/experiment that touches the file system.
 * The parsing itself lives in parse-experiment.ts, which has no Node-only imports (import it
 * from there in the browser); it is re-exported here for the CLI's convenience.
 */
export { type ParseExperimentOptions, parseExperimentText } from "./parse-experiment.js";

/**
 * Reads, parses and validates an experiment file; `overrides` are `--set path=value` strings.
 *
 * @example
 * const config = loadExperimentFile("experiments/hot-key.yaml", ["stream.shards=8"]);
 */
export function loadExperimentFile(
  path: string,
  overrides: readonly string[] = [],
): ExperimentConfig {
  return parseExperimentText(readExperimentText(path), {
    fileName: path,
    overrides,
    readTrace: traceReaderFor(path),
  });
}

/**
 * Reads the files an experiment names, relative to the experiment file's directory; each
 * file once (a sweep parses the experiment once per run). Only regular files of at most
 * MAX_TRACE_FILE_BYTES are read: a device or a pipe could never end.
 */
export function traceReaderFor(experimentPath: string): TraceReader {
  const texts = new Map<string, string>();
  return (file) => {
    const path = isAbsolute(file) ? file : join(dirname(experimentPath), file);
    const known = texts.get(path);
    if (known !== undefined) return known;
    try {
      const text = readBoundedText(path, MAX_TRACE_FILE_BYTES);
      texts.set(path, text);
      return text;
    } catch (error) {
      const reason = error instanceof FileRefusal ? error.message : describeReadError(error);
      throw new UserError(`${file}: ${reason} (looked for ${path})`);
    }
  };
}

/** The text of an experiment file; a file that cannot be read is a one-line UserError. */
export function readExperimentText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UserError(`${path}: ${describeReadError(error)}`);
  }
}

function describeReadError(error: unknown): string {
  const code =
    error !== null && typeof error === "object" && "code" in error ? String(error.code) : "";
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "is a directory, expected an experiment file (.yaml)";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "no such file (a parent is not a directory)";
    default:
      return `cannot read the file${code === "" ? "" : ` (${code})`}`;
  }
}
