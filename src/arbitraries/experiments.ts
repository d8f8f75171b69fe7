import fc from "fast-check";
import type {
  ConsumerDocument,
  EventDocument,
  ExperimentDocument,
  StreamDocument,
  WorkloadDocument,
} from "./documents.js";
import { type StreamConstraints, stream } from "./streams.js";
import { type WorkloadConstraints, workload } from "./workloads.js";

/** Constraints on generated experiment documents. */
export interface ExperimentConstraints {
  /** Duration range in whole seconds. Defaults 1 and 60. */
  readonly minSeconds?: number;
  readonly maxSeconds?: number;
  readonly granularities?: readonly ("segment" | "record")[];
  /** Producer count range. Defaults 1 and 3. */
  readonly minProducers?: number;
  readonly maxProducers?: number;
  /** Consumer application count range. Defaults 0 and 3. */
  readonly minConsumers?: number;
  readonly maxConsumers?: number;
  /** Allow enhanced fan-out consumers. Default true. */
  readonly efo?: boolean;
  /**
   * Which scheduled events to generate: consumer stops and starts, resharding (split, merge,
   * UpdateShardCount, with resharding delays shortened to seconds under `limits:`). `false`
   * generates none. Default: both kinds.
   */
  readonly events?: boolean | { readonly consumers?: boolean; readonly resharding?: boolean };
  /** Most events. Default 4. */
  readonly maxEvents?: number;
  /** Sometimes set a `warmup:` of up to half the duration. Default true. */
  readonly warmup?: boolean;
  readonly stream?: StreamConstraints;
  /** Applies to every producer; names are always p0, p1, … */
  readonly workload?: WorkloadConstraints;
  /**
   * Record-level runs cost one event per record: their producers' rates are capped so that
   * together they offer at most this many records per second. Default 1,000.
   */
  readonly recordRateBudget?: number;
}

/** Resharding delays short enough that splits and merges complete within a short run. */
export const SHORT_RESHARDING_LIMITS = {
  splitMergeMinDelayUs: "1s",
  splitMergeMaxDelayUs: "3s",
  updateShardCountMinDelayUs: "2s",
  updateShardCountMaxDelayUs: "6s",
} as const;

const shardId = (index: number) => `shardId-${String(index).padStart(12, "0")}`;

function consumer(efo: boolean): fc.Arbitrary<Omit<ConsumerDocument, "name">> {
  const startAt = fc.constantFrom("LATEST" as const, "TRIM_HORIZON" as const);
  const processingTime = fc.integer({ min: 0, max: 2000 }).map((us) => `${us}us`);
  const parentPollInterval = fc.integer({ min: 1, max: 20 }).map((n) => `${n * 500}ms`);
  const polling = fc.record(
    {
      mode: fc.constant("polling" as const),
      pollInterval: fc.integer({ min: 100, max: 2000 }).map((ms) => `${ms}ms`),
      startAt,
      maxRecords: fc.integer({ min: 1, max: 10_000 }),
      processingTime,
      parentPollInterval,
    },
    { requiredKeys: ["mode"] },
  );
  if (!efo) return polling;
  const enhanced = fc.record(
    { mode: fc.constant("efo" as const), startAt, processingTime, parentPollInterval },
    { requiredKeys: ["mode"] },
  );
  return fc.oneof({ weight: 3, arbitrary: polling }, { weight: 1, arbitrary: enhanced });
}

/** An event before its target is known: times are fractions of the duration. */
type EventSpec =
  | { kind: "consumer"; target: number; stopAt: number; startAt: number | undefined }
  | { kind: "split"; at: number; shard: number }
  | { kind: "merge"; at: number; shard: number }
  | { kind: "updateShardCount"; at: number; factor: number };

function eventSpec(consumers: boolean, resharding: boolean): fc.Arbitrary<EventSpec> {
  const fraction = fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000);
  const kinds: fc.Arbitrary<EventSpec>[] = [];
  if (consumers) {
    kinds.push(
      fc.record({
        kind: fc.constant("consumer" as const),
        target: fc.nat(2),
        stopAt: fraction,
        startAt: fc.option(fraction, { nil: undefined }),
      }),
    );
  }
  if (resharding) {
    const shard = fc.nat(11);
    kinds.push(
      fc.record({ kind: fc.constant("split" as const), at: fraction, shard }),
      fc.record({ kind: fc.constant("merge" as const), at: fraction, shard }),
      fc.record({
        kind: fc.constant("updateShardCount" as const),
        at: fraction,
        factor: fc.integer({ min: 1, max: 8 }).map((n) => n / 4),
      }),
    );
  }
  return fc.oneof(...kinds);
}

/**
 * Caps a producer's rate (each profile point) at `cap` records per second. The arbitraries
 * generate rates as numbers only, so other forms of the format ("N/min", daily curves) pass.
 */
function capRate(producer: WorkloadDocument, cap: number): WorkloadDocument {
  const limit = Math.max(1, Math.floor(cap));
  const capped = (rate: number | string) =>
    typeof rate === "number" ? Math.min(rate, limit) : rate;
  const { rate } = producer;
  if (typeof rate === "number") return { ...producer, rate: Math.min(rate, limit) };
  if (!Array.isArray(rate)) return producer;
  return { ...producer, rate: rate.map((point) => ({ ...point, rate: capped(point.rate) })) };
}

function materializeEvents(
  specs: readonly EventSpec[],
  durationMs: number,
  consumers: readonly ConsumerDocument[],
  section: StreamDocument,
): EventDocument[] {
  const at = (fraction: number) => `${Math.round(fraction * durationMs)}ms`;
  const shards = section.shards ?? 4;
  const events: EventDocument[] = [];
  for (const spec of specs) {
    switch (spec.kind) {
      case "consumer": {
        const target = consumers[spec.target % Math.max(1, consumers.length)];
        if (target === undefined) break;
        events.push({ at: at(spec.stopAt), stopConsumer: target.name });
        if (spec.startAt !== undefined) {
          events.push({ at: at(Math.max(spec.stopAt, spec.startAt)), startConsumer: target.name });
        }
        break;
      }
      case "split":
        // Ids past the initial shards name children of earlier reshards, or nothing at all
        // (Kinesis then answers ResourceNotFoundException, which the result records).
        events.push({ at: at(spec.at), split: shardId(spec.shard % (shards + 4)) });
        break;
      case "merge": {
        const first = spec.shard % (shards + 4);
        events.push({ at: at(spec.at), merge: [shardId(first), shardId(first + 1)] });
        break;
      }
      case "updateShardCount":
        events.push({
          at: at(spec.at),
          updateShardCount: Math.max(1, Math.round(shards * spec.factor)),
        });
        break;
    }
  }
  return events;
}

/**
 * Arbitrary whole experiment documents in the FILE format (plain objects; durations as
 * strings): ≤ 60 s, 1–3 producers, 0–3 consumer applications (polling or enhanced fan-out),
 * optional consumer and resharding events and warm-up. Every document validates.
 *
 * @example
 * fc.assert(fc.property(experiment({ granularities: ["record"] }), (document) => {
 *   const result = simulate(parseExperimentText(JSON.stringify(document)));
 *   return result.records.offered >= result.records.accepted;
 * }));
 */
export function experiment(
  constraints: ExperimentConstraints = {},
): fc.Arbitrary<ExperimentDocument> {
  const minSeconds = Math.max(1, Math.floor(constraints.minSeconds ?? 1));
  const maxSeconds = Math.max(minSeconds, Math.floor(constraints.maxSeconds ?? 60));
  const eventKinds =
    constraints.events === undefined || constraints.events === true
      ? { consumers: true, resharding: true }
      : constraints.events === false
        ? { consumers: false, resharding: false }
        : {
            consumers: constraints.events.consumers ?? true,
            resharding: constraints.events.resharding ?? true,
          };
  const anyEvents = eventKinds.consumers || eventKinds.resharding;
  const minProducers = Math.max(1, constraints.minProducers ?? 1);
  const minConsumers = Math.max(0, constraints.minConsumers ?? 0);
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      seconds: fc.integer({ min: minSeconds, max: maxSeconds }),
      granularity: fc.constantFrom(
        ...(constraints.granularities ?? (["segment", "record"] as const)),
      ),
      warmup:
        (constraints.warmup ?? true)
          ? fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined })
          : fc.constant(undefined),
      stream: stream(constraints.stream),
      producers: fc.array(workload({ maxSeconds, ...constraints.workload }), {
        minLength: minProducers,
        maxLength: Math.max(minProducers, constraints.maxProducers ?? 3),
      }),
      consumers: fc.array(consumer(constraints.efo ?? true), {
        minLength: minConsumers,
        maxLength: Math.max(minConsumers, constraints.maxConsumers ?? 3),
      }),
      events: anyEvents
        ? fc.array(eventSpec(eventKinds.consumers, eventKinds.resharding), {
            maxLength: constraints.maxEvents ?? 4,
          })
        : fc.constant([]),
    })
    .map((spec): ExperimentDocument => {
      const budget = constraints.recordRateBudget ?? 1000;
      const producers = spec.producers.map((producer, i) => {
        const named = { ...producer, name: `p${i}` };
        return spec.granularity === "record"
          ? capRate(named, budget / spec.producers.length)
          : named;
      });
      const consumers = spec.consumers.map((c, i) => ({ ...c, name: `c${i}` }) as ConsumerDocument);
      const events = materializeEvents(spec.events, spec.seconds * 1000, consumers, spec.stream);
      const resharding = events.some(
        (event) => "split" in event || "merge" in event || "updateShardCount" in event,
      );
      const limits: Record<string, string> = {
        ...(resharding ? SHORT_RESHARDING_LIMITS : {}),
        ...(spec.stream.retention === undefined ? {} : { retentionMinUs: "1s" }),
      };
      // Warm-up: up to half the run, in milliseconds, always before its end.
      const warmupMs =
        spec.warmup === undefined ? 0 : Math.floor((spec.seconds * 1000 * spec.warmup) / 100);
      return {
        name: "generated",
        seed: spec.seed,
        duration: `${spec.seconds}s`,
        granularity: spec.granularity,
        ...(warmupMs > 0 ? { warmup: `${warmupMs}ms` } : {}),
        ...(Object.keys(limits).length > 0 ? { limits } : {}),
        stream: spec.stream,
        producers,
        ...(consumers.length > 0 ? { consumers } : {}),
        ...(events.length > 0 ? { events } : {}),
      };
    });
}
