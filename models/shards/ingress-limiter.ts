import { US_PER_SECOND } from "../../src/engine/time-units.js";
import type { LimitsProfile } from "../limits/profile.js";
import { TokenBucket } from "./token-bucket.js";

/**
 * A shard's write limiter: decides how many records of a run arriving at one instant the
 * shard accepts. Both the records and the bytes limit apply (kinesis-facts.md §1: 1 MB/s
 * including partition keys, 1,000 records/s).
 */
export interface IngressLimiter {
  /**
   * Accepts the longest prefix of `count` records of `bytesPerRecord` bytes each that fits
   * and returns its length (0..count). Accepted records consume capacity. Each record uses
   * `recordWeight` of a record of capacity: below 1 when the records travel aggregated (KPL
   * user records, several per Kinesis record).
   */
  admit(nowUs: number, count: number, bytesPerRecord: number, recordWeight?: number): number;
  /** `bucket` (continuous refill) or `window` (fixed one-second windows). */
  readonly shape: "bucket" | "window";
  /**
   * The limit that bound the last `admit` which refused records (for narration); set only
   * on that path, so it says nothing about an `admit` that accepted everything.
   */
  readonly refusedBy: "records" | "bytes";
}

/** Tolerance so that float rounding never refuses a record that exactly fits. */
const EPSILON = 1e-9;

/**
 * Token buckets refilled continuously, `ingressBucketDepthSeconds` of capacity deep. The
 * enforcement algorithm is not published (kinesis-facts.md §1, §13: UNCONFIRMED); AWS's only
 * wording compares write capacity to "a tank that refills at a steady rate".
 */
export class BucketIngressLimiter implements IngressLimiter {
  readonly shape = "bucket";
  refusedBy: "records" | "bytes" = "records";
  private readonly records: TokenBucket;
  private readonly bytes: TokenBucket;

  constructor(profile: LimitsProfile) {
    const depth = profile.ingressBucketDepthSeconds;
    this.records = new TokenBucket(
      profile.shardWriteRecordsPerSecond,
      profile.shardWriteRecordsPerSecond * depth,
    );
    this.bytes = new TokenBucket(
      profile.shardWriteBytesPerSecond,
      profile.shardWriteBytesPerSecond * depth,
    );
  }

  admit(nowUs: number, count: number, bytesPerRecord: number, recordWeight = 1): number {
    const recordRoom = Math.floor(this.records.available(nowUs) / recordWeight + EPSILON);
    const byteTokens = this.bytes.available(nowUs);
    const byteRoom = bytesPerRecord > 0 ? Math.floor(byteTokens / bytesPerRecord + EPSILON) : count;
    const accepted = Math.max(0, Math.min(count, recordRoom, byteRoom));
    if (accepted < count) this.refusedBy = recordRoom <= byteRoom ? "records" : "bytes";
    if (accepted > 0) {
      this.records.take(nowUs, accepted * recordWeight);
      this.bytes.take(nowUs, accepted * bytesPerRecord);
    }
    return accepted;
  }
}

/**
 * Fixed one-second windows aligned to t = 0: each window admits up to the per-second
 * limits, then throttles until the next window (`limiter: window`). This is the model the
 * re:Post article's "per shard and per second" wording suggests (kinesis-facts.md §1).
 */
export class WindowIngressLimiter implements IngressLimiter {
  readonly shape = "window";
  refusedBy: "records" | "bytes" = "records";
  private window = -1;
  private recordsUsed = 0;
  private bytesUsed = 0;

  constructor(private readonly profile: LimitsProfile) {}

  admit(nowUs: number, count: number, bytesPerRecord: number, recordWeight = 1): number {
    const window = Math.floor(nowUs / US_PER_SECOND);
    if (window !== this.window) {
      this.window = window;
      this.recordsUsed = 0;
      this.bytesUsed = 0;
    }
    const recordRoom = Math.floor(
      (this.profile.shardWriteRecordsPerSecond - this.recordsUsed) / recordWeight + EPSILON,
    );
    const byteRoom =
      bytesPerRecord > 0
        ? Math.floor(
            (this.profile.shardWriteBytesPerSecond - this.bytesUsed) / bytesPerRecord + EPSILON,
          )
        : count;
    const accepted = Math.max(0, Math.min(count, recordRoom, byteRoom));
    if (accepted < count) this.refusedBy = recordRoom <= byteRoom ? "records" : "bytes";
    this.recordsUsed += accepted * recordWeight;
    this.bytesUsed += accepted * bytesPerRecord;
    return accepted;
  }
}

export function createIngressLimiter(
  kind: "bucket" | "window",
  profile: LimitsProfile,
): IngressLimiter {
  return kind === "window" ? new WindowIngressLimiter(profile) : new BucketIngressLimiter(profile);
}
