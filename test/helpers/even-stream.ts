import { DEFAULT_PROFILE } from "../../models/limits/profile.js";
import { KinesisStream } from "../../models/stream/kinesis-stream.js";

const S = 1_000_000;

/**
 * A stream of `shards` evenly split shards under the default profile, for tests that need
 * only its router and shards (a day's retention, metrics per second, 100 s long).
 */
export function evenStream(shards: number): KinesisStream {
  return new KinesisStream({
    shardCount: shards,
    profile: DEFAULT_PROFILE,
    limiter: "bucket",
    retentionUs: 24 * 3600 * S,
    coalesceUs: 0,
    metricsResolutionUs: S,
    durationUs: 100 * S,
  });
}
