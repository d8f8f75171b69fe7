import { parentPort, workerData } from "node:worker_threads";
import { traceReaderFor } from "../config/load-experiment.js";
import { parseExperimentText } from "../config/parse-experiment.js";
import { simulateWithSeries } from "../run/simulate.js";
import { runMetrics } from "./run-metrics.js";

/**
 * A sweep worker thread: receives `{ index, overrides }`, runs that point of the experiment
 * and answers `{ index, metrics }`. The experiment text and the files it reads come once, as
 * workerData (the texts the main thread read and fingerprinted); a file it did not read is
 * read here.
 */
const { text, fileName, files } = workerData as {
  text: string;
  fileName: string;
  files: ReadonlyMap<string, string>;
};
const readFile = traceReaderFor(fileName);
const readTrace = (file: string) => files.get(file) ?? readFile(file);
const port = parentPort;
if (port === null) throw new Error("sweep-worker must run as a worker thread");
port.on("message", (task: { index: number; overrides: string[] }) => {
  try {
    const { result } = simulateWithSeries(
      parseExperimentText(text, { fileName, overrides: task.overrides, readTrace }),
    );
    port.postMessage({ index: task.index, metrics: runMetrics(result) });
  } catch (error) {
    port.postMessage({
      index: task.index,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
