import { US_PER_SECOND } from "../../src/engine/time-units.js";
import type { LimitsProfile } from "../limits/profile.js";
import { TokenBucket } from "./token-bucket.js";

/**
 * A shard's read limiter for shared-throughput (polling) consumers, shared by every polling
 * application of the shard (kinesis-facts.md §2).
 *
 * - Calls: a token bucket of `shardReadCallsPerSecond` (5/s), one second deep.
 * - Bytes: debt. After a call that returned B bytes the shard refuses GetRecords until
 *   t + B ÷ 2 MB/s, so a 10 MB read blocks the shard for 5 s, as the quotas page says
 *   ("subsequent calls made within the next 5 seconds throw"). The shape is an assumption
 *   consistent with the quotas (kinesis-facts.md §2 and its UNCONFIRMED list, §13).
 */
export class EgressLimiter {
  private readonly calls: TokenBucket;
  private blockedUntilUs = 0;

  constructor(private readonly profile: LimitsProfile) {
    this.calls = new TokenBucket(profile.shardReadCallsPerSecond, profile.shardReadCallsPerSecond);
  }

  /** Whether a GetRecords call at `nowUs` is allowed; an allowed call uses one call token. */
  tryCall(nowUs: number): boolean {
    if (nowUs < this.blockedUntilUs) return false;
    if (this.calls.available(nowUs) < 1 - 1e-9) return false;
    this.calls.take(nowUs, 1);
    return true;
  }

  /**
   * Why a call at `nowUs` is refused (for narration; ask after `tryCall` said no): `bytes`
   * while the last reads' bytes are being paid for, else `calls`.
   */
  refusal(nowUs: number): { limit: "bytes"; untilUs: number } | { limit: "calls" } {
    return nowUs < this.blockedUntilUs
      ? { limit: "bytes", untilUs: this.blockedUntilUs }
      : { limit: "calls" };
  }

  /** Charges the bytes a call returned. */
  charge(nowUs: number, bytes: number): void {
    const blockUs = Math.ceil((bytes * US_PER_SECOND) / this.profile.shardReadBytesPerSecond);
    this.blockedUntilUs = Math.max(this.blockedUntilUs, nowUs) + blockUs;
  }
}
