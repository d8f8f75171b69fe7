import { parseExperimentText, simulateWithSeries, UserError } from "../index.js";
import { reportCharts } from "../report/report-charts.js";
import type { RunAnswer, RunRequest } from "./run-messages.js";

/**
 * One playground run, as the worker does it: parse the text as it is, simulate,
 * draw the report's charts. A user mistake (bad YAML, a bad value, an unknown trace) is an
 * answer, not an exception; anything else is a bug, reported as a failure. No DOM, no Node:
 * it runs in a Web Worker and, for tests, in Node.
 */
export function runInBrowser(
  request: RunRequest,
  traces: Readonly<Record<string, string>>,
  onProgress: (fraction: number) => void = () => {},
): RunAnswer {
  const { id } = request;
  try {
    const config = parseExperimentText(request.text, {
      fileName: request.fileName,
      readTrace: bundledTraceReader(traces),
    });
    const { result, series } = simulateWithSeries(config, { onProgress });
    const { figures, leftOut } = reportCharts(result, series);
    return { id, kind: "done", result, figures, leftOut };
  } catch (error) {
    if (error instanceof UserError) return { id, kind: "user-error", message: error.message };
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { id, kind: "failure", message };
  }
}

/**
 * Reads the trace files bundled with the page, by the path an experiment writes
 * (`traces/clickstream.csv`, relative to experiments/).
 */
export function bundledTraceReader(traces: Readonly<Record<string, string>>) {
  return (path: string): string => {
    const key = path.replace(/^\.\//, "");
    const text = Object.hasOwn(traces, key) ? traces[key] : undefined;
    if (text === undefined) {
      const known = Object.keys(traces).join(", ") || "none";
      throw new UserError(
        `${path}: not bundled with the playground, which can read only the shipped traces (${known})`,
      );
    }
    return text;
  };
}
