import type { LimitsProfile } from "../../../models/limits/profile.js";
import type { TraceReplaySettings } from "../../../models/producers/producer-settings.js";
import { US_PER_SECOND } from "../../engine/time-units.js";
import { int } from "../../format/number-format.js";
import type { ConsumerConfig, ExperimentConfig, ProducerConfig } from "./config-types.js";
import { expectedRecords } from "./expected-records.js";
import { formatDurationUs } from "./units.js";

/**
 * The most steps a run may take: GetRecords calls, producer ticks, lease and subscription
 * timers, and records in record granularity. A step costs about 0.5 to 3 µs (the seven-days
 * benchmark, 100 shards read every second for a week, is 5.7e7 steps and takes about three
 * minutes; 2e7 KCL lease renewals took 11 s), so the budget keeps any accepted run within
 * roughly ten minutes. Without it a 100-year run, `pollInterval: 1us` with no response time,
 * or `kcl.renewalInterval: 1us` was accepted and ran for hours.
 */
export const WORK_STEP_LIMIT = 200_000_000;

/** One recurring kind of work, with how many times it happens in the whole run. */
interface WorkTerm {
  readonly what: string;
  readonly steps: number;
}

/** Why the run is refused as too much work, or undefined when it fits. */
export function workBudgetProblem(
  config: ExperimentConfig,
  profile: LimitsProfile,
): string | undefined {
  const terms = workTerms(config, profile);
  const total = terms.reduce((sum, term) => sum + term.steps, 0);
  if (total <= WORK_STEP_LIMIT) return undefined;
  const largest = terms.reduce((a, b) => (b.steps > a.steps ? b : a));
  return (
    `a run of ${formatDurationUs(config.durationUs)} would take about ${steps(total)} simulation steps, most of them ${largest.what}: ${steps(largest.steps)};` +
    ` kinesim runs at most ${int(WORK_STEP_LIMIT)} (about ten minutes): shorten the run, or use fewer shards or consumers or longer intervals`
  );
}

/** Every kind of recurring work the run does, counted over its whole duration. */
export function workTerms(config: ExperimentConfig, profile: LimitsProfile): WorkTerm[] {
  const seconds = config.durationUs / US_PER_SECOND;
  const shards = mostShards(config);
  const everyRun = (perSecond: number) => perSecond * seconds;
  const terms: WorkTerm[] = [
    {
      what: "producer ticks (resolution)",
      steps: everyRun(config.producers.length * timesPerSecond(config.resolutionUs)),
    },
    ...config.consumers.flatMap((consumer) => consumerTerms(consumer, shards, profile, everyRun)),
  ];
  if (config.stream.mode !== "provisioned") {
    terms.push({
      what: "on-demand evaluations (limits.onDemandEvaluationUs)",
      steps: everyRun(timesPerSecond(profile.onDemandEvaluationUs)),
    });
  }
  if (config.granularity === "record") terms.push(...recordTerms(config, profile, shards));
  else terms.push(...replayTerms(config));
  return terms;
}

/**
 * Segment mode gathers a replayed trace's records into segments one copy at a time
 * (models/producers/sources/trace-segments.ts), so each copy is a step: a trace of one record
 * repeated every second with `volumeScale: 1e6` is a million steps a second.
 */
function replayTerms(config: ExperimentConfig): WorkTerm[] {
  return config.producers.flatMap((producer) =>
    producer.trace === undefined
      ? []
      : [
          {
            what: `records replayed from ${producer.name}'s trace (volumeScale, repeat)`,
            steps: traceCopies(producer.trace, config.durationUs),
          },
        ],
  );
}

/** The copies of a trace's records sent before `durationUs`, on average. */
export function traceCopies(trace: TraceReplaySettings, durationUs: number): number {
  const times = trace.timesUs;
  /** Records timed before `untilUs` in one pass of the trace (its times ascend). */
  const before = (untilUs: number) => {
    let low = 0;
    let high = times.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((times[middle] as number) < untilUs) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const everyUs = trace.repeatEveryUs;
  if (everyUs === undefined) return before(durationUs) * trace.volumeScale;
  const cycles = Math.floor(durationUs / everyUs);
  return (cycles * times.length + before(durationUs - cycles * everyUs)) * trace.volumeScale;
}

/**
 * In record granularity every record is a step of its own, and so is every retry of one. An
 * SDK producer retries a throttled record up to `retries.max` times, so the records offered
 * beyond what the shards accept (their write limit in records, the most shards the file asks
 * for) are counted that many times more. The KPL retries whole requests of many records
 * (its collector's), so its records count once.
 */
function recordTerms(config: ExperimentConfig, profile: LimitsProfile, shards: number): WorkTerm[] {
  const offered = config.producers.map((producer) =>
    expectedRecords(producer, config.events, config.durationUs),
  );
  const total = offered.reduce((sum, records) => sum + records, 0);
  const accepted =
    shards * profile.shardWriteRecordsPerSecond * (config.durationUs / US_PER_SECOND);
  const throttledShare = total > accepted ? 1 - accepted / total : 0;
  const terms: WorkTerm[] = [{ what: "records (granularity: record)", steps: total }];
  const retried = config.producers.reduce(
    (sum, producer, i) => sum + (offered[i] ?? 0) * throttledShare * retriesOf(producer),
    0,
  );
  if (retried > 0) {
    terms.push({ what: "retries of throttled records (granularity: record)", steps: retried });
  }
  return terms;
}

function retriesOf(producer: ProducerConfig): number {
  return producer.kpl === undefined ? producer.retries.max : 0;
}

/** A consumer's reads (per shard) and, for the KCL, its lease timers (per worker). */
function consumerTerms(
  consumer: ConsumerConfig,
  shards: number,
  profile: LimitsProfile,
  everyRun: (perSecond: number) => number,
): WorkTerm[] {
  const terms: WorkTerm[] =
    consumer.mode === "polling"
      ? [
          {
            what: `GetRecords calls of ${consumer.name} on ${int(shards)} shards (pollInterval)`,
            steps: everyRun(
              shards * timesPerSecond(consumer.pollIntervalUs + profile.getRecordsResponseTimeUs),
            ),
          },
        ]
      : [
          {
            what: `subscriptions of ${consumer.name} on ${int(shards)} shards (limits.efoSubscriptionUs)`,
            steps: everyRun(shards * (1 + timesPerSecond(profile.efoSubscriptionUs))),
          },
        ];
  const kcl = consumer.kcl;
  if (kcl !== undefined) {
    const perWorker =
      timesPerSecond(kcl.renewalIntervalUs) +
      (kcl.version === 2
        ? timesPerSecond(kcl.takingIntervalUs)
        : timesPerSecond(kcl.discoveryIntervalUs) +
          timesPerSecond(kcl.assignmentIntervalUs) +
          timesPerSecond(kcl.leaderHeartbeatUs));
    terms.push({
      what: `lease timers of ${consumer.name}'s ${int(kcl.workers)} workers (kcl intervals)`,
      steps: everyRun(kcl.workers * perWorker),
    });
  }
  return terms;
}

/**
 * The most shards the file itself asks for: at the start, an UpdateShardCount target or the
 * autoscaling floor. On-demand growth and autoscaling above the floor follow the traffic and
 * stay within `limits.maxShardsPerStream`.
 */
function mostShards(config: ExperimentConfig): number {
  let most = Math.max(config.stream.shards, config.stream.autoscaling?.minShards ?? 0);
  for (const event of config.events) {
    if (event.kind === "updateShardCount") most = Math.max(most, event.target);
    if (event.kind === "split") most += 1;
  }
  return most;
}

/** How often something happens every `intervalUs` (at least once per microsecond). */
function timesPerSecond(intervalUs: number): number {
  return US_PER_SECOND / Math.max(1, intervalUs);
}

/** A step count for a message: grouped digits, or three significant digits when huge. */
function steps(value: number): string {
  return value >= 1e15 ? value.toPrecision(3) : int(Math.round(value));
}
