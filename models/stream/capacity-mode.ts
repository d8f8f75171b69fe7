/**
 * A stream's capacity mode (kinesis-facts.md §6). On-demand Advantage is an account-level
 * setting in AWS (UpdateAccountSettings, MinimumThroughputBillingCommitment ENABLED) whose
 * streams stay ON_DEMAND; kinesim names it as a third mode of the one stream it simulates,
 * because what it changes is that stream's price list, its warm throughput and its enhanced
 * fan-out consumer limit, and one `--vary stream.mode=…` then compares all three.
 */
export const CAPACITY_MODES = ["provisioned", "on-demand", "on-demand-advantage"] as const;

export type CapacityMode = (typeof CAPACITY_MODES)[number];

/** Whether the stream scales itself (On-demand Standard or Advantage). */
export function isOnDemand(mode: CapacityMode): boolean {
  return mode !== "provisioned";
}
