import { applyOverrides, type LimitsProfile, PROFILES } from "../../../models/limits/profile.js";
import type { ExperimentConfig } from "./config-types.js";
import { UserError } from "./user-error.js";

/**
 * The experiment's limits profile with its `limits:` overrides applied, and the stream's own
 * max record size (`stream.maxRecordSize`) in place of the profile's default.
 */
export function resolveProfile(config: ExperimentConfig): LimitsProfile {
  const base = PROFILES[config.profile];
  if (base === undefined)
    throw new UserError(`profile: unknown profile "${config.profile}"`, "profile");
  const profile = applyOverrides(base, config.limits);
  const maxRecordBytes = config.stream.maxRecordBytes;
  return maxRecordBytes === undefined ? profile : { ...profile, maxRecordBytes };
}
