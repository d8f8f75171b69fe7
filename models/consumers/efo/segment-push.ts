import { US_PER_SECOND } from "../../../src/engine/time-units.js";
import { creationSubSpan, spanOfEvenlySpaced } from "../../shards/segment.js";
import type { LogSlice } from "../../shards/shard-log.js";
import { batchProcessingUs } from "../processing-time.js";
import type { ShardReader } from "../shard-readers.js";
import {
  acceptedAtUs,
  keptFrom,
  type PushChain,
  processingOf,
  type SegmentPushHost,
} from "./push-chain.js";
import { recordPushedSlice } from "./push-receipts.js";
import type { Subscription } from "./subscription.js";

/**
 * The longest a push paced by the connection's 2 MiB/s (a backlog) stands for: its records
 * arrive over at most this long, and MillisBehindLatest is read at least this often.
 */
const LONGEST_PUSH_US = 100_000;

/**
 * One push at `atUs` in a segment run (efo/segment-pushes.ts): the records visible then, from
 * the reader's position, at most `maxInFlight` of them, and as many bytes as the connection's
 * balance and the next `LONGEST_PUSH_US` of its 2 MiB/s pay for (not beyond `untilUs`, nor
 * past the end of the metrics interval, so that each interval's outgoing bytes stay in it).
 * The runs kept with their own times (efo/pending-appends.ts) are carried as they are, sliced
 * where a limit falls; older records come from the log. Then what a push does: counters, the
 * shard's outgoing series, MillisBehindLatest, the batch's processing time (and the KCL's
 * checkpoint rule after it), and the shard's end if this push carried it.
 */
export function pushSlices(
  host: SegmentPushHost,
  chain: PushChain,
  reader: ShardReader,
  subscription: Subscription,
  atUs: number,
  untilUs: number,
): void {
  const { context, settings, delivery } = host;
  const { shard, cursor } = reader;
  const { bucket } = subscription;
  const tokens = Math.max(0, bucket.available(atUs));
  const resolutionUs = context.metricsResolutionUs;
  const intervalEndUs = (Math.floor(atUs / resolutionUs) + 1) * resolutionUs;
  const spanUs = Math.min(LONGEST_PUSH_US, untilUs - atUs, intervalEndUs - atUs);
  const budget = tokens + (spanUs * bucket.ratePerSecond) / US_PER_SECOND;
  const visibleUpToUs = atUs - settings.propagationDelayUs;
  const pacing = { atUs, tokens, bytesPerSecond: bucket.ratePerSecond };
  const maxRecords = settings.processing.maxInFlight;
  const latency = delivery.latency;
  const fromSeq = cursor.seq;
  let records = 0;
  let bytes = 0;
  // The first record that does not arrive with the push itself (a paced push), if any.
  let pacedFromSeq: number | undefined;
  const appends = chain.appends;
  // Records older than the runs kept (a backlog, a replay) come from the log.
  const keptFromSeq = appends.firstSeq ?? shard.log.nextSeq;
  if (cursor.seq < keptFromSeq) {
    cursor.seq = shard.log.read(
      cursor.seq,
      Math.min(maxRecords, keptFromSeq - cursor.seq),
      Math.floor(budget),
      visibleUpToUs,
      Number.POSITIVE_INFINITY,
      (slice: LogSlice) => {
        const { count } = slice;
        // The log gives its records' creation times: the span they are even quantiles of.
        const span = spanOfEvenlySpaced(slice.firstCreatedUs, slice.lastCreatedUs, count);
        const withPush = recordPushedSlice(
          latency,
          count,
          slice.bytes,
          span.firstCreatedUs,
          span.lastCreatedUs,
          bytes,
          pacing,
          chain.spreads,
        );
        if (pacedFromSeq === undefined && withPush < count) {
          pacedFromSeq = slice.firstSeq + withPush;
        }
        records += count;
        bytes += slice.bytes;
      },
    );
  }
  if (cursor.seq >= keptFromSeq) {
    for (let i = appends.indexOf(cursor.seq); i >= 0 && i < appends.end; i++) {
      if (records >= maxRecords || appends.acceptedAt(i) > visibleUpToUs) break;
      const runCount = appends.countAt(i);
      const offset = cursor.seq - appends.firstSeqAt(i);
      const available = runCount - offset;
      const perRecord = appends.bytesAt(i) / runCount;
      let count = Math.min(available, maxRecords - records);
      if (perRecord > 0) {
        const byBytes = Math.floor((budget - bytes) / perRecord + 1e-9);
        // The first record of a push goes whatever its size, as in a record-level push.
        count = Math.min(count, records === 0 ? Math.max(1, byBytes) : byBytes);
      }
      if (count <= 0) break;
      const sliceBytes = Math.round(perRecord * (offset + count)) - Math.round(perRecord * offset);
      const span = creationSubSpan(
        appends.firstCreatedAt(i),
        appends.lastCreatedAt(i),
        offset,
        offset + count,
        runCount,
      );
      const withPush = recordPushedSlice(
        latency,
        count,
        sliceBytes,
        span.firstCreatedUs,
        span.lastCreatedUs,
        bytes,
        pacing,
        chain.spreads,
      );
      if (pacedFromSeq === undefined && withPush < count) pacedFromSeq = cursor.seq + withPush;
      records += count;
      bytes += sliceBytes;
      cursor.seq += count;
      if (count < available) break;
    }
  }
  chain.appends.forgetBefore(keptFrom(reader));
  bucket.take(atUs, bytes);
  delivery.received(reader, atUs, fromSeq, records, bytes);
  // MillisBehindLatest when the push arrives: the age of the first record it did not bring
  // then (0 when that record was accepted later, as it is for a reader keeping up).
  const behindSeq = pacedFromSeq ?? cursor.seq;
  const behindMs =
    behindSeq < shard.log.nextSeq ? Math.max(0, atUs - acceptedAtUs(chain, behindSeq)) / 1000 : 0;
  delivery.lagReading(atUs, behindMs);
  const shardEnded =
    shard.status === "CLOSED" &&
    (shard.closedAtUs as number) <= atUs &&
    cursor.seq === shard.log.nextSeq;
  const narrator = context.narrator;
  if (narrator !== undefined && (records > 0 || shardEnded)) {
    narrator.note({
      kind: "efo-push",
      atUs,
      consumer: settings.name,
      shardId: shard.shardId,
      records,
      bytes,
      millisBehindLatest: behindMs,
      shardEnded,
    });
  }
  const { perRecord, perBatch } = settings.processing;
  const leases = host.leases;
  // As for record-level pushes: without the KCL, the last batch of a closed shard needs no
  // processing time (nothing waits for it).
  const busyUs =
    records > 0 && (!shardEnded || leases !== undefined)
      ? batchProcessingUs(processingOf(host, chain), records, perRecord, perBatch)
      : 0;
  leases?.afterProcessing(reader, records, bytes, shardEnded, busyUs, atUs);
  subscription.busyUntilUs = atUs + busyUs;
  chain.notBeforeUs = atUs + 1;
  if (shardEnded) host.shardEnded(reader);
}
