import type { ConsumerResult, ProducerResult, RunResult } from "../run/result-types.js";

/** How a metric's values read, and so how its change is stated. */
export type MetricKind = "fraction" | "ms" | "count" | "usd";

/** One number of both runs and how it changed from A to B. */
export interface MetricComparison {
  metric: string;
  kind: MetricKind;
  /**
   * A sum over the run (records, dollars), which grows with the run's length: over different
   * durations its change is not computed, since it would mostly measure the durations.
   */
  total: boolean;
  /** null: the run has no such value (no latency when nothing was delivered). */
  a: number | null;
  b: number | null;
  /** b − a; null when a side has no value or the metric is a total over different durations. */
  delta: number | null;
  /**
   * (b − a) ÷ a, when a is positive and a ratio means something: not for fractions, whose
   * change is stated in percentage points (a throttle rate from 1 % to 2 % is +1 pp).
   */
  relative: number | null;
}

/** A producer, consumer or cost item, matched by name, with its metrics. */
export interface EntityComparison {
  name: string;
  /** Whether the name appears in both runs, or in one only (its metrics then have one side). */
  in: "both" | "A" | "B";
  metrics: MetricComparison[];
}

/** What identifies a run in the comparison's header. */
export interface RunIdentity {
  name: string;
  seed: number;
  durationSeconds: number;
  configHash: string;
  version: string;
  capacityMode: string;
  /** Shards open when the run ended. */
  openShards: number;
}

export interface Comparison {
  a: RunIdentity;
  b: RunIdentity;
  /** One sentence each on what differs between the runs and what that means for reading. */
  notes: string[];
  headline: MetricComparison[];
  producers: EntityComparison[];
  consumers: EntityComparison[];
  costItems: EntityComparison[];
}

/**
 * A run B set beside a run A (the baseline): every headline number, producer, consumer and
 * cost item with its change. Runs of different experiments, settings or durations are
 * allowed (that is the what-if); `notes` says how they differ.
 */
export function compareResults(a: RunResult, b: RunResult): Comparison {
  const sameDuration = a.durationSeconds === b.durationSeconds;
  const metric = (
    name: string,
    kind: MetricKind,
    total: boolean,
    valueA: number | null,
    valueB: number | null,
  ): MetricComparison => compareMetric(name, kind, total && !sameDuration, total, valueA, valueB);
  return {
    a: identity(a),
    b: identity(b),
    notes: notes(a, b),
    headline: HEADLINE_METRICS.map(([name, kind, total, read]) =>
      metric(name, kind, total, read(a), read(b)),
    ),
    producers: matchByName(a.producers, b.producers, (pa, pb) =>
      PRODUCER_METRICS.map(([name, kind, total, read]) =>
        metric(name, kind, total, pa ? read(pa) : null, pb ? read(pb) : null),
      ),
    ),
    consumers: matchByName(a.consumers, b.consumers, (ca, cb) =>
      CONSUMER_METRICS.map(([name, kind, total, read]) =>
        metric(name, kind, total, ca ? read(ca) : null, cb ? read(cb) : null),
      ),
    ),
    costItems: matchByName(
      a.cost.items.map((item) => ({ name: item.item, usd: item.usd })),
      b.cost.items.map((item) => ({ name: item.item, usd: item.usd })),
      (ia, ib) => [metric("cost", "usd", true, ia?.usd ?? null, ib?.usd ?? null)],
    ),
  };
}

type MetricDefinition<T> = [
  name: string,
  kind: MetricKind,
  total: boolean,
  read: (value: T) => number | null,
];

/** Latency of the whole run; null when nothing was delivered. */
const latency = (pick: "p50" | "p90" | "p99") => (run: RunResult) =>
  run.latencyMs.count > 0 ? run.latencyMs[pick] : null;

const HEADLINE_METRICS: MetricDefinition<RunResult>[] = [
  ["throttle rate", "fraction", false, (run) => run.throttleRate],
  ["data loss", "fraction", false, (run) => run.dataLoss.fraction],
  ["records lost", "count", true, (run) => run.dataLoss.records],
  ["latency p50", "ms", false, latency("p50")],
  ["latency p90", "ms", false, latency("p90")],
  ["latency p99", "ms", false, latency("p99")],
  ["max behind latest", "ms", false, maxBehind],
  ["oldest unread age", "ms", false, maxUnreadAge],
  ["cost", "usd", true, (run) => run.cost.usd],
  ["records offered", "count", true, (run) => run.records.offered],
  ["records accepted", "count", true, (run) => run.records.accepted],
  ["records delivered", "count", true, (run) => run.records.delivered],
  ["shards at the end", "count", false, (run) => identity(run).openShards],
];

/** The highest MillisBehindLatest of any consumer application; null without consumers. */
function maxBehind(run: RunResult): number | null {
  if (run.consumers.length === 0) return null;
  return Math.max(...run.consumers.map((consumer) => consumer.maxMillisBehindLatest));
}

/**
 * The largest age of any application's oldest unread record, read or not (IteratorAge); null
 * without consumers, or for a result written before kinesim kept it.
 */
function maxUnreadAge(run: RunResult): number | null {
  const ages = run.consumers.map((consumer) => consumer.maxOldestUnreadAgeMs);
  if (ages.length === 0 || ages.some((age) => age === undefined)) return null;
  return Math.max(...(ages as number[]));
}

const PRODUCER_METRICS: MetricDefinition<ProducerResult>[] = [
  ["offered", "count", true, (p) => p.offered],
  ["accepted", "count", true, (p) => p.accepted],
  ["throttled attempts", "count", true, (p) => p.throttledAttempts],
  ["dropped", "count", true, (p) => p.dropped],
  ["dropped share", "fraction", false, (p) => (p.offered > 0 ? p.dropped / p.offered : null)],
];

const CONSUMER_METRICS: MetricDefinition<ConsumerResult>[] = [
  ["delivered", "count", true, (c) => c.delivered],
  ["latency p50", "ms", false, (c) => (c.latencyMs.count > 0 ? c.latencyMs.p50 : null)],
  ["latency p99", "ms", false, (c) => (c.latencyMs.count > 0 ? c.latencyMs.p99 : null)],
  ["max behind latest", "ms", false, (c) => c.maxMillisBehindLatest],
  ["oldest unread age", "ms", false, (c) => c.maxOldestUnreadAgeMs ?? null],
  ["read throttled", "count", true, (c) => c.readThrottled],
  ["expired unread", "count", true, (c) => c.expiredUnread],
];

function compareMetric(
  metric: string,
  kind: MetricKind,
  apart: boolean,
  total: boolean,
  a: number | null,
  b: number | null,
): MetricComparison {
  const delta = a === null || b === null || apart ? null : b - a;
  const relative = delta === null || kind === "fraction" || a === null || a <= 0 ? null : delta / a;
  return { metric, kind, total, a, b, delta, relative };
}

/**
 * A's entities in A's order, then those only B has in B's order: a run's order is its
 * experiment file's, so the comparison reads like the files.
 */
function matchByName<T extends { name: string }>(
  inA: readonly T[],
  inB: readonly T[],
  metrics: (a: T | undefined, b: T | undefined) => MetricComparison[],
): EntityComparison[] {
  const byNameB = new Map(inB.map((entity) => [entity.name, entity]));
  const namesA = new Set(inA.map((entity) => entity.name));
  return [
    ...inA.map((entity) => {
      const other = byNameB.get(entity.name);
      return {
        name: entity.name,
        in: other === undefined ? ("A" as const) : ("both" as const),
        metrics: metrics(entity, other),
      };
    }),
    ...inB
      .filter((entity) => !namesA.has(entity.name))
      .map((entity) => ({
        name: entity.name,
        in: "B" as const,
        metrics: metrics(undefined, entity),
      })),
  ];
}

function identity(run: RunResult): RunIdentity {
  return {
    name: run.name,
    seed: run.seed,
    durationSeconds: run.durationSeconds,
    configHash: run.configHash,
    version: run.version,
    capacityMode: run.capacityMode,
    openShards: run.shards.filter((shard) => shard.closedAtSeconds === null).length,
  };
}

function notes(a: RunResult, b: RunResult): string[] {
  const said: string[] = [];
  if (a.name !== b.name) {
    said.push(`different experiments (${a.name} and ${b.name}): a what-if`);
  } else if (a.configHash !== b.configHash) {
    said.push("the same experiment with different settings (their config hashes differ)");
  } else if (a.seed !== b.seed) {
    said.push("the same settings with different seeds: every difference is chance");
  } else {
    said.push("the same settings and seed: the runs should be identical");
  }
  if (a.durationSeconds !== b.durationSeconds) {
    said.push(
      "different durations: rates, percentages and latencies compare; totals (records, cost) do not, and have no delta",
    );
  }
  if (a.version !== b.version)
    said.push(`made by different kinesim versions (${a.version} and ${b.version})`);
  const pooled = latencyPooledNote(a, b);
  if (pooled !== undefined) said.push(pooled);
  return said;
}

/**
 * Whose records the headline's latency rows describe, when that is not one application's:
 * pooled over applications that may read very differently (polling beside enhanced
 * fan-out), they are nobody's, so the note sends the reader to each application's rows.
 */
function latencyPooledNote(a: RunResult, b: RunResult): string | undefined {
  const apps = (run: RunResult) => run.consumers.length;
  const oneEach = apps(a) === 1 && apps(b) === 1 && a.consumers[0]?.name === b.consumers[0]?.name;
  if (oneEach) return `latency: the records ${a.consumers[0]?.name} received, in both runs`;
  if (apps(a) === 1 && apps(b) === 1) {
    return `latency: the records ${a.consumers[0]?.name} received in A, ${b.consumers[0]?.name} in B`;
  }
  if (apps(a) <= 1 && apps(b) <= 1) return undefined;
  const counts = apps(a) === apps(b) ? `${apps(a)}` : `${apps(a)} and ${apps(b)}`;
  return `latency rows pool all ${counts} applications' records; each one's are below`;
}
