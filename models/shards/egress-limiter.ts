import { US_PER_SECOND } from "../../src/engine/time-units.js";
import type { LimitsProfile } from "../limits/profile.js";
import { TokenBucket } from "./token-bucket.js";

/** Which read limit refused a GetRecords call. */
export type ReadRefusal =
  | { limit: "bytes"; untilUs: number }
  | { limit: "records"; untilUs: number }
  | { limit: "calls" };

/**
 * A shard's read limiter for shared-throughput (polling) consumers, shared by every polling
 * application of the shard (kinesis-facts.md §2).
 *
 * - Calls: a token bucket of `shardReadCallsPerSecond` (5/s), one second deep.
 * - Bytes: debt. After a call that returned B bytes the shard refuses GetRecords until
 *   t + B ÷ 2 MB/s, so a 10 MB read blocks the shard for 5 s, as the quotas page says
 *   ("subsequent calls made within the next 5 seconds throw"). The shape is an assumption
 *   consistent with the quotas (kinesis-facts.md §2 and its UNCONFIRMED list, §13).
 * - Records: the quotas page's 2,000 records/s (Kinesis records) as a token bucket one
 *   second deep that a call may overdraw (it may return up to 10,000 records); GetRecords is
 *   refused while the balance is negative. From a full bucket a 10,000-record read blocks
 *   the shard for 4 s. The shape is an assumption (kinesis-facts.md §13); a bucket rather
 *   than pure debt so that several applications reading well under 2,000 records/s
 *   together are not refused for each other's small reads.
 * - GetShardIterator: its own token bucket of `getShardIteratorCallsPerSecond` (5/s), one
 *   second deep, shared by every application (kinesis-facts.md §2).
 */
export class EgressLimiter {
  private readonly calls: TokenBucket;
  private readonly iteratorCalls: TokenBucket;
  private readonly records: TokenBucket;
  private bytesBlockedUntilUs = 0;

  constructor(private readonly profile: LimitsProfile) {
    this.calls = new TokenBucket(profile.shardReadCallsPerSecond, profile.shardReadCallsPerSecond);
    this.records = new TokenBucket(
      profile.shardReadRecordsPerSecond,
      profile.shardReadRecordsPerSecond * profile.shardReadRecordsBucketDepthSeconds,
    );
    this.iteratorCalls = new TokenBucket(
      profile.getShardIteratorCallsPerSecond,
      profile.getShardIteratorCallsPerSecond,
    );
  }

  /** Whether a GetRecords call at `nowUs` is allowed; an allowed call uses one call token. */
  tryCall(nowUs: number): boolean {
    if (nowUs < this.bytesBlockedUntilUs || this.records.available(nowUs) < -1e-6) return false;
    if (this.calls.available(nowUs) < 1 - 1e-9) return false;
    this.calls.take(nowUs, 1);
    return true;
  }

  /**
   * Why a call at `nowUs` is refused (for narration; ask after `tryCall` said no): `bytes`
   * or `records` while the last reads are being paid for (the later debt), else `calls`.
   */
  refusal(nowUs: number): ReadRefusal {
    const balance = this.records.available(nowUs);
    const recordsUntilUs =
      balance < -1e-6
        ? nowUs + Math.ceil((-balance * US_PER_SECOND) / this.profile.shardReadRecordsPerSecond)
        : nowUs;
    const blockedUntilUs = Math.max(this.bytesBlockedUntilUs, recordsUntilUs);
    if (nowUs >= blockedUntilUs) return { limit: "calls" };
    return recordsUntilUs > this.bytesBlockedUntilUs
      ? { limit: "records", untilUs: blockedUntilUs }
      : { limit: "bytes", untilUs: blockedUntilUs };
  }

  /** Charges the bytes and records a call returned. */
  charge(nowUs: number, bytes: number, records: number): void {
    const bytesUs = Math.ceil((bytes * US_PER_SECOND) / this.profile.shardReadBytesPerSecond);
    this.bytesBlockedUntilUs = Math.max(this.bytesBlockedUntilUs, nowUs) + bytesUs;
    this.records.take(nowUs, records);
  }

  /** Whether a GetShardIterator call at `nowUs` is allowed (and uses one token if so). */
  tryGetShardIterator(nowUs: number): boolean {
    if (this.iteratorCalls.available(nowUs) < 1 - 1e-9) return false;
    this.iteratorCalls.take(nowUs, 1);
    return true;
  }
}
