import type { LimitsProfile } from "../../../models/limits/profile.js";
import type { AutoscalingSettings } from "../../../models/stream/autoscaler.js";
import { warmThroughputShards } from "../../../models/stream/warm-throughput.js";
import type { ExperimentConfig } from "./config-types.js";
import type { Check, FinalizeContext } from "./finalize-context.js";
import { failAt as fail } from "./format-error.js";
import type { ParsedExperimentFile } from "./schema.js";
import { formatBytes, formatDurationUs } from "./units.js";

/**
 * The profile with the stream's own max record size (`stream.maxRecordSize`, as
 * UpdateMaxRecordSize sets it: whole KiB from 1 MiB to 10 MiB, kinesis-facts.md §1).
 */
export function streamProfile(
  profile: LimitsProfile,
  stream: ParsedExperimentFile["stream"],
  check: Check,
): LimitsProfile {
  const bytes = stream.maxRecordSize;
  const { updateMaxRecordSizeMinBytes: min, updateMaxRecordSizeMaxBytes: max } = profile;
  if (bytes !== undefined) {
    check(
      bytes >= min && bytes <= max && bytes % 1024 === 0,
      ["stream", "maxRecordSize"],
      `a whole number of KiB from ${formatBytes(min)} to ${formatBytes(max)} (UpdateMaxRecordSize's MaxRecordSizeInKiB)`,
    );
  }
  const withMax = bytes === undefined ? profile : { ...profile, maxRecordBytes: bytes };
  if (stream.limiter === "window" && withMax.maxRecordBytes > withMax.shardWriteBytesPerSecond) {
    fail(
      ["stream", "limiter"],
      `window admits at most ${formatBytes(withMax.shardWriteBytesPerSecond)} a second, so it cannot take a record of the stream's max record size (${formatBytes(withMax.maxRecordBytes)}); large records need limiter: bucket`,
    );
  }
  return withMax;
}

/** `stream:` checked against the profile: shards (up to maxShardsPerStream), autoscaling, warm throughput, retention. */
export function finalizeStream(context: FinalizeContext): ExperimentConfig["stream"] {
  const { file, profile, check } = context;
  const stream = file.stream;
  const retentionUs = stream.retention ?? profile.retentionDefaultUs;
  if (stream.mode === "provisioned" && stream.shards === undefined) {
    fail(["stream", "shards"], "required for a provisioned stream");
  }
  if (stream.shards !== undefined) {
    check(
      stream.shards <= profile.maxShardsPerStream,
      ["stream", "shards"],
      `an integer between 1 and ${profile.maxShardsPerStream} (limits.maxShardsPerStream)`,
    );
  }
  const autoscaling = finalizeAutoscaling(context);
  const warmThroughput = stream.warmThroughput;
  if (warmThroughput !== undefined) {
    if (stream.mode !== "on-demand-advantage") {
      fail(
        ["stream", "warmThroughput"],
        "only for on-demand-advantage streams (AWS offers warm throughput with On-demand Advantage)",
      );
    }
    check(
      warmThroughput > 0 && warmThroughput <= profile.onDemandMaxWriteBytesPerSecond,
      ["stream", "warmThroughput"],
      `a size above 0 and at most ${formatBytes(profile.onDemandMaxWriteBytesPerSecond)} (limits.onDemandMaxWriteBytesPerSecond)`,
    );
  }
  const shards = Math.max(
    stream.shards ?? profile.onDemandInitialShards,
    warmThroughput === undefined ? 0 : warmThroughputShards(warmThroughput, profile),
  );
  if (retentionUs < profile.retentionMinUs || retentionUs > profile.retentionMaxUs) {
    const range = `between ${formatDurationUs(profile.retentionMinUs)} and ${formatDurationUs(profile.retentionMaxUs)}`;
    const path = ["stream", "retention"];
    if (stream.retention === undefined) {
      fail(path, `expected ${range}, got the profile default ${formatDurationUs(retentionUs)}`);
    }
    check(false, path, range);
  }
  return {
    mode: stream.mode,
    shards,
    // On-demand streams scale themselves; a policy is kept but unused, so that one file can
    // compare the two modes (`--vary stream.mode=provisioned,on-demand`).
    ...(autoscaling === undefined ? {} : { autoscaling }),
    ...(warmThroughput === undefined ? {} : { warmThroughputBytesPerSecond: warmThroughput }),
    retentionUs,
    limiter: stream.limiter,
    ...(stream.maxRecordSize === undefined ? {} : { maxRecordBytes: profile.maxRecordBytes }),
  };
}

/** `stream.autoscaling:` with maxShards defaulting to, and both bounds within, the profile's maximum. */
function finalizeAutoscaling(context: FinalizeContext): AutoscalingSettings | undefined {
  const { file, profile, check } = context;
  const policy = file.stream.autoscaling;
  if (policy === undefined) return undefined;
  const most = profile.maxShardsPerStream;
  const within = `an integer between 1 and ${most} (limits.maxShardsPerStream)`;
  check(policy.minShards <= most, ["stream", "autoscaling", "minShards"], within);
  if (policy.maxShards !== undefined) {
    check(policy.maxShards <= most, ["stream", "autoscaling", "maxShards"], within);
  }
  const maxShards = policy.maxShards ?? most;
  if (policy.minShards > maxShards) {
    fail(["stream", "autoscaling", "minShards"], "at most maxShards");
  }
  if (policy.scaleInBelow >= policy.scaleOutAbove) {
    fail(["stream", "autoscaling", "scaleInBelow"], "below scaleOutAbove");
  }
  return { ...policy, maxShards };
}
