import * as z from "zod";
import { CAPACITY_MODES } from "../../../models/stream/capacity-mode.js";
import { duration, fraction, integer, size, strict } from "./schema-fields.js";

/** `stream.autoscaling`: a target-utilization policy calling UpdateShardCount. */
export const autoscalingSchema = strict({
  targetUtilization: fraction()
    .default(0.6)
    .describe("Utilization a scaling action aims for. Default 0.6."),
  scaleOutAbove: fraction()
    .default(0.8)
    .describe("Scale out when write utilization stays above this. Default 0.8."),
  scaleOutAfter: duration(true).prefault("3m").describe("… for this long (duration). Default 3m."),
  scaleInBelow: fraction()
    .default(0.3)
    .describe("Scale in when write utilization stays below this. Default 0.3."),
  scaleInAfter: duration(true).prefault("30m").describe("… for this long (duration). Default 30m."),
  evaluationInterval: duration(true)
    .prefault("1m")
    .describe("How often utilization is measured. Default 1m."),
  // Both are bounded by the profile's maxShardsPerStream, checked once `limits:` is applied
  // (finalize-stream.ts), as stream.shards is.
  minShards: integer(1)
    .default(1)
    .describe("Never fewer shards, 1 to the profile's maxShardsPerStream. Default 1."),
  maxShards: integer(1)
    .optional()
    .describe(
      "Never more shards, 1 to the profile's maxShardsPerStream. Default that maximum (10000 unless limits: changes it).",
    ),
  cooldown: duration(false)
    .prefault("1h")
    .describe("After a rejected request, wait this long. Default 1h."),
}).transform((a) => ({
  targetUtilization: a.targetUtilization,
  scaleOutAbove: a.scaleOutAbove,
  scaleOutAfterUs: a.scaleOutAfter,
  scaleInBelow: a.scaleInBelow,
  scaleInAfterUs: a.scaleInAfter,
  evaluationUs: a.evaluationInterval,
  minShards: a.minShards,
  maxShards: a.maxShards,
  cooldownUs: a.cooldown,
}));

/** `stream:` the stream's capacity mode, shards, retention and limiter. */
export const streamSchema = strict({
  mode: z
    .enum(CAPACITY_MODES)
    .default("provisioned")
    .describe(
      "Capacity mode: provisioned (you choose and change the shards), on-demand (On-demand Standard: the stream splits its shards as traffic grows and keeps room for twice its 30-day peak) or on-demand-advantage (the same scaling, On-demand Advantage prices, warm throughput, 50 enhanced fan-out consumers). Default provisioned.",
    ),
  // The upper bound is the profile's maxShardsPerStream, checked once `limits:` is applied
  // (finalize-stream.ts), so that raising the limit raises it.
  shards: integer(1)
    .optional()
    .describe(
      "Number of shards, 1 to the profile's maxShardsPerStream (10000 unless limits: raises it): required for provisioned; on-demand starts with the profile's 4 unless given.",
    ),
  warmThroughput: size()
    .optional()
    .describe(
      "on-demand-advantage only: write throughput the stream is scaled to from the start and never scaled below (size per second, e.g. 100MiB = 100 shards of 1 MiB/s).",
    ),
  autoscaling: autoscalingSchema
    .optional()
    .describe(
      "A target-utilization policy that calls UpdateShardCount (provisioned streams; ignored by on-demand ones).",
    ),
  retention: duration(true)
    .optional()
    .describe(
      "How long records stay readable (duration). Default: the profile's 24h; allowed 24h to 8760h.",
    ),
  limiter: z
    .enum(["bucket", "window"])
    .default("bucket")
    .describe(
      "Ingress limiter: token buckets refilled continuously (bucket) or fixed one-second windows (window).",
    ),
  maxRecordSize: size()
    .optional()
    .describe(
      "Largest record the stream takes, data blob plus partition key (size), as UpdateMaxRecordSize sets it: a whole number of KiB from 1MiB to 10MiB. Default: the profile's 1MiB. Above 1MiB a shard takes large records by bursting (limits.largeRecordBurstBytes); its sustained 1 MiB/s is unchanged.",
    ),
});
