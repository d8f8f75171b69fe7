import { KPL_COLLECTION_MAX_COUNT } from "../../../models/producers/kpl/kpl-settings.js";
import { longestKeyBytes } from "../../../models/workload/keys/longest-key.js";
import type { KeysConfig, ProducerConfig } from "./config-types.js";
import type { FinalizeContext, ParsedProducer, Path } from "./finalize-context.js";
import { finalizeKeys } from "./finalize-keys.js";
import { finalizeRecordSize } from "./finalize-record-size.js";
import { replayCloudWatch, replayRecordTrace } from "./finalize-trace.js";
import { failAt as fail } from "./format-error.js";
import { formatBytes } from "./units.js";

/** A `producers[]` entry checked against the profile: batching, keys, traffic, KPL. */
export function finalizeProducer(
  context: FinalizeContext,
  p: ParsedProducer,
  at: Path,
): ProducerConfig {
  const { profile, check } = context;
  const batchMaxRecords = p.batch.maxRecords ?? profile.putRecordsMaxRecords;
  check(
    batchMaxRecords <= profile.putRecordsMaxRecords,
    [...at, "batch", "maxRecords"],
    `an integer between 1 and ${profile.putRecordsMaxRecords}`,
  );
  const batchMaxBytes = p.batch.maxBytes ?? profile.putRecordsMaxBytes;
  check(
    batchMaxBytes >= 1 && batchMaxBytes <= profile.putRecordsMaxBytes,
    [...at, "batch", "maxBytes"],
    `a size between 1 B and ${formatBytes(profile.putRecordsMaxBytes)}`,
  );
  const keys = finalizeKeys(context, p.keys, [...at, "keys"]);
  const traffic = finalizeTraffic(context, p, at, keys);
  return {
    name: p.name,
    ...traffic,
    ...(p.bursts === undefined ? {} : { bursts: p.bursts }),
    api: p.api,
    batch: { maxRecords: batchMaxRecords, maxBytes: batchMaxBytes, lingerUs: p.batch.linger },
    retries: {
      max: p.retries.max,
      backoffUs: p.retries.backoff,
      maxBackoffUs: p.retries.maxBackoff,
    },
    ...(p.kpl === undefined
      ? {}
      : {
          kpl: {
            aggregation: p.kpl.aggregation,
            aggregationMaxCount: p.kpl.aggregationMaxCount,
            aggregationMaxSizeBytes: p.kpl.aggregationMaxSize,
            collectionMaxCount: collectionMaxCount(context, p, at),
            collectionMaxSizeBytes: p.kpl.collectionMaxSize,
            recordMaxBufferedTimeUs: p.kpl.recordMaxBufferedTime,
            recordTtlUs: p.kpl.recordTtl,
            rateLimitPercent: p.kpl.rateLimit,
            failIfThrottled: p.kpl.failIfThrottled,
            backoff: p.kpl.backoff,
          },
        }),
  };
}

/**
 * Where a producer's records come from: its rate, arrival, sizes and keys, or a replayed
 * trace or CloudWatch export in their place (then the settings it replaces are refused).
 */
function finalizeTraffic(
  context: FinalizeContext,
  p: ParsedProducer,
  at: Path,
  keys: KeysConfig,
): Pick<ProducerConfig, "rate" | "arrival" | "recordSize" | "keys" | "trace"> {
  const { profile, readTrace } = context;
  const refuse = (source: string, settings: readonly string[], because: string) => {
    for (const key of settings) {
      if (context.rawAt([...at, key]) !== undefined)
        fail([...at, key], `not with ${source}: ${because}`);
    }
  };
  if (p.trace !== undefined) {
    refuse(
      "trace",
      ["cloudwatch", "rate", "arrival", "recordSize", "keys", "bursts"],
      "the trace gives the times, keys and sizes",
    );
    return replayRecordTrace(p.trace, [...at, "trace"], readTrace, profile);
  }
  if (p.cloudwatch !== undefined) {
    refuse(
      "cloudwatch",
      ["rate", "arrival", "recordSize"],
      "the export gives the rate and sizes (cloudwatch.within sets the arrivals)",
    );
    return replayCloudWatch(p.cloudwatch, keys, [...at, "cloudwatch"], readTrace, profile);
  }
  if (p.rate === undefined) fail([...at, "rate"], "required (or give trace or cloudwatch)");
  return {
    rate: p.rate,
    arrival: p.arrival,
    recordSize: finalizeRecordSize(
      context,
      p.recordSize,
      [...at, "recordSize"],
      longestKeyBytes(keys),
    ),
    keys,
  };
}

/**
 * `kpl.collectionMaxCount`: the KPL's default, within the profile's PutRecords limit (the
 * default too, should a profile lower that limit below it).
 */
function collectionMaxCount(context: FinalizeContext, p: ParsedProducer, at: Path): number {
  const most = context.profile.putRecordsMaxRecords;
  const given = p.kpl?.collectionMaxCount;
  if (given === undefined) return Math.min(KPL_COLLECTION_MAX_COUNT, most);
  context.check(
    given <= most,
    [...at, "kpl", "collectionMaxCount"],
    `an integer between 1 and ${most} (limits.putRecordsMaxRecords)`,
  );
  return given;
}
