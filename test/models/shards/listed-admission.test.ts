import { describe, expect, it } from "vitest";
import { evenSplit } from "../../../models/hashing/even-split.js";
import type { HashRange } from "../../../models/hashing/hash-range.js";
import { DEFAULT_PROFILE, type LimitsProfile } from "../../../models/limits/profile.js";
import {
  BucketIngressLimiter,
  ingressByteBucketDepth,
  WindowIngressLimiter,
} from "../../../models/shards/ingress-limiter.js";
import { admitListed } from "../../../models/shards/listed-admission.js";
import { createdAt, type Segment, splitSegment } from "../../../models/shards/segment.js";
import { Shard } from "../../../models/shards/shard.js";
import { ShardMetrics } from "../../../models/shards/shard-metrics.js";
import { randomStream } from "../../../src/engine/random-streams.js";

const S = 1_000_000;
const MIB = 1_048_576;

function listedSegment(sizes: number[], at?: number[], count = sizes.length, bytes?: number) {
  const total = bytes ?? sizes.reduce((sum, size) => sum + size, 0);
  return {
    count,
    bytes: total,
    firstCreatedUs: 0,
    lastCreatedUs: (count - 1) * 1000,
    producer: 0,
    shard: 0,
    listed: at === undefined ? { bytes: sizes } : { at, bytes: sizes },
  } satisfies Segment;
}

/**
 * An independent reference: PutRecords's per-record decisions written out plainly, with its
 * own token accounting (both buckets start full and refill continuously, kinesis-facts.md §1).
 */
function referenceAdmission(
  sizes: readonly number[],
  tokens: { records: number; bytes: number },
): boolean[] {
  return sizes.map((size) => {
    if (tokens.records >= 1 && tokens.bytes >= size) {
      tokens.records -= 1;
      tokens.bytes -= size;
      return true;
    }
    return false;
  });
}

describe("admitListed: PutRecords decides on each record by its own size", () => {
  it("a large record refused leaves its room to the small records behind it", () => {
    const limiter = new BucketIngressLimiter(DEFAULT_PROFILE);
    // 1 MiB of tokens: 600 KB fits, 100 B ×3 fit, then 512 KB does not (448,276 B left),
    // and the 100 B record after it still fits.
    const sizes = [600_000, 100, 100, 100, 512_000, 100];
    const { accepted, refused } = admitListed(limiter, 0, listedSegment(sizes), {
      bytes: sizes,
    });
    expect(accepted?.count).toBe(5);
    expect(accepted?.bytes).toBe(600_400);
    expect(accepted?.listed).toBeUndefined();
    expect(refused).toMatchObject({ count: 1, bytes: 512_000, listed: { bytes: [512_000] } });
    // The refused record is the fifth of six: its creation time is the fifth one's,
    const whole = listedSegment(sizes);
    const fifth = createdAt(whole.firstCreatedUs, whole.lastCreatedUs, 4, 6);
    const refusedAt = createdAt(refused?.firstCreatedUs ?? 0, refused?.lastCreatedUs ?? 0, 0, 1);
    // Within the microsecond the part's span was rounded to.
    expect(Math.abs(refusedAt - fifth)).toBeLessThanOrEqual(1);
    expect(limiter.refusedBy).toBe("bytes");
  });

  it("agrees exactly with a plain per-record loop on random batches (records and bytes)", () => {
    const random = randomStream(5, "listed-admission");
    for (let trial = 0; trial < 300; trial++) {
      const limiter = new BucketIngressLimiter(DEFAULT_PROFILE);
      const tokens = { records: 1000, bytes: MIB };
      // Drain both buckets by a random amount first, the same way for both.
      const drainRecords = Math.floor(random() * 1000);
      const drainBytes = Math.floor(random() * MIB);
      limiter.admit(0, drainRecords, drainRecords === 0 ? 0 : drainBytes / drainRecords);
      tokens.records -= drainRecords;
      tokens.bytes -= drainRecords === 0 ? 0 : drainBytes;
      const n = 1 + Math.floor(random() * 40);
      const sizes = Array.from({ length: n }, () =>
        Math.max(1, Math.round(Math.exp(Math.log(2000) + 2.5 * (random() - 0.5) * 2))),
      );
      const decisions = referenceAdmission(sizes, tokens);
      const { accepted, refused } = admitListed(limiter, 0, listedSegment(sizes), {
        bytes: sizes,
      });
      const expectedAccepted = decisions.filter(Boolean).length;
      const expectedBytes = sizes.reduce((sum, size, i) => sum + (decisions[i] ? size : 0), 0);
      expect(accepted?.count ?? 0).toBe(expectedAccepted);
      expect(accepted?.bytes ?? 0).toBeCloseTo(expectedBytes, 6);
      expect(refused?.count ?? 0).toBe(n - expectedAccepted);
      expect(refused?.listed?.bytes ?? []).toEqual(sizes.filter((_, i) => !decisions[i]));
    }
  });

  it("takes the records not listed in runs between listed ones, as the longest prefix that fits", () => {
    const limiter = new BucketIngressLimiter(DEFAULT_PROFILE);
    limiter.admit(0, 1, MIB - 10_000); // 10,000 B of tokens left
    // 12 records: 10 not listed of 1,000 B each around two listed ones of 50,000 B and 500 B.
    const segment = listedSegment([50_000, 500], [3, 7], 12, 10 * 1000 + 50_500);
    const { accepted, refused } = admitListed(limiter, 0, segment, segment.listed);
    // Run 0–2: 3 × 1,000 fit (7,000 left); 50,000 refused; run 4–6: 3 fit (4,000 left);
    // 500 fits (3,500 left); run 8–11: 3 fit, the 4th does not (500 left).
    expect(accepted?.count).toBe(10);
    expect(accepted?.bytes).toBe(9500);
    expect(refused).toMatchObject({
      count: 2,
      bytes: 51_000,
      listed: { at: [0], bytes: [50_000] },
    });
  });

  it("keeps records and bytes: accepted plus refused is the segment", () => {
    const random = randomStream(9, "listed-conservation");
    for (let trial = 0; trial < 200; trial++) {
      const limiter = new BucketIngressLimiter(DEFAULT_PROFILE);
      limiter.admit(0, 1, Math.floor(random() * MIB));
      const count = 40 + Math.floor(random() * 200);
      const at = [...new Set(Array.from({ length: 20 }, () => Math.floor(random() * count)))].sort(
        (a, b) => a - b,
      );
      const sizes = at.map(() => 1 + Math.floor(random() * 200_000));
      const bytes = sizes.reduce((a, b) => a + b, 0) + (count - at.length) * 800;
      const segment = listedSegment(sizes, at, count, bytes);
      const { accepted, refused } = admitListed(limiter, 0, segment, segment.listed);
      expect((accepted?.count ?? 0) + (refused?.count ?? 0)).toBe(count);
      expect((accepted?.bytes ?? 0) + (refused?.bytes ?? 0)).toBeCloseTo(bytes, 6);
      for (const position of refused?.listed?.at ?? []) {
        expect(position).toBeGreaterThanOrEqual(0);
        expect(position).toBeLessThan(refused?.count ?? 0);
      }
    }
  });

  it("admits a whole segment that fits without looking at its records (window limiter too)", () => {
    const limiter = new WindowIngressLimiter(DEFAULT_PROFILE);
    const sizes = [300_000, 300_000, 300_000];
    const { accepted, refused } = admitListed(limiter, 0, listedSegment(sizes), { bytes: sizes });
    expect(accepted?.count).toBe(3);
    expect(refused).toBeUndefined();
    // Later in the same one-second window 900,000 B are used: none of three more fits.
    const again = admitListed(limiter, 500_000, listedSegment(sizes), { bytes: sizes });
    expect(again.accepted).toBeUndefined();
    expect(again.refused?.count).toBe(3);
  });
});

describe("splitSegment keeps listed records with their part", () => {
  it("splits a partly listed segment at a prefix", () => {
    const segment = listedSegment([50_000, 500], [3, 7], 12, 10 * 1000 + 50_500);
    const [head, rest] = splitSegment(segment, 5);
    expect(head).toMatchObject({ count: 5, bytes: 54_000, listed: { at: [3], bytes: [50_000] } });
    expect(rest).toMatchObject({ count: 7, bytes: 6500, listed: { at: [2], bytes: [500] } });
  });

  it("splits a fully listed segment", () => {
    const [head, rest] = splitSegment(listedSegment([1, 2, 3, 4]), 1);
    expect(head).toMatchObject({ count: 1, bytes: 1, listed: { bytes: [1] } });
    expect(rest).toMatchObject({ count: 3, bytes: 9, listed: { bytes: [2, 3, 4] } });
  });
});

describe("Shard.offer", () => {
  const shard = (profile: LimitsProfile = DEFAULT_PROFILE) =>
    new Shard({
      index: 0,
      shardId: "shardId-000000000000",
      range: evenSplit(1)[0] as HashRange,
      parentShardIds: [],
      openedAtUs: 0,
      profile,
      limiter: "bucket",
      retentionUs: 24 * 3600 * S,
      coalesceUs: 0,
      metrics: new ShardMetrics(S, 100 * S),
    });

  it("stores what it accepts without the sizes and returns what it refused", () => {
    const target = shard();
    const sizes = [700_000, 400_000, 300_000];
    const refused = target.offer(listedSegment(sizes), 0);
    expect(refused).toMatchObject({ count: 1, bytes: 400_000 });
    expect(target.log.nextSeq).toBe(2);
    expect(target.metrics.throttledAttempts).toBe(1);
    expect(target.metrics.bytesIn).toBe(1_000_000);
  });

  it("refuses to put a listed segment as a prefix (its records are decided one by one)", () => {
    expect(() => shard().put(listedSegment([1, 2]), 0)).toThrow(/listed sizes/);
  });
});

describe("ingressByteBucketDepth: the byte bucket and large records", () => {
  it("is one second of the byte rate by default (1 MiB)", () => {
    expect(ingressByteBucketDepth(DEFAULT_PROFILE)).toBe(MIB);
  });

  it("is the large-record burst once the stream takes records above 1 MiB", () => {
    expect(ingressByteBucketDepth({ ...DEFAULT_PROFILE, maxRecordBytes: 2 * MIB })).toBe(10 * MIB);
  });

  it("is never shallower than one record of the stream's max record size", () => {
    const profile = { ...DEFAULT_PROFILE, maxRecordBytes: 4 * MIB, largeRecordBurstBytes: MIB };
    expect(ingressByteBucketDepth(profile)).toBe(4 * MIB);
    const halfSecond = { ...DEFAULT_PROFILE, ingressBucketDepthSeconds: 0.5 };
    expect(ingressByteBucketDepth(halfSecond)).toBe(MIB);
  });

  it("keeps the sustained rate: a deep bucket refills at 1 MiB/s", () => {
    const limiter = new BucketIngressLimiter({ ...DEFAULT_PROFILE, maxRecordBytes: 10 * MIB });
    expect(limiter.admit(0, 1, 10 * MIB)).toBe(1);
    expect(limiter.admit(9_999_999, 1, 10 * MIB)).toBe(0);
    expect(limiter.admit(10 * S, 1, 10 * MIB)).toBe(1);
  });
});
