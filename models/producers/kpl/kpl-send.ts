import { type Segment, segmentTail } from "../../shards/segment.js";
import type { Shard } from "../../shards/shard.js";
import { retryDelayUs } from "../retry-backoff.js";
import type { SendPath } from "../senders/send-path.js";
import type { KplClient } from "./kpl-client.js";
import { armExpiry, expireRun } from "./kpl-limiter-expiry.js";
import { KPL_LIMITER_DRAIN_US, type QueuedRun } from "./kpl-limiter-queue.js";
import { KplSendNarration } from "./kpl-send-narration.js";

/**
 * The KPL's send: Kinesis records join their shard's limiter queue (kpl-limiter-queue.ts),
 * and the limiter sends from the front of each queue what RateLimit allows. Records past
 * RecordTtl fail as Expired; what the shard throttles is retried after RecordMaxBufferedTime
 * ÷ 2 with no backoff (or with the SDK's, if configured), unless FailIfThrottled, by joining
 * the back of the queue again. `calls`, when given, is the (mean) number of PutRecords
 * requests these records make (segment mode's collector rule); otherwise they make as many
 * as CollectionMaxCount and CollectionMaxSize require.
 */
export function sendKpl(
  path: SendPath,
  kpl: KplClient,
  segments: Segment[],
  attempt: number,
  calls?: number,
): void {
  const shards = path.context.stream.shards;
  if (segments.some((segment) => (shards[segment.shard] as Shard).status !== "OPEN")) {
    // A record landed on a shard the cached shard map did not predict: refresh the map.
    kpl.stats.shardMapRefreshes++;
  }
  // A set, not an array searched per segment: a tick of a many-shard stream has a run per shard.
  const first = new Set<number>();
  for (const segment of path.routeToOpenShards(segments)) {
    first.add(segment.shard);
    kpl.waiting.join(segment, attempt);
  }
  drain(path, kpl, first, attempt, calls);
}

/** Records the limiter lets through now, with the attempt they are on (0 = first). */
interface SendingRun {
  readonly segment: Segment;
  readonly attempt: number;
}

/**
 * The limiter's look at its queues: the front of each queue goes out as far as the shard's
 * client-side buckets allow (what outlived RecordTtl on the way fails as Expired), and the
 * rest waits for the next look, `KPL_LIMITER_DRAIN_US` later, each waiting run set to expire
 * when its oldest record reaches RecordTtl. `first` holds the shards of the records that
 * prompted this look, in the order they came (looked at first); `attempt` is theirs.
 */
function drain(
  path: SendPath,
  kpl: KplClient,
  first: ReadonlySet<number>,
  attempt: number,
  calls?: number,
): void {
  const { context, settings } = path;
  const nowUs = context.simulation.nowUs;
  const shards = context.stream.shards;
  const waiting = kpl.waiting;
  const narration =
    context.narrator === undefined
      ? undefined
      : new KplSendNarration(context.narrator, shards, kpl.settings, settings.name, nowUs);
  rerouteClosed(path, kpl);
  const order = [...first, ...waiting.shards().filter((shard) => !first.has(shard))];
  const toSend: SendingRun[] = [];
  const held: Segment[] = [];
  for (const shard of order) {
    const queue = waiting.queue(shard);
    const runs = queue.runs;
    while (queue.head < runs.length) {
      const run = runs[queue.head] as QueuedRun;
      if (!run.gone) expireRun(path, kpl, run, narration);
      if (run.gone) {
        queue.head++;
        continue;
      }
      const [now, later] = kpl.limit(run.segment, nowUs);
      if (now !== undefined) {
        toSend.push({ segment: now, attempt: run.attempt });
        waiting.records -= now.count;
      }
      if (later !== undefined) {
        run.segment = later;
        break;
      }
      run.gone = true;
      queue.head++;
    }
    waiting.compact(queue);
    for (let i = Math.max(queue.armed, queue.head); i < queue.runs.length; i++) {
      const run = queue.runs[i] as QueuedRun;
      if (first.has(shard)) held.push(run.segment);
      armExpiry(path, kpl, run);
    }
    queue.armed = queue.runs.length;
  }
  narration?.held(held);
  putOnShards(path, kpl, toSend, attempt, calls, narration);
  if (waiting.records > 0 && !waiting.drainScheduled) {
    waiting.drainScheduled = true;
    context.simulation.schedule(KPL_LIMITER_DRAIN_US, () => {
      waiting.drainScheduled = false;
      drain(path, kpl, new Set(), 0);
    });
  }
}

/** Sends what the limiter let through; the throttled rest is retried or dropped. */
function putOnShards(
  path: SendPath,
  kpl: KplClient,
  toSend: readonly SendingRun[],
  attempt: number,
  calls: number | undefined,
  narration: KplSendNarration | undefined,
): void {
  const { context, settings, stats } = path;
  const nowUs = context.simulation.nowUs;
  const shards = context.stream.shards;
  let kinesisRecords = 0;
  let bytes = 0;
  for (const { segment } of toSend) {
    kinesisRecords += segment.count * (segment.recordWeight ?? 1);
    bytes += segment.bytes;
  }
  if (toSend.length > 0) {
    stats.putCalls +=
      calls === undefined ? kpl.callsFor(kinesisRecords, bytes) : kpl.wholeCalls(calls);
  }
  // Throttled runs by the attempt they go on to (several when the queue held retries).
  const retries = new Map<number, Segment[]>();
  const dropped: Segment[] = [];
  for (const { segment, attempt: tried } of toSend) {
    const shard = shards[segment.shard] as Shard;
    const accepted = shard.put(segment, nowUs);
    narration?.put(shard, segment, accepted);
    stats.accepted += accepted;
    stats.pending -= accepted;
    kpl.stats.userRecordsPut += accepted;
    kpl.stats.kinesisRecordsPut += accepted * (segment.recordWeight ?? 1);
    if (accepted === segment.count) continue;
    const rest = accepted === 0 ? segment : segmentTail(segment, accepted);
    stats.throttledAttempts += rest.count;
    const outOfRetries = kpl.settings.backoff === "exponential" && tried + 1 > settings.retries.max;
    if (kpl.settings.failIfThrottled || outOfRetries) {
      stats.dropped += rest.count;
      stats.pending -= rest.count;
      dropped.push(rest);
    } else {
      stats.retries += rest.count;
      const group = retries.get(tried + 1);
      if (group === undefined) retries.set(tried + 1, [rest]);
      else group.push(rest);
    }
  }
  narration?.report(attempt + 1, dropped);
  for (const [next, segments] of retries) {
    const waitingRecords = segments.reduce((sum, segment) => sum + segment.count, 0);
    const delayUs =
      kpl.settings.backoff === "none"
        ? kpl.retryDelayUs
        : retryDelayUs(settings.retries, next, path.retryRandom);
    path.scheduleRetry({
      records: waitingRecords,
      segments,
      delayUs,
      attempt: next,
      resend: () => sendKpl(path, kpl, segments, next),
    });
  }
}

/** Records waiting for a shard closed since (a reshard) go where their keys live now. */
function rerouteClosed(path: SendPath, kpl: KplClient): void {
  const shards = path.context.stream.shards;
  const waiting = kpl.waiting;
  for (const shard of waiting.shards()) {
    if ((shards[shard] as Shard).status === "OPEN") continue;
    kpl.stats.shardMapRefreshes++;
    const queue = waiting.queue(shard);
    const runs = queue.runs.slice(queue.head);
    queue.runs = [];
    queue.head = 0;
    queue.armed = 0;
    for (const run of runs) {
      if (run.gone) continue;
      run.gone = true;
      waiting.records -= run.segment.count;
      for (const routed of path.routeToOpenShards([run.segment])) {
        waiting.join(routed, run.attempt);
      }
    }
  }
}
