import fc from "fast-check";
import type { StreamDocument } from "./documents.js";

/** Constraints on generated `stream:` sections. */
export interface StreamConstraints {
  /** Shard count range. Defaults 1 and 8. */
  readonly minShards?: number;
  readonly maxShards?: number;
  readonly limiters?: readonly ("bucket" | "window")[];
  /** Sometimes generate an on-demand stream (it starts with `shards` and scales itself). Default true. */
  readonly onDemand?: boolean;
  /**
   * Sometimes generate a retention of 2–120 s, so that records expire within a short run.
   * That is below the profile's 24 h minimum: an experiment using it must lower
   * `limits.retentionMinUs` (the experiment arbitrary does). Default false.
   */
  readonly shortRetention?: boolean;
}

/**
 * Arbitrary `stream:` sections: 1–8 shards, either ingress limiter, sometimes on-demand.
 *
 * @example
 * const provisioned = stream({ maxShards: 64, onDemand: false, limiters: ["window"] });
 */
export function stream(constraints: StreamConstraints = {}): fc.Arbitrary<StreamDocument> {
  const minShards = Math.max(1, Math.floor(constraints.minShards ?? 1));
  const maxShards = Math.max(minShards, Math.floor(constraints.maxShards ?? 8));
  const mode: fc.Arbitrary<"provisioned" | "on-demand"> =
    (constraints.onDemand ?? true)
      ? fc.oneof(
          { weight: 4, arbitrary: fc.constant("provisioned" as const) },
          { weight: 1, arbitrary: fc.constant("on-demand" as const) },
        )
      : fc.constant("provisioned" as const);
  const retention = constraints.shortRetention
    ? fc.option(fc.integer({ min: 2, max: 120 }), { nil: undefined })
    : fc.constant(undefined);
  return fc
    .record({
      mode,
      shards: fc.integer({ min: minShards, max: maxShards }),
      limiter: fc.constantFrom(...(constraints.limiters ?? (["bucket", "window"] as const))),
      retention,
    })
    .map(({ mode: m, shards, limiter, retention: seconds }): StreamDocument => {
      const section: StreamDocument =
        m === "on-demand" ? { mode: m, shards, limiter } : { shards, limiter };
      return seconds === undefined ? section : { ...section, retention: `${seconds}s` };
    });
}
