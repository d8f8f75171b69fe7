/**
 * kinesim's entry for Node (`kinesim/node`): everything the isomorphic entry offers, plus what
 * needs Node: reading experiment files (and the trace and CloudWatch files they name, relative
 * to the experiment) and running a sweep's runs on worker threads.
 *
 * @example
 * import { loadExperimentFile, simulate, sweepExperimentFile } from "kinesim/node";
 * const result = simulate(loadExperimentFile("experiments/hot-key.yaml", ["stream.shards=16"]));
 * const sweep = await sweepExperimentFile("experiments/hot-key.yaml", {
 *   vary: ["stream.shards=4,8,16"],
 *   replications: 3,
 * });
 */

export { loadExperimentFile } from "./experiment/config/load-experiment.js";
export {
  type SweepFileOptions,
  sweepExperimentFile,
  sweepPartitionOfFile,
} from "./experiment/sweep/sweep-file.js";
export type { SweepOutput } from "./experiment/sweep/sweep-output.js";
export type { SweepPartial } from "./experiment/sweep/sweep-partial-output.js";
export * from "./index.js";
