/**
 * kinesim's library entry: run experiments from code (tests, notebooks, property tests, the
 * browser playground). Isomorphic: nothing here, or below it, imports a Node module, so it
 * bundles for a browser as it is. Reading files and running sweeps on worker threads are in
 * the `kinesim/node` entry (src/node.ts).
 *
 * @example
 * import { parseExperimentText, simulate } from "kinesim";
 * const result = simulate(parseExperimentText("duration: 1m\nstream: { shards: 2 }\nproducers: [{ name: p, rate: 2500 }]"));
 * console.log(result.throttleRate);
 */
import type { ExperimentConfig } from "./experiment/config/config-types.js";
import type { RunResult } from "./experiment/run/result-types.js";
import { simulateWithSeries } from "./experiment/run/simulate.js";

export { evenSplit } from "../models/hashing/even-split.js";
export { md5HashKey } from "../models/hashing/md5-hash-key.js";
export {
  aggregatedRecordSize,
  kinesisRecordBytes,
  type UserRecordSize,
} from "../models/kpl/aggregation-format.js";
export { DEFAULT_PROFILE, type LimitsProfile, PROFILES } from "../models/limits/profile.js";
// Experiment documents in the file format (types only: the arbitraries themselves, which need
// fast-check, are the separate entry "kinesim/arbitraries", src/arbitraries/index.ts).
export type {
  ConsumerDocument,
  EventDocument,
  ExperimentDocument,
  KeysDocument,
  RatePointDocument,
  RecordSizeDocument,
  StreamDocument,
  WorkloadDocument,
} from "./arbitraries/documents.js";
export type {
  ConsumerConfig,
  ExperimentConfig,
  ProducerConfig,
} from "./experiment/config/config-types.js";
export {
  parseExperimentText,
  readExperimentDocument,
} from "./experiment/config/parse-experiment.js";
export { UserError } from "./experiment/config/user-error.js";
export type {
  ConsumerResult,
  CostItem,
  CostResult,
  KclResult,
  OperationResult,
  ProducerResult,
  RunEvent,
  RunResult,
  RunSeries,
  ShardResult,
} from "./experiment/run/result-types.js";
export type { RunOutput } from "./experiment/run/run-output.js";
export { simulateWithSeries } from "./experiment/run/simulate.js";
export { latencyWhose } from "./experiment/text/latency-lines.js";
export { renderSummary } from "./experiment/text/render-summary.js";
export type { LatencySummaryMs } from "./stats/latency-histogram.js";

/**
 * Runs a validated experiment and returns its result object (the `--json` output).
 *
 * @example
 * const result = simulate(parseExperimentText(hotKeyYaml));
 * result.shards.filter((shard) => shard.throttledAttempts > 0).length; // 1
 *
 * simulateWithSeries gives the time series (the report's charts) beside the result.
 */
export function simulate(config: ExperimentConfig): RunResult {
  return simulateWithSeries(config).result;
}
