import * as z from "zod";
import { type LimitsOverrides, PROFILES } from "../../../models/limits/profile.js";
import { int } from "../../format/number-format.js";
import { MAX_SIMULATED_SHARDS } from "./magnitude-bounds.js";
import { duration, expect, integer, positiveNumber, size } from "./schema-fields.js";

/** `limits:` every limits-profile field a file may override, with its description. */
export const DESCRIPTION_OF_LIMITS: Record<keyof LimitsOverrides, string> = {
  shardWriteBytesPerSecond: "Per-shard write bytes per second (size, e.g. 1MiB).",
  shardWriteRecordsPerSecond: "Per-shard write records per second.",
  ingressBucketDepthSeconds: "Ingress token-bucket depth, in seconds of capacity.",
  largeRecordBurstBytes:
    "Byte-bucket depth of a shard whose stream takes records above 1 MiB (stream.maxRecordSize) (size).",
  putRecordsMaxRecords: "Most records in one PutRecords request.",
  putRecordsMaxBytes: "Most bytes in one PutRecords request (size).",
  maxRecordBytes:
    "Largest record, data plus partition key, unless stream.maxRecordSize sets it (size).",
  updateMaxRecordSizeMinBytes: "Smallest stream.maxRecordSize UpdateMaxRecordSize accepts (size).",
  updateMaxRecordSizeMaxBytes: "Largest stream.maxRecordSize UpdateMaxRecordSize accepts (size).",
  partitionKeyMaxChars: "Longest partition key, in characters.",
  shardReadBytesPerSecond: "Per-shard read bytes per second shared by polling consumers (size).",
  shardReadCallsPerSecond: "GetRecords calls per second per shard, all consumers together.",
  shardReadRecordsPerSecond:
    "Per-shard read records per second shared by polling consumers (Kinesis records).",
  shardReadRecordsBucketDepthSeconds:
    "Read records bucket depth, in seconds of capacity (a read may overdraw it).",
  getRecordsMaxRecords: "Most records one GetRecords call returns.",
  getRecordsMaxBytes: "Most bytes one GetRecords call returns (size).",
  getRecordsVisibilityDelayUs:
    "Delay before an accepted record is visible to GetRecords (duration, may be 0).",
  getRecordsResponseTimeUs:
    "Mean time from a GetRecords call to its response reaching the application (duration, may be 0).",
  getRecordsResponseSpread:
    "Each GetRecords response time is uniform within ± this fraction of the mean (0 to 1).",
  getShardIteratorCallsPerSecond: "GetShardIterator calls per second per shard, all consumers.",
  shardIteratorLifetimeUs: "How long a shard iterator stays valid after it is returned (duration).",
  efoBytesPerSecond: "Enhanced fan-out push throughput per consumer per shard (size).",
  efoMaxConsumersPerStream: "Enhanced fan-out consumers a stream may register.",
  efoPropagationDelayUs: "Enhanced fan-out: delay from acceptance to push (duration).",
  efoSubscriptionUs: "Enhanced fan-out: how long a SubscribeToShard connection lasts (duration).",
  efoResubscribeGapUs:
    "Enhanced fan-out: pause while a subscription is renewed (duration, may be 0).",
  efoSubscribeCallsPerSecond: "SubscribeToShard calls per second per consumer per shard.",
  efoResubscribeMinIntervalUs:
    "SubscribeToShard again within this long of a successful call is refused (duration, may be 0).",
  retentionDefaultUs: "Retention when stream.retention is not given (duration).",
  retentionMinUs: "Shortest allowed retention (duration).",
  retentionMaxUs: "Longest allowed retention (duration).",
  priceShardHourUsd: "Provisioned shard-hour price in USD.",
  pricePutPayloadUnitsPerMillionUsd: "USD per million PUT payload units.",
  putPayloadUnitBytes: "Size of one PUT payload unit (size).",
  priceExtendedRetentionShardHourUsd: "Extended-retention price per shard-hour in USD.",
  maxShardsPerStream: "Most shards a stream may have.",
  updateShardCountPer24h: "UpdateShardCount calls allowed per rolling 24 hours.",
  updateShardCountMaxFactor: "UpdateShardCount target at most this multiple of the open shards.",
  updateShardCountMinFactor: "UpdateShardCount target at least this fraction of the open shards.",
  splitMergeMinDelayUs: "Shortest time a split or merge keeps the stream UPDATING (duration).",
  splitMergeMaxDelayUs: "Longest time a split or merge keeps the stream UPDATING (duration).",
  updateShardCountMinDelayUs:
    "Shortest time UpdateShardCount keeps the stream UPDATING (duration).",
  updateShardCountMaxDelayUs: "Longest time UpdateShardCount keeps the stream UPDATING (duration).",
  updateShardCountUnevenDelayFactor:
    "Delay factor for an UpdateShardCount target that is not a multiple of 25 %.",
  onDemandInitialShards: "Shards of a new on-demand stream.",
  onDemandSplitBytesPerSecond:
    "On-demand: a shard writing more than this per second is split (size).",
  onDemandEvaluationUs: "On-demand: window over which shard write rates are measured (duration).",
  onDemandSplitMaxDelayUs:
    "On-demand: longest delay from deciding a split to the split (duration).",
  onDemandMaxWriteBytesPerSecond: "On-demand: most write bytes per second of a stream (size).",
  onDemandScaleDownBytesPerSecond:
    "On-demand: adjacent shards both below this write rate may be merged (size).",
  onDemandSplitRecordsPerSecond:
    "On-demand: a shard writing more records than this per second is split (assumed, not published).",
  onDemandPeakMemoryUs:
    "On-demand: how long the peak write rate is remembered; scale-down keeps room for twice it (duration).",
  onDemandScaleDownRecordsPerSecond:
    "On-demand: adjacent shards both below this many records per second may be merged.",
  onDemandScaleDownAfterUs:
    "On-demand: how long both must stay below the scale-down rates (duration).",
  onDemandAdvantageEfoMaxConsumersPerStream:
    "On-demand Advantage: enhanced fan-out consumers a stream may register.",
  priceLongTermRetentionGbMonthUsd: "Long-term retention (beyond 7 days) per GB-month in USD.",
  priceEfoConsumerShardHourUsd: "Enhanced fan-out per consumer-shard-hour in USD.",
  priceEfoGbUsd: "Enhanced fan-out data per GB in USD.",
  priceOnDemandStreamHourUsd: "On-demand stream-hour in USD.",
  priceOnDemandInGbUsd: "On-demand data in per GB in USD.",
  onDemandInRoundingBytes: "On-demand ingest rounds each record up to this size (size).",
  priceOnDemandOutGbUsd: "On-demand data out per GB in USD.",
  priceOnDemandEfoOutGbUsd: "On-demand enhanced fan-out data out per GB in USD.",
  priceOnDemandExtendedRetentionGbMonthUsd: "On-demand extended retention per GB-month in USD.",
  priceOnDemandAdvantageInGbUsd: "On-demand Advantage data in per GB in USD (assumed).",
  priceOnDemandAdvantageOutGbUsd: "On-demand Advantage data out per GB in USD (assumed).",
  priceOnDemandAdvantageEfoOutGbUsd:
    "On-demand Advantage enhanced fan-out data out per GB in USD (assumed).",
  priceOnDemandAdvantageExtendedRetentionGbMonthUsd:
    "On-demand Advantage extended retention per GB-month in USD (assumed).",
  hoursPerMonth:
    "Hours in a month, for every monthly figure (730: the AWS Pricing Calculator's month; 720 reproduces AWS's 30-day pricing examples).",
};

/** Field kinds follow their names: `…Us` durations, `…Bytes…` sizes, anything else numbers. */
export function limitField(key: string) {
  if (key.endsWith("Us")) {
    return duration(
      key !== "getRecordsVisibilityDelayUs" &&
        key !== "getRecordsResponseTimeUs" &&
        key !== "efoResubscribeGapUs" &&
        key !== "efoResubscribeMinIntervalUs",
    );
  }
  if (key.endsWith("Spread")) {
    const message = expect("a number between 0 and 1");
    return z.number(message).min(0, message).max(1, message);
  }
  if (key === "maxShardsPerStream") {
    const message = expect(
      `an integer between 1 and ${int(MAX_SIMULATED_SHARDS)} (each simulated shard holds memory; AWS allows 10,000, kinesis-facts.md §5)`,
    );
    return z.number(message).int(message).min(1, message).max(MAX_SIMULATED_SHARDS, message);
  }
  if (key.includes("Bytes")) {
    return size().refine((bytes) => bytes > 0, expect("a size above 0"));
  }
  if (
    key.endsWith("MaxRecords") ||
    key.endsWith("MaxChars") ||
    key.endsWith("Shards") ||
    key.endsWith("PerStream") ||
    key.endsWith("ConsumersPerStream") ||
    key.endsWith("Per24h")
  ) {
    return integer(1);
  }
  return positiveNumber();
}

/** The `limits:` mapping's fields. */
export const limitsShape = Object.fromEntries(
  Object.entries(DESCRIPTION_OF_LIMITS).map(([key, description]) => [
    key,
    limitField(key).optional().describe(description),
  ]),
) as unknown as Record<keyof LimitsOverrides, z.ZodOptional<z.ZodType<number, unknown>>>;

export const profileNames = Object.keys(PROFILES) as [string, ...string[]];
