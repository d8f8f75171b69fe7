import { applyOverrides, type LimitsProfile, PROFILES } from "../../models/limits/profile.js";
import type { ExperimentConfig } from "./config-types.js";
import { UserError } from "./user-error.js";

/** The experiment's limits profile with its `limits:` overrides applied. */
export function resolveProfile(config: ExperimentConfig): LimitsProfile {
  const base = PROFILES[config.profile];
  if (base === undefined)
    throw new UserError(`profile: unknown profile "${config.profile}"`, "profile");
  return applyOverrides(base, config.limits);
}
