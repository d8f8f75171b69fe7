/**
 * fast-check arbitraries for kinesim experiments (the `kinesim/arbitraries` entry): keys,
 * workloads (producers), streams and whole experiments, generated as plain documents in the
 * experiment FILE format and kept small enough to simulate inside a property test. Needs
 * `fast-check` (4.x) installed next to kinesim.
 *
 * @example
 * import fc from "fast-check";
 * import { simulate } from "kinesim";
 * import { arbitraries } from "kinesim/arbitraries";
 *
 * fc.assert(
 *   fc.property(arbitraries.experimentConfig(), (config) => {
 *     const { records } = simulate(config);
 *     return records.offered === records.accepted + records.dropped + records.pendingAtProducer;
 *   }),
 *   { numRuns: 20 },
 * );
 */
import type { Arbitrary } from "fast-check";
import type { ExperimentConfig } from "../experiment/config/config-types.js";
import { parseExperimentText } from "../experiment/config/parse-experiment.js";
import { type ExperimentConstraints, experiment } from "./experiments.js";
import { keys } from "./keys.js";
import { stream } from "./streams.js";
import { workload } from "./workloads.js";

export type {
  ConsumerDocument,
  DurationText,
  EventDocument,
  ExperimentDocument,
  KeyDistribution,
  KeysDocument,
  RatePointDocument,
  RecordSizeDocument,
  RetriesDocument,
  SizeText,
  StreamDocument,
  WorkloadDocument,
} from "./documents.js";
export { type ExperimentConstraints, experiment, SHORT_RESHARDING_LIMITS } from "./experiments.js";
export { KEY_DISTRIBUTIONS, type KeysConstraints, keys, partitionKey } from "./keys.js";
export { type StreamConstraints, stream } from "./streams.js";
export { type WorkloadConstraints, workload } from "./workloads.js";

/**
 * Arbitrary validated experiments: `experiment(constraints)` documents passed through
 * `parseExperimentText(JSON.stringify(document))` (YAML accepts JSON), ready for `simulate`.
 *
 * @example
 * fc.sample(experimentConfig({ maxSeconds: 10 }), 1)[0]?.durationUs; // ≤ 10_000_000
 */
export function experimentConfig(
  constraints: ExperimentConstraints = {},
): Arbitrary<ExperimentConfig> {
  return experiment(constraints).map((document) =>
    parseExperimentText(JSON.stringify(document), { fileName: "generated.json" }),
  );
}

/**
 * The arbitraries in one object: `keys`, `workload`, `stream`, `experiment` (documents in
 * the file format) and `experimentConfig` (validated ExperimentConfig). Each takes optional
 * constraints.
 *
 * @example
 * const config = fc.sample(arbitraries.experimentConfig({ granularities: ["record"] }), 1)[0];
 */
export const arbitraries = { keys, workload, stream, experiment, experimentConfig } as const;
