import { dirname, isAbsolute, join } from "node:path";
import {
  EXPERIMENT_FILE,
  readBoundedText,
  readInputText,
  TRACE_FILE,
  whyNotRead,
} from "../files/read-bounded-file.js";
import type { ExperimentConfig } from "./config-types.js";
import type { TraceReader } from "./finalize-trace.js";
import { parseExperimentText } from "./parse-experiment.js";
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
 * TRACE_FILE.maxBytes are read: a device or a pipe could never end.
 */
export function traceReaderFor(experimentPath: string): TraceReader {
  const texts = new Map<string, string>();
  return (file) => {
    const path = isAbsolute(file) ? file : join(dirname(experimentPath), file);
    const known = texts.get(path);
    if (known !== undefined) return known;
    try {
      const text = readBoundedText(path, TRACE_FILE);
      texts.set(path, text);
      return text;
    } catch (error) {
      throw new UserError(`${file}: ${whyNotRead(error, TRACE_FILE)} (looked for ${path})`);
    }
  };
}

/**
 * The text of an experiment file: a regular file of at most EXPERIMENT_FILE.maxBytes
 * (`kinesim run /dev/zero` would otherwise read forever); anything else is a one-line
 * UserError.
 */
export function readExperimentText(path: string): string {
  return readInputText(path, EXPERIMENT_FILE);
}
