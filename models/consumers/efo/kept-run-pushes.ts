import { batchProcessingUs, type DurationDistribution } from "../processing-time.js";
import type { ShardReader } from "../shard-readers.js";
import { keptFrom, type PushChain, processingOf, type SegmentPushHost } from "./push-chain.js";
import type { Subscription } from "./subscription.js";

/**
 * The pushes of a segment run, from the reader's position on, that carry whole kept runs within
 * the connection's balance and the application's `maxInFlight`, up to `untilUs`: the common
 * case of a reader keeping up, accounted exactly as `pushSlices` (efo/segment-push.ts) would,
 * without its slicing and pacing, and with counters and readings summed over the pushes of a
 * metrics interval (the same totals, series buckets and maxima). Each push's batch processing
 * time is drawn and a KCL application's checkpoint rule run as `pushSlices` does, in the same
 * order; nothing they read is summed over the interval. Not while a narrator listens (it
 * hears of every push). Stops before any other push (a backlog, a shard's end), which
 * `pushSlices` makes. Returns the time of the last push made, if any.
 */
export function pushKeptRuns(
  host: SegmentPushHost,
  chain: PushChain,
  reader: ShardReader,
  subscription: Subscription,
  untilUs: number,
): number | undefined {
  const { context, settings, delivery, leases } = host;
  const { shard, cursor } = reader;
  const { bucket } = subscription;
  const appends = chain.appends;
  const delayUs = settings.propagationDelayUs;
  const maxRecords = settings.processing.maxInFlight;
  const { perRecord, perBatch } = settings.processing;
  // A batch that cannot take time needs no draw (pushSlices makes none for it either).
  const batchesTakeTime = takesTime(perRecord) || takesTime(perBatch);
  let i = appends.indexOf(cursor.seq);
  if (i < 0 || appends.firstSeqAt(i) !== cursor.seq || shard.status === "CLOSED") {
    return undefined;
  }
  // Counters and readings are summed over the pushes of one metrics interval: the same
  // totals, series buckets and maxima as push by push.
  const resolutionUs = context.metricsResolutionUs;
  let intervalEndUs = -1;
  let intervalAtUs = 0;
  let fromSeq = cursor.seq;
  let records = 0;
  let bytes = 0;
  let readings = 0;
  let maxBehindUs = 0;
  /** The oldest unread record's age just before each push (the age drops at a push). */
  let maxUnreadAgeUs = 0;
  const account = () => {
    if (readings === 0) return;
    delivery.received(reader, intervalAtUs, fromSeq, records, bytes);
    delivery.lagReading(intervalAtUs, maxBehindUs / 1000, readings);
    delivery.unreadAge.observe(reader, intervalAtUs, maxUnreadAgeUs);
  };
  let lastUs: number | undefined;
  const end = appends.end;
  while (i < end) {
    const atUs = Math.max(
      appends.acceptedAt(i) + delayUs,
      chain.notBeforeUs,
      subscription.busyUntilUs,
      bucket.readyAtUs(0),
    );
    if (atUs > untilUs) break;
    // The push carries every run visible at atUs, if they fit the balance and maxInFlight.
    const visibleUpToUs = atUs - delayUs;
    let next = i;
    let pushRecords = 0;
    let pushBytes = 0;
    while (next < end && appends.acceptedAt(next) <= visibleUpToUs) {
      pushRecords += appends.countAt(next);
      pushBytes += appends.bytesAt(next);
      next++;
    }
    if (pushBytes > Math.max(0, bucket.available(atUs)) || pushRecords > maxRecords) break;
    if (atUs >= intervalEndUs) {
      account();
      intervalEndUs = (Math.floor(atUs / resolutionUs) + 1) * resolutionUs;
      intervalAtUs = atUs;
      fromSeq = cursor.seq;
      records = 0;
      bytes = 0;
      readings = 0;
      maxBehindUs = 0;
      maxUnreadAgeUs = 0;
    }
    // The oldest unread record is the first of run i, accepted when its run was (the log,
    // which merges runs, would interpolate it), as the ages between moves take it too
    // (UnreadAge.acceptedAtUs): the same figure the push-by-push path records.
    const unreadAgeUs = atUs - appends.acceptedAt(i);
    if (unreadAgeUs > maxUnreadAgeUs) maxUnreadAgeUs = unreadAgeUs;
    for (let run = i; run < next; run++) {
      // Every record arrives with the push (as recordPushedSlice finds when all fit).
      chain.spreads.add(
        atUs - appends.lastCreatedAt(run),
        atUs - appends.firstCreatedAt(run),
        appends.countAt(run),
      );
    }
    cursor.seq += pushRecords;
    bucket.take(atUs, pushBytes);
    // The batch's processing time and a KCL application's checkpoint rule, as pushSlices has
    // them (the same draws in the same order; nothing they read is summed over the interval).
    const busyUs = batchesTakeTime
      ? batchProcessingUs(processingOf(host, chain), pushRecords, perRecord, perBatch)
      : 0;
    leases?.afterProcessing(reader, pushRecords, pushBytes, false, busyUs, atUs);
    records += pushRecords;
    bytes += pushBytes;
    readings++;
    const behindUs =
      next < end && appends.acceptedAt(next) <= atUs ? atUs - appends.acceptedAt(next) : 0;
    if (behindUs > maxBehindUs) maxBehindUs = behindUs;
    subscription.busyUntilUs = atUs + busyUs;
    chain.notBeforeUs = atUs + 1;
    lastUs = atUs;
    i = next;
  }
  account();
  appends.forgetBefore(keptFrom(reader));
  return lastUs;
}

/** Whether a processing-time distribution can take any time (a fixed 0 cannot). */
function takesTime(d: DurationDistribution): boolean {
  return !(d.distribution === "fixed" && d.us === 0);
}
