import { countByShard, PutTally } from "../../narration/put-tally.js";
import type { Segment } from "../../shards/segment.js";
import type { Shard } from "../../shards/shard.js";
import type { ProducerSettings } from "../producer-settings.js";
import { retryDelayUs } from "../retry-backoff.js";
import type { SendPath } from "./send-path.js";

/**
 * The plain SDK's send: PutRecord per record or PutRecords batches; what the shards throttle
 * is retried with exponential backoff and full jitter, and dropped after the last retry
 * (kinesis-facts.md §1: PutRecords fails records individually).
 *
 * @param attempt 0 for the first attempt.
 */
export function sendSdk(path: SendPath, segments: Segment[], attempt: number): void {
  const { context, settings, stats } = path;
  const nowUs = context.simulation.nowUs;
  const shards = context.stream.shards;
  const narrator = context.narrator;
  const tally = narrator === undefined ? undefined : new PutTally();
  stats.putCalls += callsFor(settings, segments);
  // Made when a put is refused: most puts are not, and this runs once per put.
  let failed: Segment[] | undefined;
  let failedCount = 0;
  const routed = path.routeToOpenShards(segments);
  // Accepted records summed here and counted once: whole counts, the same totals.
  let acceptedInCall = 0;
  for (let i = 0; i < routed.length; i++) {
    const segment = routed[i] as Segment;
    const shard = shards[segment.shard] as Shard;
    const refused = shard.offer(segment, nowUs);
    const accepted = segment.count - (refused?.count ?? 0);
    if (tally !== undefined) tally.add(shard, segment, accepted);
    acceptedInCall += accepted;
    if (refused !== undefined) {
      if (failed === undefined) failed = [refused];
      else failed.push(refused);
      failedCount += refused.count;
    }
  }
  stats.accepted += acceptedInCall;
  stats.pending -= acceptedInCall;
  const { name, api } = settings;
  if (narrator !== undefined) {
    (tally as PutTally).report(narrator, {
      atUs: nowUs,
      producer: name,
      api: api === "putRecord" ? "PutRecord" : "PutRecords",
      kpl: false,
      attempt: attempt + 1,
    });
  }
  if (failed !== undefined) retryOrDrop(path, failed, failedCount, attempt);
}

/**
 * One record's PutRecord, its first attempt: what {@link sendSdk} does with `[record]`,
 * without the arrays (record mode puts one record per arrival, most of a run's work). The
 * general path takes over for what this one does not handle: narration, a shard closed
 * since the record was routed, sizes listed record by record.
 */
export function sendSdkRecord(path: SendPath, record: Segment): void {
  const { context, stats } = path;
  const shard = context.stream.shards[record.shard] as Shard;
  if (context.narrator !== undefined || shard.status !== "OPEN" || record.listed !== undefined) {
    sendSdk(path, [record], 0);
    return;
  }
  // callsFor of a PutRecord: one call per record.
  stats.putCalls += record.count;
  const refused = shard.offer(record, context.simulation.nowUs);
  const accepted = record.count - (refused?.count ?? 0);
  stats.accepted += accepted;
  stats.pending -= accepted;
  if (refused !== undefined) retryOrDrop(path, refused, refused.count, 0);
}

/**
 * What the shards refused in attempt `attempt` (0 = the first): a retry later, or dropped.
 * `failed` is the refused segments, or the one refused segment, which is put in an array only
 * for a retry or the narrator (a throttled PutRecord dropped at once, record mode's common
 * case without retries, makes none).
 */
export function retryOrDrop(
  path: SendPath,
  failed: Segment | Segment[],
  failedCount: number,
  attempt: number,
): void {
  const { context, settings, stats } = path;
  const narrator = context.narrator;
  stats.throttledAttempts += failedCount;
  const retry = attempt + 1;
  if (retry > settings.retries.max) {
    stats.dropped += failedCount;
    stats.pending -= failedCount;
    if (narrator !== undefined) {
      narrator.note({
        kind: "drop",
        atUs: context.simulation.nowUs,
        producer: settings.name,
        records: failedCount,
        byShard: countByShard(Array.isArray(failed) ? failed : [failed], context.stream.shards),
        attempts: retry,
        why: "retries",
      });
    }
    return;
  }
  stats.retries += failedCount;
  const retrying = Array.isArray(failed) ? failed : [failed];
  path.scheduleRetry({
    records: failedCount,
    segments: retrying,
    delayUs: retryDelayUs(settings.retries, retry, path.retryRandom),
    attempt: retry,
    resend: () => sendSdk(path, retrying, retry),
  });
}

/** API calls needed to carry `segments`: one per record, or PutRecords batches. */
function callsFor(settings: ProducerSettings, segments: readonly Segment[]): number {
  let records = 0;
  let bytes = 0;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    records += segment.count;
    bytes += segment.bytes;
  }
  return callsForRecords(settings, records, bytes);
}

/** API calls needed to carry `records` records of `bytes` in all. */
export function callsForRecords(
  settings: ProducerSettings,
  records: number,
  bytes: number,
): number {
  if (settings.api === "putRecord") return records;
  const { maxRecords, maxBytes } = settings.batch;
  return Math.max(Math.ceil(records / maxRecords), Math.ceil(bytes / maxBytes));
}
