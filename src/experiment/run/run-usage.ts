import type { ConsumerApplication } from "../../../models/consumers/consumer-application.js";
import { LONG_TERM_RETENTION_AFTER_HOURS } from "../../../models/cost/billing-units.js";
import type { RunUsage } from "../../../models/cost/run-cost.js";
import { storedGbHoursBeyondAge } from "../../../models/cost/stored-data.js";
import type { LimitsProfile } from "../../../models/limits/profile.js";
import type { KinesisStream } from "../../../models/stream/kinesis-stream.js";
import { US_PER_HOUR } from "../../engine/time-units.js";
import type { ExperimentConfig } from "../config/config-types.js";

/**
 * What a run used, in the units Kinesis bills (kinesis-facts.md §11): shard-hours for every shard
 * while it was open (short-lived resharding shards included), PUT payload units, on-demand
 * rounded Data-In bytes, bytes read, and data stored past the retention tiers' ages.
 */
export function measureUsage(
  config: ExperimentConfig,
  profile: LimitsProfile,
  stream: KinesisStream,
  consumers: readonly ConsumerApplication[],
): RunUsage {
  let shardHours = 0;
  let putPayloadUnits = 0;
  let bytesIn = 0;
  let onDemandBilledBytesIn = 0;
  let storedGbHoursBeyond24h = 0;
  let storedGbHoursBeyond7d = 0;
  for (const shard of stream.shards) {
    const metrics = shard.metrics;
    shardHours += ((shard.closedAtUs ?? config.durationUs) - shard.openedAtUs) / US_PER_HOUR;
    putPayloadUnits += metrics.putPayloadUnits;
    bytesIn += metrics.bytesIn;
    onDemandBilledBytesIn += metrics.onDemandBilledBytes;
    const storedBeyond = (ageUs: number) =>
      storedGbHoursBeyondAge({
        bytesPerInterval: metrics.incomingBytes.values,
        resolutionUs: metrics.incomingBytes.resolutionUs,
        durationUs: config.durationUs,
        retentionUs: config.stream.retentionUs,
        ageUs,
      });
    storedGbHoursBeyond24h += storedBeyond(profile.retentionDefaultUs);
    storedGbHoursBeyond7d += storedBeyond(LONG_TERM_RETENTION_AFTER_HOURS * US_PER_HOUR);
  }
  let pollingBytesOut = 0;
  let efoBytesOut = 0;
  for (const consumer of consumers) {
    if (consumer.settings.mode === "efo") efoBytesOut += consumer.delivery.stats.bytesDelivered;
    else pollingBytesOut += consumer.delivery.stats.bytesDelivered;
  }
  // Every registered enhanced fan-out consumer is billed for every shard while it is open.
  const efoConsumers = consumers.filter((consumer) => consumer.settings.mode === "efo").length;
  return {
    mode: config.stream.mode,
    durationHours: config.durationUs / US_PER_HOUR,
    shardHours,
    putPayloadUnits,
    bytesIn,
    onDemandBilledBytesIn,
    pollingBytesOut,
    efoBytesOut,
    efoConsumerShardHours: efoConsumers * shardHours,
    retentionHours: config.stream.retentionUs / US_PER_HOUR,
    storedGbHoursBeyond24h,
    storedGbHoursBeyond7d,
  };
}
