import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import { EgressLimiter } from "../../../models/shards/egress-limiter.js";
import {
  BucketIngressLimiter,
  WindowIngressLimiter,
} from "../../../models/shards/ingress-limiter.js";
import { refilled, TokenBucket } from "../../../models/shards/token-bucket.js";

const S = 1_000_000;

describe("TokenBucket", () => {
  it("starts full, refills continuously and caps at its depth", () => {
    const bucket = new TokenBucket(1000, 1000);
    expect(bucket.available(0)).toBe(1000);
    bucket.take(0, 1000);
    expect(bucket.available(250_000)).toBeCloseTo(250, 9);
    expect(bucket.available(10 * S)).toBe(1000);
  });

  it("allows debt, which refills before tokens become available again", () => {
    const bucket = new TokenBucket(100, 100);
    bucket.take(0, 300);
    expect(bucket.available(0)).toBe(-200);
    expect(bucket.available(2 * S)).toBeCloseTo(0, 9);
  });
});

describe("BucketIngressLimiter (1,000 records/s, 1 MiB/s, one second deep)", () => {
  it("admits a full second of records at once, then only what has refilled", () => {
    const limiter = new BucketIngressLimiter(DEFAULT_PROFILE);
    expect(limiter.admit(0, 1500, 10)).toBe(1000);
    expect(limiter.admit(100_000, 500, 10)).toBe(100);
  });

  it("lets the byte limit bind for large records", () => {
    const limiter = new BucketIngressLimiter(DEFAULT_PROFILE);
    // 1 MiB of tokens hold 10 records of 100 KiB, not 1,000.
    expect(limiter.admit(0, 50, 100 * 1024)).toBe(10);
  });

  it("never admits more than offered or a negative number", () => {
    const limiter = new BucketIngressLimiter(DEFAULT_PROFILE);
    expect(limiter.admit(0, 3, 10)).toBe(3);
    expect(limiter.admit(0, 0, 10)).toBe(0);
  });
});

describe("WindowIngressLimiter", () => {
  it("resets capacity at each one-second boundary and not before", () => {
    const limiter = new WindowIngressLimiter(DEFAULT_PROFILE);
    expect(limiter.admit(0, 800, 10)).toBe(800);
    expect(limiter.admit(999_999, 800, 10)).toBe(200);
    expect(limiter.admit(S, 1200, 10)).toBe(1000);
    expect(limiter.admit(S + 500_000, 1, 10)).toBe(0);
  });
});

describe("EgressLimiter (5 calls/s, 2 MiB/s debt)", () => {
  it("allows five calls in a burst and refuses the sixth", () => {
    const limiter = new EgressLimiter(DEFAULT_PROFILE);
    for (let i = 0; i < 5; i++) expect(limiter.tryCall(0)).toBe(true);
    expect(limiter.tryCall(0)).toBe(false);
    expect(limiter.tryCall(200_000)).toBe(true);
  });

  it("blocks the shard for bytes ÷ 2 MiB/s after a read: 10 MiB → 5 s", () => {
    const limiter = new EgressLimiter(DEFAULT_PROFILE);
    expect(limiter.tryCall(0)).toBe(true);
    limiter.charge(0, 10 * 1_048_576, 1);
    expect(limiter.tryCall(4_999_999)).toBe(false);
    expect(limiter.tryCall(5 * S)).toBe(true);
  });
});

describe("BucketIngressLimiter's whole-run quick path", () => {
  // admit skips its divisions when the balance holds the run with a margin; for runs whose
  // need lies a hair either side of the balance it must accept exactly what the divisions
  // accept: the longest prefix with floor(balance ÷ need per record) records.
  it("accepts what the balance ÷ per-record need allows, at the edge too", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999 }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.oneof(fc.constant(1), fc.double({ min: 0.01, max: 1, noNaN: true })),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.integer({ min: -1, max: 1 }),
        (spent, spentBytesPerRecord, weight, bytesPerRecord, beyond) => {
          const limiter = new BucketIngressLimiter(DEFAULT_PROFILE);
          limiter.admit(0, spent, spentBytesPerRecord);
          const recordTokens = DEFAULT_PROFILE.shardWriteRecordsPerSecond - spent;
          const byteTokens = DEFAULT_PROFILE.shardWriteBytesPerSecond - spent * spentBytesPerRecord;
          const recordRoom = Math.floor(recordTokens / weight + 1e-9);
          const byteRoom = Math.floor(byteTokens / bytesPerRecord + 1e-9);
          const room = Math.min(recordRoom, byteRoom);
          const count = Math.max(1, room + beyond);
          expect(limiter.admit(0, count, bytesPerRecord, weight)).toBe(Math.min(count, room));
        },
      ),
    );
  });
});

describe("refilled", () => {
  it("is min(depth, tokens + elapsed × rate), a full or overfull bucket included", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2000, max: 2000, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 2e6, noNaN: true }),
        fc.integer({ min: 0, max: 10 * S }),
        (tokens, depth, rate, elapsedUs) => {
          expect(refilled(tokens, depth, rate, elapsedUs)).toBe(
            Math.min(depth, tokens + (elapsedUs * rate) / S),
          );
        },
      ),
    );
  });
});
