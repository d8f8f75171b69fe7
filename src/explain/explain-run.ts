import type { NarrationEvent } from "../../models/narration/narration-events.js";
import type { Narrator } from "../../models/narration/narrator.js";
import type { ExperimentConfig } from "../experiment/config/config-types.js";
import { resolveProfile } from "../experiment/config/resolve-profile.js";
import { UserError } from "../experiment/config/user-error.js";
import { workBudgetProblem } from "../experiment/config/work-budget.js";
import type { RunResult } from "../experiment/run/result-types.js";
import { simulateWithSeries } from "../experiment/run/simulate.js";
import { lagSpanWords } from "../experiment/text/lagging-lines.js";
import { count, duration, int } from "../format/number-format.js";
import { describeEvent, secondsText } from "./describe-event.js";

export interface ExplainOptions {
  /** Trace up to this simulated time (capped at the experiment's duration). */
  readonly untilUs: number;
  /** Keep only events about this shard (a full shard id). */
  readonly shardId?: string | undefined;
  /** Print at most this many event lines; the rest are counted. */
  readonly maxLines: number;
}

/** A narrated run: the lines to print and the run's result up to the same time. */
export interface Explanation {
  readonly text: string;
  readonly result: RunResult;
  /** The events that matched (shown and not shown). */
  readonly matched: number;
  readonly shown: number;
}

/**
 * Runs `config` record by record up to `untilUs` with a narrator and words what happened,
 * one line per event in simulation order, then the run's totals over the same time. Warm-up
 * is ignored, so the totals count everything the lines tell. No Node-only imports (the
 * playground can call it).
 *
 * @example
 * const { text } = explainExperiment(config, { untilUs: 2_000_000, maxLines: 200 });
 */
export function explainExperiment(config: ExperimentConfig, options: ExplainOptions): Explanation {
  const untilUs = Math.min(options.untilUs, config.durationUs);
  const traced: ExperimentConfig = {
    ...config,
    granularity: "record",
    durationUs: untilUs,
    warmupUs: 0,
  };
  // The file's budget counted its own granularity; record by record, every record is a step.
  const work = workBudgetProblem(traced, resolveProfile(traced));
  if (work !== undefined) throw new UserError(`--until: ${work}`);
  const width = secondsText(untilUs).length;
  const lines: string[] = [];
  let matched = 0;
  let lastMatchedUs = 0;
  const narrator: Narrator = {
    note(event) {
      const focused = options.shardId === undefined ? event : focus(event, options.shardId);
      if (focused === undefined) return;
      matched++;
      lastMatchedUs = focused.atUs;
      if (lines.length < options.maxLines) {
        lines.push(`t=${secondsText(focused.atUs).padStart(width)} s  ${describeEvent(focused)}`);
      }
    },
  };
  const { result } = simulateWithSeries(traced, { narrator });
  if (options.shardId !== undefined && !result.shards.some((s) => s.shardId === options.shardId)) {
    throw new UserError(
      `--shard: ${options.shardId} does not exist in this run (it has ${result.shards[0]?.shardId} to ${result.shards[result.shards.length - 1]?.shardId})`,
    );
  }
  const hidden = matched - lines.length;
  const out = [header(config, result, untilUs, options.shardId), ""];
  if (matched === 0) out.push("  nothing happened (no event matched)");
  out.push(...lines);
  if (hidden > 0) {
    out.push(
      `… ${int(hidden)} more event${hidden === 1 ? "" : "s"} until t=${secondsText(lastMatchedUs)} s (--max-lines ${int(options.maxLines)})`,
    );
  }
  out.push("", ...totals(result, untilUs, options.shardId));
  return { text: `${out.join("\n")}\n`, result, matched, shown: lines.length };
}

function header(
  config: ExperimentConfig,
  result: RunResult,
  untilUs: number,
  shardId: string | undefined,
): string {
  const end = untilUs === config.durationUs ? " (the experiment's end)" : "";
  const only = shardId === undefined ? "" : `, only ${shardId}`;
  return `${result.name} · seed ${result.seed} · record by record to t=${secondsText(untilUs)} s${end}${only}`;
}

/** What the run's result counts up to the same time, so the lines can be checked. */
function totals(result: RunResult, untilUs: number, shardId: string | undefined): string[] {
  const at = `by t=${secondsText(untilUs)} s`;
  if (shardId !== undefined) {
    const shard = result.shards.find((candidate) => candidate.shardId === shardId);
    if (shard === undefined) return [];
    return [
      `${at}, ${shardId}: accepted ${count(shard.accepted)}, throttled attempts ${count(shard.throttledAttempts)}, records read ${count(shard.recordsOut)}, reads throttled ${count(shard.readThrottled)}`,
    ];
  }
  const r = result.records;
  const producers = result.producers.reduce(
    (sum, producer) => ({
      retries: sum.retries + producer.retries,
      putCalls: sum.putCalls + producer.putCalls,
    }),
    { retries: 0, putCalls: 0 },
  );
  const lines = [
    `${at}: offered ${count(r.offered)}, accepted ${count(r.accepted)}, throttled attempts ${count(r.throttledAttempts)}, retries ${count(producers.retries)}, dropped ${count(r.dropped)}, still at the producers ${count(r.pendingAtProducer)}`,
  ];
  for (const consumer of result.consumers) {
    const reads =
      consumer.mode === "polling"
        ? `, GetRecords calls ${int(consumer.getRecordsCalls)} (${int(consumer.readThrottled)} throttled)`
        : "";
    lines.push(`${at}: ${consumer.name} received ${count(consumer.delivered)}${reads}`);
    lines.push(...behindLines(consumer, at, untilUs));
  }
  return lines;
}

/**
 * How far behind an application fell, as the summary's "max behind" says it: the oldest
 * unread record's age (read or not, so it grows while nobody reads), and each span it was
 * behind with when it caught up, or that it had not by the traced time.
 */
function behindLines(
  consumer: RunResult["consumers"][number],
  at: string,
  untilUs: number,
): string[] {
  if (consumer.maxOldestUnreadAgeMs === undefined) return [];
  const spans = lagSpanWords(consumer, `t=${secondsText(untilUs)} s`);
  const max = `${at}: ${consumer.name}'s oldest unread record was at most ${duration(consumer.maxOldestUnreadAgeMs)} old (IteratorAge)`;
  if (consumer.lagging === undefined) return [max];
  if (spans.length === 0) {
    return [`${max}, never over ${duration(consumer.lagging.laggingSeconds * 1000)} behind`];
  }
  return [max, ...spans.map((words) => `${at}: ${consumer.name} was ${words}`)];
}

/**
 * The part of `event` about shard `shardId`, or undefined when it is not about it. Events
 * that cover several shards (retries, drops) are narrowed to that shard's records.
 */
export function focus(event: NarrationEvent, shardId: string): NarrationEvent | undefined {
  switch (event.kind) {
    case "retry":
    case "drop": {
      const records = event.byShard[shardId];
      return records === undefined
        ? undefined
        : { ...event, records, byShard: { [shardId]: records } };
    }
    case "reshard-requested":
    case "reshard-rejected":
      return mentions(event.request, shardId) ? event : undefined;
    case "reshard-step":
      return event.closed.includes(shardId) || event.opened.includes(shardId) ? event : undefined;
    case "reshard-completed":
      return event.closed.includes(shardId) ||
        event.opened.includes(shardId) ||
        mentions(event.request, shardId)
        ? event
        : undefined;
    case "put": {
      const shard = event.shards.find((candidate) => candidate.shardId === shardId);
      return shard === undefined ? undefined : { ...event, shards: [shard] };
    }
    case "worker":
    case "consumer":
      return undefined;
    default:
      return event.shardId === shardId ? event : undefined;
  }
}

function mentions(
  request: Extract<NarrationEvent, { kind: "reshard-requested" }>["request"],
  shardId: string,
): boolean {
  if (request.kind === "split") return request.shardId === shardId;
  if (request.kind === "merge") return request.shardIds.includes(shardId);
  return false;
}
