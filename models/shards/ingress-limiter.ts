import { clearlyWithin } from "../../src/engine/clearly-within.js";
import { US_PER_SECOND } from "../../src/engine/time-units.js";
import type { LimitsProfile } from "../limits/profile.js";
import { NumberBlocks } from "./number-blocks.js";
import { refilled } from "./token-bucket.js";

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
  /**
   * Accepts all `count` records, `bytes` in total, when they all fit now (then each record in
   * turn fits, whatever their sizes) and returns true; otherwise takes nothing and returns
   * false. The quick path of record-by-record admission.
   */
  admitWhole(nowUs: number, count: number, bytes: number, recordWeight?: number): boolean;
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
 * Bytes a shard's byte bucket holds: `ingressBucketDepthSeconds` of the byte rate, never less
 * than one record of the stream's max record size (`maxRecordBytes`), and, when the stream
 * takes records above 1 MiB (UpdateMaxRecordSize), `largeRecordBurstBytes`: the large-records
 * page's burst (kinesis-facts.md §1; the depth itself is UNCONFIRMED, §13). The sustained rate
 * stays `shardWriteBytesPerSecond` whatever the depth.
 */
export function ingressByteBucketDepth(profile: LimitsProfile): number {
  const seconds = profile.shardWriteBytesPerSecond * profile.ingressBucketDepthSeconds;
  const largeRecords = profile.maxRecordBytes > profile.updateMaxRecordSizeMinBytes;
  return Math.max(
    seconds,
    profile.maxRecordBytes,
    largeRecords ? profile.largeRecordBurstBytes : 0,
  );
}

/**
 * Token buckets refilled continuously, `ingressBucketDepthSeconds` of capacity deep. The
 * enforcement algorithm is not published (kinesis-facts.md §1, §13: UNCONFIRMED); AWS's only
 * wording compares write capacity to "a tank that refills at a steady rate". The byte
 * bucket is deeper for large records: see {@link ingressByteBucketDepth}.
 */
export class BucketIngressLimiter implements IngressLimiter {
  readonly shape = "bucket";
  refusedBy: "records" | "bytes" = "records";
  // The two buckets' balances and refill times, and their rates and depths, are numbers in a
  // block (number-blocks.ts) rather than two TokenBuckets: the write path looks at them for
  // every shard on every producer tick. The arithmetic is TokenBucket's (`refilled`), step
  // for step; each balance keeps its own refill time, as admitWhole may refill one and not
  // the other.
  private readonly n: number[];
  private readonly o: number;

  constructor(profile: LimitsProfile, numbers: NumberBlocks = new NumberBlocks(LIMITER_NUMBERS)) {
    const block = numbers.allocate(LIMITER_NUMBERS);
    const n = block.values;
    const o = block.offset;
    this.n = n;
    this.o = o;
    n[o + RECORDS_PER_SECOND] = profile.shardWriteRecordsPerSecond;
    n[o + RECORDS_DEPTH] = profile.shardWriteRecordsPerSecond * profile.ingressBucketDepthSeconds;
    n[o + RECORD_TOKENS] = n[o + RECORDS_DEPTH] as number;
    n[o + BYTES_PER_SECOND] = profile.shardWriteBytesPerSecond;
    n[o + BYTES_DEPTH] = ingressByteBucketDepth(profile);
    n[o + BYTE_TOKENS] = n[o + BYTES_DEPTH] as number;
  }

  admit(nowUs: number, count: number, bytesPerRecord: number, recordWeight = 1): number {
    const recordTokens = this.recordBalance(nowUs);
    const byteTokens = this.byteBalance(nowUs);
    const records = count * recordWeight;
    const bytes = count * bytesPerRecord;
    if (clearlyWithin(records, recordTokens) && clearlyWithin(bytes, byteTokens)) {
      // Room for the whole run with a margin no rounding of the divisions below can cross,
      // so they would accept every record: skip them (the write path's usual case).
      const { n, o } = this;
      n[o + RECORD_TOKENS] = recordTokens - records;
      n[o + BYTE_TOKENS] = byteTokens - bytes;
      return count;
    }
    const recordRoom = Math.floor(recordTokens / recordWeight + EPSILON);
    const byteRoom = bytesPerRecord > 0 ? Math.floor(byteTokens / bytesPerRecord + EPSILON) : count;
    const accepted = Math.max(0, Math.min(count, recordRoom, byteRoom));
    if (accepted < count) this.refusedBy = recordRoom <= byteRoom ? "records" : "bytes";
    if (accepted > 0) {
      const { n, o } = this;
      n[o + RECORD_TOKENS] = (n[o + RECORD_TOKENS] as number) - accepted * recordWeight;
      n[o + BYTE_TOKENS] = (n[o + BYTE_TOKENS] as number) - accepted * bytesPerRecord;
    }
    return accepted;
  }

  admitWhole(nowUs: number, count: number, bytes: number, recordWeight = 1): boolean {
    const records = count * recordWeight;
    if (this.recordBalance(nowUs) + EPSILON < records) return false;
    if (this.byteBalance(nowUs) + EPSILON < bytes) return false;
    const { n, o } = this;
    n[o + RECORD_TOKENS] = (n[o + RECORD_TOKENS] as number) - records;
    n[o + BYTE_TOKENS] = (n[o + BYTE_TOKENS] as number) - bytes;
    return true;
  }

  get recordsDepth(): number {
    return this.n[this.o + RECORDS_DEPTH] as number;
  }

  get bytesDepth(): number {
    return this.n[this.o + BYTES_DEPTH] as number;
  }

  get recordsPerSecond(): number {
    return this.n[this.o + RECORDS_PER_SECOND] as number;
  }

  get bytesPerSecond(): number {
    return this.n[this.o + BYTES_PER_SECOND] as number;
  }

  /** Sets both balances as they stand at `atUs`, after a window's records were taken. */
  setBalances(records: number, bytes: number, atUs: number): void {
    const { n, o } = this;
    n[o + RECORD_TOKENS] = records;
    n[o + RECORDS_REFILLED_US] = atUs;
    n[o + BYTE_TOKENS] = bytes;
    n[o + BYTES_REFILLED_US] = atUs;
  }

  /**
   * The records balance at `nowUs`, refilled (as TokenBucket.available); a window of ticks
   * (window/shard-window.ts) reads it to take its records in one step.
   */
  recordBalance(nowUs: number): number {
    const { n, o } = this;
    const refilledUs = n[o + RECORDS_REFILLED_US] as number;
    if (nowUs > refilledUs) {
      n[o + RECORD_TOKENS] = refilled(
        n[o + RECORD_TOKENS] as number,
        n[o + RECORDS_DEPTH] as number,
        n[o + RECORDS_PER_SECOND] as number,
        nowUs - refilledUs,
      );
      n[o + RECORDS_REFILLED_US] = nowUs;
    }
    return n[o + RECORD_TOKENS] as number;
  }

  /** The bytes balance at `nowUs`, refilled (as TokenBucket.available). */
  byteBalance(nowUs: number): number {
    const { n, o } = this;
    const refilledUs = n[o + BYTES_REFILLED_US] as number;
    if (nowUs > refilledUs) {
      n[o + BYTE_TOKENS] = refilled(
        n[o + BYTE_TOKENS] as number,
        n[o + BYTES_DEPTH] as number,
        n[o + BYTES_PER_SECOND] as number,
        nowUs - refilledUs,
      );
      n[o + BYTES_REFILLED_US] = nowUs;
    }
    return n[o + BYTE_TOKENS] as number;
  }
}

// Where the bucket limiter's numbers lie in its block.
const RECORDS_PER_SECOND = 0;
const RECORDS_DEPTH = 1;
const RECORD_TOKENS = 2;
const RECORDS_REFILLED_US = 3;
const BYTES_PER_SECOND = 4;
const BYTES_DEPTH = 5;
const BYTE_TOKENS = 6;
const BYTES_REFILLED_US = 7;
/** Numbers in a bucket limiter's block. */
export const LIMITER_NUMBERS = 8;

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
    this.enterWindow(nowUs);
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

  admitWhole(nowUs: number, count: number, bytes: number, recordWeight = 1): boolean {
    this.enterWindow(nowUs);
    const records = count * recordWeight;
    if (this.recordsUsed + records > this.profile.shardWriteRecordsPerSecond + EPSILON)
      return false;
    if (this.bytesUsed + bytes > this.profile.shardWriteBytesPerSecond + EPSILON) return false;
    this.recordsUsed += records;
    this.bytesUsed += bytes;
    return true;
  }

  private enterWindow(nowUs: number): void {
    const window = Math.floor(nowUs / US_PER_SECOND);
    if (window !== this.window) {
      this.window = window;
      this.recordsUsed = 0;
      this.bytesUsed = 0;
    }
  }
}

export function createIngressLimiter(
  kind: "bucket" | "window",
  profile: LimitsProfile,
  numbers?: NumberBlocks,
): IngressLimiter {
  return kind === "window"
    ? new WindowIngressLimiter(profile)
    : new BucketIngressLimiter(profile, numbers);
}
