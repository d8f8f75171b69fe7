import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import { loadExperimentFile } from "../../experiment/config/load-experiment.js";
import { resolveProfile } from "../../experiment/config/resolve-profile.js";
import { UserError } from "../../experiment/config/user-error.js";
import { planExperiment } from "../../experiment/plan/plan-experiment.js";
import { simulatePlan } from "../../experiment/plan/plan-simulation.js";
import { planStream } from "../../experiment/plan/plan-stream.js";
import {
  experimentPlanJson,
  renderExperimentPlan,
} from "../../experiment/plan/render-experiment-plan.js";
import { planJson, renderPlan } from "../../experiment/plan/render-plan.js";
import { type PlanFlags, parsePlanFlags } from "../plan-input.js";

interface PlanOptions extends PlanFlags {
  json?: boolean;
  simulate?: boolean;
  set?: string[];
}

/** The flags that describe steady traffic: an experiment file describes it instead. */
const TRAFFIC_FLAGS = [
  ["recordsPerSecond", "--records-per-second"],
  ["recordSize", "--record-size"],
  ["keySize", "--key-size"],
  ["consumers", "--consumers"],
  ["efo", "--efo"],
  ["retention", "--retention"],
  ["simulate", "--simulate"],
] as const;

/**
 * `kinesim plan --records-per-second N --record-size SIZE [--key-size SIZE] [--consumers N]
 * [--efo] [--retention H] [--json] [--simulate]`: shards, the limit that decides them, and a
 * month's cost in each capacity mode; `--simulate` checks the shard count by simulation.
 * `kinesim plan EXPERIMENT [--set path=value …] [--json]`: the same from the file's producers
 * and consumers, over a representative period of its traffic.
 */
export function planCommand(experiment: string | undefined, options: PlanOptions): void {
  if (experiment !== undefined) {
    for (const [key, flag] of TRAFFIC_FLAGS) {
      if (options[key] !== undefined) {
        throw new UserError(
          `${flag}: not with an experiment file (its producers and consumers give the traffic; use --set to change them)`,
        );
      }
    }
    const config = loadExperimentFile(experiment, options.set ?? []);
    const plan = planExperiment(config);
    process.stdout.write(
      options.json ? experimentPlanJson(plan) : renderExperimentPlan(plan, resolveProfile(config)),
    );
    return;
  }
  if ((options.set ?? []).length > 0) {
    throw new UserError("--set: only with an experiment file (kinesim plan EXPERIMENT --set …)");
  }
  const profile = DEFAULT_PROFILE;
  const input = parsePlanFlags(options, profile);
  const plan = planStream(input, profile);
  const simulation = options.simulate ? simulatePlan(input, plan.shards, profile) : undefined;
  process.stdout.write(
    options.json ? planJson(plan, simulation) : renderPlan(plan, profile, simulation),
  );
}
