import { KCL_DEFAULTS } from "../../../models/consumers/kcl/kcl-defaults.js";
import type { KclSettings } from "../../../models/consumers/kcl/kcl-settings.js";
import { failAt as fail } from "./format-error.js";
import type { ParsedExperimentFile } from "./schema.js";

type ParsedKcl = NonNullable<ParsedExperimentFile["consumers"][number]["kcl"]>;

const VERSION_2_ONLY = ["takingInterval", "maxLeasesToSteal"] as const;
const VERSION_3_ONLY = [
  "assignmentInterval",
  "rebalanceThreshold",
  "dampening",
  "gracefulHandoff",
  "handoffTimeout",
] as const;

/**
 * A consumer's `kcl:` with the KCL's defaults (kinesis-facts.md §9, {@link KCL_DEFAULTS}):
 * renewal every failover ÷ 3 − 25 ms; KCL 2 takes every 2 × (failover + 25 ms); KCL 3's
 * leader assigns every 2 × failover and workers discover their leases every failover − 25 ms.
 * A key of the other version is an error naming its path.
 */
export function finalizeKcl(k: ParsedKcl, at: readonly PropertyKey[]): KclSettings {
  const epsilonUs = KCL_DEFAULTS.epsilonUs;
  const other = k.version === 2 ? VERSION_3_ONLY : VERSION_2_ONLY;
  for (const key of other) {
    if (k[key] !== undefined) {
      fail(
        [...at, key],
        `only for version: ${k.version === 2 ? 3 : 2} (this application runs KCL ${k.version})`,
      );
    }
  }
  const common = {
    workers: k.workers,
    failoverTimeUs: k.failoverTime,
    renewalIntervalUs: k.renewalInterval ?? Math.max(1, Math.round(k.failoverTime / 3) - epsilonUs),
    checkpointEveryRecords: k.checkpoint?.everyRecords ?? 0,
    checkpointEveryUs: k.checkpoint?.every ?? 0,
  };
  if (k.version === 2) {
    return {
      ...common,
      version: 2,
      takingIntervalUs: k.takingInterval ?? 2 * (k.failoverTime + epsilonUs),
      maxLeasesToSteal: k.maxLeasesToSteal ?? KCL_DEFAULTS.maxLeasesToSteal,
    };
  }
  return {
    ...common,
    version: 3,
    assignmentIntervalUs: k.assignmentInterval ?? 2 * k.failoverTime,
    discoveryIntervalUs: Math.max(1, k.failoverTime - epsilonUs),
    rebalanceThresholdPercent: k.rebalanceThreshold ?? KCL_DEFAULTS.rebalanceThresholdPercent,
    dampeningPercent: k.dampening ?? KCL_DEFAULTS.dampeningPercent,
    balanceEveryPasses: KCL_DEFAULTS.balanceEveryPasses,
    gracefulHandoff: k.gracefulHandoff ?? true,
    handoffTimeoutUs: k.handoffTimeout ?? KCL_DEFAULTS.handoffTimeoutUs,
    leaderLockDurationUs: KCL_DEFAULTS.leaderLockDurationUs,
    leaderHeartbeatUs: KCL_DEFAULTS.leaderHeartbeatUs,
    throughputEmaAlpha: KCL_DEFAULTS.throughputEmaAlpha,
  };
}
