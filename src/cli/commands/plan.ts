import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import { simulatePlan } from "../../experiment/plan/plan-simulation.js";
import { planStream } from "../../experiment/plan/plan-stream.js";
import { planJson, renderPlan } from "../../experiment/plan/render-plan.js";
import { type PlanFlags, parsePlanFlags } from "../plan-input.js";

interface PlanOptions extends PlanFlags {
  json?: boolean;
  simulate?: boolean;
}

/**
 * `kinesim plan --records-per-second N --record-size SIZE [--key-size SIZE] [--consumers N]
 * [--efo] [--retention H] [--json] [--simulate]`: shards, the limit that decides them, and a
 * month's cost in each capacity mode; `--simulate` checks the shard count by simulation.
 */
export function planCommand(options: PlanOptions): void {
  const profile = DEFAULT_PROFILE;
  const input = parsePlanFlags(options, profile);
  const plan = planStream(input, profile);
  const simulation = options.simulate ? simulatePlan(input, plan.shards, profile) : undefined;
  process.stdout.write(
    options.json ? planJson(plan, simulation) : renderPlan(plan, profile, simulation),
  );
}
