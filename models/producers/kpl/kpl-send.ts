import { type Segment, splitSegment } from "../../shards/segment.js";
import type { Shard } from "../../shards/shard.js";
import { retryDelayUs } from "../retry-backoff.js";
import type { SendPath } from "../senders/send-path.js";
import type { KplClient } from "./kpl-client.js";
import { KplSendNarration } from "./kpl-send-narration.js";

/**
 * The KPL's send: records past RecordTtl fail as Expired; the client-side limiter holds
 * back what would exceed RateLimit; what the shard throttles is retried after
 * RecordMaxBufferedTime ÷ 2 with no backoff (or with the SDK's, if configured), unless
 * FailIfThrottled; held-back records go out with the retries. `calls`, when given, is the
 * (mean) number of PutRecords requests these records make (segment mode's collector rule);
 * otherwise they make as many as CollectionMaxCount and CollectionMaxSize require.
 */
export function sendKpl(
  path: SendPath,
  kpl: KplClient,
  segments: Segment[],
  attempt: number,
  calls?: number,
): void {
  const { context, settings, stats } = path;
  const nowUs = context.simulation.nowUs;
  const shards = context.stream.shards;
  const narration =
    context.narrator === undefined
      ? undefined
      : new KplSendNarration(context.narrator, shards, kpl.settings, settings.name, nowUs);
  const toSend: Segment[] = [];
  const later: Segment[] = [];
  if (
    segments.some((segment) => (context.stream.shards[segment.shard] as Shard).status !== "OPEN")
  ) {
    // A record landed on a shard the cached shard map did not predict: refresh the map.
    kpl.stats.shardMapRefreshes++;
  }
  for (const segment of path.routeToOpenShards(segments)) {
    const [expired, alive] = kpl.expire(segment, nowUs);
    if (expired > 0) {
      kpl.stats.expired += expired;
      stats.dropped += expired;
      stats.pending -= expired;
      narration?.expired(segment.shard, expired);
    }
    if (alive === undefined) continue;
    const [now, held] = kpl.limit(alive, nowUs);
    if (now !== undefined) toSend.push(now);
    if (held !== undefined) later.push(held);
  }
  narration?.held(later);
  let kinesisRecords = 0;
  let bytes = 0;
  for (const segment of toSend) {
    kinesisRecords += segment.count * (segment.recordWeight ?? 1);
    bytes += segment.bytes;
  }
  if (toSend.length > 0) {
    stats.putCalls +=
      calls === undefined ? kpl.callsFor(kinesisRecords, bytes) : kpl.wholeCalls(calls);
  }
  const retry: Segment[] = [];
  const dropped: Segment[] = [];
  for (const segment of toSend) {
    const shard = shards[segment.shard] as Shard;
    const accepted = shard.put(segment, nowUs);
    narration?.put(shard, segment, accepted);
    stats.accepted += accepted;
    stats.pending -= accepted;
    kpl.stats.userRecordsPut += accepted;
    kpl.stats.kinesisRecordsPut += accepted * (segment.recordWeight ?? 1);
    if (accepted === segment.count) continue;
    const rest = accepted === 0 ? segment : splitSegment(segment, accepted)[1];
    stats.throttledAttempts += rest.count;
    const outOfRetries =
      kpl.settings.backoff === "exponential" && attempt + 1 > settings.retries.max;
    if (kpl.settings.failIfThrottled || outOfRetries) {
      stats.dropped += rest.count;
      stats.pending -= rest.count;
      dropped.push(rest);
    } else {
      stats.retries += rest.count;
      retry.push(rest);
    }
  }
  narration?.report(attempt + 1, dropped);
  retry.push(...later);
  if (retry.length === 0) return;
  const waiting = retry.reduce((sum, segment) => sum + segment.count, 0);
  const delayUs =
    kpl.settings.backoff === "none"
      ? kpl.retryDelayUs
      : retryDelayUs(settings.retries, attempt + 1, path.retryRandom);
  path.scheduleRetry({
    records: waiting,
    segments: retry,
    delayUs,
    attempt: attempt + 1,
    resend: () => sendKpl(path, kpl, retry, attempt + 1),
  });
}
