import fc from "fast-check";
import type {
  RatePointDocument,
  RecordSizeDocument,
  RetriesDocument,
  WorkloadDocument,
} from "./documents.js";
import { type KeysConstraints, keys } from "./keys.js";

/** Constraints on generated producers. */
export interface WorkloadConstraints {
  /** The producer's name. Default "p" (experiments number theirs p0, p1, …). */
  readonly name?: string;
  /**
   * Records per second: a constant rate, or each point of a profile, lies in [minRate,
   * maxRate] (profile points but the last may also be 0). Defaults 1 and 3,000.
   */
  readonly minRate?: number;
  readonly maxRate?: number;
  /** Allow rate profiles `[{ at, rate, ramp? }]` as well as constant rates. Default true. */
  readonly rateProfiles?: boolean;
  /** Latest time of a profile point, in seconds. Default 60. */
  readonly maxSeconds?: number;
  readonly arrivals?: readonly ("poisson" | "constant")[];
  readonly apis?: readonly ("putRecord" | "putRecords")[];
  readonly keys?: KeysConstraints;
  /** Record data sizes lie in [minRecordBytes, maxRecordBytes]. Defaults 1 and 5,000. */
  readonly minRecordBytes?: number;
  readonly maxRecordBytes?: number;
  readonly recordSizes?: readonly ("fixed" | "uniform" | "lognormal")[];
  /** Most retries after a throttle; 0 gives `retries: 0` (a throttled record is dropped). Default 4. */
  readonly maxRetries?: number;
}

const seconds = (n: number) => `${n}s`;
const millis = (n: number) => `${n}ms`;

/** A rate: a constant, or 2–4 points starting at 0 s with steps or ramps. */
function rate(
  minRate: number,
  maxRate: number,
  profiles: boolean,
  maxSeconds: number,
): fc.Arbitrary<number | RatePointDocument[]> {
  const constant = fc.integer({ min: Math.ceil(minRate), max: Math.floor(maxRate) });
  if (!profiles || maxSeconds < 1) return constant;
  const point = fc.record(
    {
      rate: fc.oneof(constant, fc.constant(0)),
      ramp: fc.boolean(),
    },
    { requiredKeys: ["rate"] },
  );
  const profile = fc
    .tuple(
      constant,
      fc.uniqueArray(fc.integer({ min: 1, max: Math.floor(maxSeconds) }), {
        minLength: 1,
        maxLength: 3,
      }),
      fc.array(point, { minLength: 3, maxLength: 3 }),
    )
    .map(([first, times, later]): RatePointDocument[] => [
      { at: "0s", rate: first },
      ...[...times]
        .sort((a, b) => a - b)
        .map((at, i) => {
          const { rate, ramp } = later[i] ?? { rate: first };
          return ramp ? { at: seconds(at), rate, ramp: true } : { at: seconds(at), rate };
        }),
    ]);
  return fc.oneof({ weight: 3, arbitrary: constant }, { weight: 1, arbitrary: profile });
}

function recordSize(
  minBytes: number,
  maxBytes: number,
  kinds: readonly ("fixed" | "uniform" | "lognormal")[],
): fc.Arbitrary<RecordSizeDocument> {
  const bytes = fc.integer({ min: minBytes, max: maxBytes });
  const byKind = {
    fixed: fc.oneof(
      bytes,
      bytes.map((n) => `${n}B`),
      bytes.map((n) => ({ distribution: "fixed" as const, size: `${n}B` })),
    ),
    uniform: fc.tuple(bytes, bytes).map(([a, b]) => ({
      distribution: "uniform" as const,
      min: `${Math.min(a, b)}B`,
      max: `${Math.max(a, b)}B`,
    })),
    lognormal: fc.tuple(bytes, fc.integer({ min: 10, max: 150 })).map(([median, sigma]) => ({
      distribution: "lognormal" as const,
      median: `${median}B`,
      sigma: sigma / 100,
      max: `${maxBytes}B`,
    })),
  };
  return fc.oneof(...kinds.map((kind) => byKind[kind]));
}

function retries(maxRetries: number): fc.Arbitrary<RetriesDocument> {
  if (maxRetries <= 0) return fc.constant(0 as const);
  return fc.oneof(
    fc.constantFrom(0 as const, false as const),
    fc
      .tuple(
        fc.integer({ min: 0, max: maxRetries }),
        fc.integer({ min: 10, max: 200 }),
        fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      )
      .map(([max, backoffMs, maxBackoffS]) =>
        maxBackoffS === undefined
          ? { max, backoff: millis(backoffMs) }
          : { max, backoff: millis(backoffMs), maxBackoff: seconds(maxBackoffS) },
      ),
  );
}

/**
 * Arbitrary `producers[]` entries: rate (a number or a short profile), arrival process,
 * record size, keys, API, batching and retries, small enough for a property test.
 *
 * @example
 * const hot = workload({ keys: { distributions: ["hot"] }, minRate: 1500, maxRate: 5000 });
 */
export function workload(constraints: WorkloadConstraints = {}): fc.Arbitrary<WorkloadDocument> {
  const minRate = Math.max(1, constraints.minRate ?? 1);
  const maxRate = Math.max(minRate, constraints.maxRate ?? 3000);
  const minBytes = Math.max(1, constraints.minRecordBytes ?? 1);
  const maxBytes = Math.max(minBytes, constraints.maxRecordBytes ?? 5000);
  return fc
    .record({
      rate: rate(minRate, maxRate, constraints.rateProfiles ?? true, constraints.maxSeconds ?? 60),
      arrival: fc.constantFrom(...(constraints.arrivals ?? (["poisson", "constant"] as const))),
      recordSize: recordSize(
        minBytes,
        maxBytes,
        constraints.recordSizes ?? ["fixed", "uniform", "lognormal"],
      ),
      keys: keys(constraints.keys),
      api: fc.constantFrom(...(constraints.apis ?? (["putRecord", "putRecords"] as const))),
      batch: fc.option(
        fc.record({
          maxRecords: fc.integer({ min: 1, max: 500 }),
          linger: fc.integer({ min: 0, max: 200 }).map(millis),
        }),
        { nil: undefined },
      ),
      retries: retries(constraints.maxRetries ?? 4),
    })
    .map(({ batch, ...rest }): WorkloadDocument => {
      const document: WorkloadDocument = { name: constraints.name ?? "p", ...rest };
      return batch !== undefined && rest.api === "putRecords" ? { ...document, batch } : document;
    });
}
