import type {
  NarrationEvent,
  PutEvent,
  PutShardOutcome,
  ShardCounts,
  WriteLimit,
} from "../../models/narration/narration-events.js";
import type { OperationRequest } from "../../models/stream/operation-request.js";
import { formatBytes } from "../experiment/config/units.js";
import { int } from "../format/number-format.js";

/**
 * Plain-words sentences for narration events (`kinesim explain`, and the playground). Pure
 * and locale-free: the same event always reads the same. Times of day are not included
 * (the caller prints them in a column) except inside a sentence, as `t=1.234 s`.
 */
export function describeEvent(event: NarrationEvent): string {
  switch (event.kind) {
    case "put":
      return describePut(event);
    case "kpl-held":
      return `${event.producer} (KPL) holds back ${records(event.records)} for ${event.shardId}: its own limiter (RateLimit ${int(event.rateLimitPercent)} % of the shard's limits) is used up; they go out with the next retry`;
    case "kpl-expired":
      return `${event.producer} (KPL) fails ${records(event.records)} for ${event.shardId} as Expired: they waited longer than RecordTtl (${duration(event.recordTtlUs)})`;
    case "retry":
      return `${event.producer} retries ${records(event.records)}${forShards(event.byShard)} (attempt ${event.attempt}, after ${duration(event.backoffUs)} backoff)`;
    case "drop":
      if (event.why === "oversize") {
        const limit = event.maxRecordBytes ?? 0;
        return `${event.producer} drops ${records(event.records)}${forShards(event.byShard)} without sending: ${event.bytes === undefined ? "larger" : `${int(event.bytes)} B with its partition key is larger`} than the stream's maximum record size (${bytes(limit, true)}, ${int(limit)} B), which Kinesis refuses with a ValidationException, not a throttle; lost`;
      }
      return `${event.producer} drops ${records(event.records)}${forShards(event.byShard)} after ${event.attempts === 1 ? "1 attempt" : `${int(event.attempts)} attempts`} (${event.why === "retries" ? "out of retries" : "the KPL's FailIfThrottled"}): lost`;
    case "get-records":
      return `${event.consumer} GetRecords ${event.shardId} → ${
        event.records === 0 ? "no new records" : `${records(event.records)} (${bytes(event.bytes)})`
      }, MillisBehindLatest ${int(event.millisBehindLatest)} ms${shardEnd(event.shardEnded)}`;
    case "read-throttled":
      return `${event.consumer} GetRecords ${event.shardId} throttled (ReadProvisionedThroughputExceeded): ${
        event.limit === "calls"
          ? `the shard's ${int(event.perSecond)} calls/s are used up`
          : `the shard's ${event.limit === "bytes" ? `${bytes(event.perSecond, true)}/s` : `${int(event.perSecond)} records/s`} read limit is still paying for earlier reads until ${clockTime(event.blockedUntilUs ?? event.atUs)}`
      }, shared by every polling application; retry in ${duration(event.retryInUs)}`;
    case "shard-iterator":
      return event.what === "expired"
        ? `${event.consumer} ${event.shardId}: its shard iterator expired (ExpiredIteratorException: unused for more than ${duration(event.lifetimeUs ?? 0)}); it gets a new one with GetShardIterator`
        : `${event.consumer} GetShardIterator ${event.shardId} throttled: the shard's ${int(event.perSecond ?? 0)} calls/s are used up; retry in ${duration(event.retryInUs ?? 0)}`;
    case "subscribe-rejected":
      return `${event.consumer} SubscribeToShard ${event.shardId} refused (ResourceInUseException): less than ${duration(event.minIntervalUs)} after its last successful call; retry in ${duration(event.retryInUs)}`;
    case "efo-push":
      return `${event.consumer} ← SubscribeToShard push from ${event.shardId}: ${records(event.records)} (${bytes(event.bytes)}), MillisBehindLatest ${int(event.millisBehindLatest)} ms${shardEnd(event.shardEnded)}`;
    case "lease":
      return describeLease(event);
    case "worker":
      return event.action === "stopped"
        ? `${event.consumer} worker ${event.worker} stops; ${
            event.leases === 0
              ? "it held no lease"
              : `its ${event.leases === 1 ? "lease expires" : `${int(event.leases)} leases expire`} after ${duration(event.failoverUs)} without renewal (failoverTime), then other workers take ${event.leases === 1 ? "it" : "them"}`
          }`
        : `${event.consumer} worker ${event.worker} starts, holding no lease`;
    case "consumer":
      return event.action === "stopped"
        ? `${event.consumer} stops reading; started again before its shard iterators expire, it goes on where it was`
        : event.restartedFrom === undefined
          ? `${event.consumer} starts reading again from where it stopped`
          : `${event.consumer} starts again after its iterators expired: it goes on ${restartWords(event.restartedFrom)}`;
    case "reshard-requested":
      return `${origin(event.origin)}${operation(event.request)} requested → stream UPDATING for ${duration(event.updatingForUs)}`;
    case "reshard-rejected":
      return `${origin(event.origin)}${operation(event.request)} rejected with ${event.error}: ${event.reason}`;
    case "reshard-step":
      return `UpdateShardCount step: ${shardChange(event.closed, event.opened)}`;
    case "reshard-completed":
      return `${origin(event.origin)}${operation(event.request)} completed${
        event.atUs > event.requestedAtUs
          ? ` after ${duration(event.atUs - event.requestedAtUs)}`
          : ""
      }: ${shardChange(event.closed, event.opened)}; stream ACTIVE`;
    case "retention-expired":
      return `retention (${duration(event.retentionUs)}) trims ${records(event.records)} from ${event.shardId}; ${int(event.unread)} of them never read by some application: lost to it`;
  }
}

function describePut(event: PutEvent): string {
  const { producer, shards } = event;
  const attempt = event.attempt > 1 ? `, attempt ${event.attempt}` : "";
  const only = shards.length === 1 ? shards[0] : undefined;
  if (only !== undefined) {
    const sent = putCall(event, only.records, only.bytes, only.kinesisRecords);
    return `${producer} → ${sent}${attempt} → ${only.shardId} ${shardOutcome(only, event.kpl)}`;
  }
  let accepted = 0;
  let kinesisRecords = 0;
  for (const shard of shards) {
    accepted += shard.accepted;
    kinesisRecords += shard.kinesisRecords ?? shard.records;
  }
  const sent = putCall(event, event.records, event.bytes, kinesisRecords);
  const head = `${producer} → ${sent}${attempt} → ${int(shards.length)} shards`;
  const throttled = shards.filter((shard) => shard.throttled > 0);
  if (throttled.length === 0) return `${head}, all accepted`;
  const why = (shard: PutShardOutcome) =>
    shard.refusedBy.map((limit) => refusal(limit, event.kpl)).join(" and ");
  const first = throttled[0] as PutShardOutcome;
  const detail =
    throttled.length === 1
      ? ` on ${first.shardId}: ${why(first)}`
      : `: ${throttled.map((shard) => `${int(shard.throttled)} on ${shard.shardId} (${why(shard)})`).join("; ")}`;
  return `${head}: accepted ${int(accepted)}, throttled ${int(event.records - accepted)}${detail}`;
}

/** The call: `PutRecords 37 records (38 KB)`, `3 PutRecord calls (3.0 KB)`, a KPL flush. */
function putCall(
  event: PutEvent,
  count: number,
  size: number,
  kinesisRecords: number | undefined,
): string {
  // Narrowed to one shard (`--shard`): say how much of the call it was.
  const of = count < event.records ? ` of ${int(event.records)}` : "";
  if (event.kpl) {
    const user = count === 1 && of === "" ? "user record" : "user records";
    return `PutRecords (KPL) ${int(count)}${of} ${user} in ${int(kinesisRecords ?? count)} aggregated (${bytes(size)})`;
  }
  if (event.api === "PutRecord" && event.records > 1) {
    return `${int(count)}${of} PutRecord calls (${bytes(size)})`;
  }
  return `${event.api} ${of === "" ? records(count) : `${int(count)}${of} records`} (${bytes(size)})`;
}

/** One shard's answer: `all accepted`, `accepted 30, throttled 7: the records bucket …`. */
function shardOutcome(shard: PutShardOutcome, kpl: boolean): string {
  if (shard.throttled === 0) return shard.records === 1 ? "accepted" : "all accepted";
  const refused = shard.refusedBy.map((limit) => refusal(limit, kpl)).join(" and ");
  if (shard.accepted > 0) {
    return `accepted ${int(shard.accepted)}, throttled ${int(shard.throttled)}: ${refused}`;
  }
  return `${shard.records === 1 ? "throttled" : `all ${int(shard.throttled)} throttled`}: ${refused}`;
}

/** Why a shard refused writes, in the terms of the limiter the run uses. */
function refusal(limit: WriteLimit, kpl: boolean): string {
  const amount =
    limit.limit === "records" ? `${int(limit.perSecond)} records` : bytes(limit.perSecond, true);
  // The records limit counts Kinesis records: aggregated user records share one.
  const counted = kpl && limit.limit === "records" ? ", counting aggregated records" : "";
  return limit.shape === "bucket"
    ? `the ${limit.limit} bucket is empty (${amount}/s${counted})`
    : `this second's ${amount} ${limit.limit === "records" ? "are" : "is"} used up${counted}`;
}

function describeLease(event: Extract<NarrationEvent, { kind: "lease" }>): string {
  const { consumer, shardId, worker, previousWorker } = event;
  switch (event.how) {
    case "taken":
      return `${consumer} worker ${worker} takes the lease of ${shardId} (unowned) and reads from its checkpoint`;
    case "expired":
      return `${consumer} worker ${worker} takes the lease of ${shardId} from worker ${previousWorker}, which stopped renewing it; reading resumes at the checkpoint (records after it come again)`;
    case "stolen":
      return `${consumer} worker ${worker} steals the lease of ${shardId} from worker ${previousWorker} to even out the load`;
    case "handed-off":
      return `${consumer} worker ${worker} takes over ${shardId} from worker ${previousWorker}, which finished its batch and checkpointed first (the leader's rebalancing; nothing comes again)`;
    case "rebalanced":
      return `${consumer} worker ${worker} takes over ${shardId} from worker ${previousWorker} (the leader's rebalancing, without a final checkpoint); reading resumes at the checkpoint`;
    case "finished":
      return `${consumer} worker ${previousWorker} releases the lease of ${shardId}: the closed shard is read to its end`;
  }
}

function operation(request: OperationRequest): string {
  switch (request.kind) {
    case "split":
      return `split of ${request.shardId}`;
    case "merge":
      return `merge of ${request.shardIds[0]} and ${request.shardIds[1]}`;
    case "updateShardCount":
      return `UpdateShardCount to ${int(request.target)} shards`;
  }
}

function origin(name: string): string {
  return name === "events" ? "" : `${name}: `;
}

function shardChange(closed: readonly string[], opened: readonly string[]): string {
  return `${list(closed)} closed, ${list(opened)} open${opened.length === 1 ? "s" : ""}`;
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function shardEnd(ended: boolean): string {
  return ended ? "; the closed shard is read to its end, its children come next" : "";
}

function forShards(byShard: ShardCounts): string {
  const ids = Object.keys(byShard);
  if (ids.length === 0) return "";
  return ids.length === 1 ? ` for ${ids[0]}` : ` for ${ids.length} shards`;
}

function records(count: number): string {
  return count === 1 ? "1 record" : `${int(count)} records`;
}

/**
 * A byte count for reading: B, then KB, MB, GB (powers of 1,000, as experiment files count
 * them) with one decimal below 10. `exact` prints limits as written (1 MiB, 2 MiB).
 */
export function bytes(n: number, exact = false): string {
  if (exact) return formatBytes(n);
  const units: [number, string][] = [
    [1e9, "GB"],
    [1e6, "MB"],
    [1e3, "KB"],
  ];
  for (const [size, unit] of units) {
    if (n >= size) {
      const value = n / size;
      return `${value < 10 ? value.toFixed(1) : int(value)} ${unit}`;
    }
  }
  return `${int(n)} B`;
}

/** A simulated instant as `t=1.234 s`: whole milliseconds, truncated, never rounded up past. */
export function clockTime(atUs: number): string {
  return `t=${secondsText(atUs)} s`;
}

/** Seconds with three decimals (thousands separators in the whole part), from microseconds. */
export function secondsText(us: number): string {
  const wholeMs = Math.floor(us / 1000);
  return `${int(Math.floor(wholeMs / 1000))}.${String(wholeMs % 1000).padStart(3, "0")}`;
}

/** A duration for reading: whole ms below a second, then seconds (3 decimals at most), min, h. */
export function duration(us: number): string {
  if (us < 1_000_000) return `${int(us / 1000)} ms`;
  if (us < 120_000_000) return `${Number((us / 1e6).toFixed(3))} s`;
  if (us < 7_200_000_000) return `${Number((us / 6e7).toFixed(1))} min`;
  return `${Number((us / 3.6e9).toFixed(1))} h`;
}

/** Where a restarted application goes on, in words. */
function restartWords(from: string): string {
  switch (from) {
    case "checkpoint":
      return "from its checkpoints";
    case "lastRecord":
      return "after the last record it received in each shard";
    default:
      return `at ${from} (it keeps no position)`;
  }
}
