import { DEFAULT_PARTITION_KEY_BYTES } from "../../src/experiment/plan/plan-simulation.js";
import type { PlanInput } from "../../src/experiment/plan/plan-stream.js";

/** AWS's sizing example (5,000 records/s of 2 KB, one polling consumer) with overrides. */
export function planInput(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    recordsPerSecond: 5000,
    recordBytes: 2000,
    partitionKeyBytes: DEFAULT_PARTITION_KEY_BYTES,
    consumers: 1,
    efo: false,
    retentionHours: 24,
    ...overrides,
  };
}
