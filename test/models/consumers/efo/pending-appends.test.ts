import { describe, expect, it } from "vitest";
import { PendingAppends } from "../../../../models/consumers/efo/pending-appends.js";
import type { Segment } from "../../../../models/shards/segment.js";

const run = (count: number, firstCreatedUs: number, lastCreatedUs: number): Segment => ({
  count,
  bytes: count * 100,
  firstCreatedUs,
  lastCreatedUs,
  producer: 0,
  shard: 0,
});

describe("PendingAppends", () => {
  it("keeps each run with its own acceptance time and creation span, found by sequence index", () => {
    const appends = new PendingAppends(10_000_000);
    appends.add(1_000, run(3, 0, 1_000), 0);
    appends.add(2_000, run(2, 1_000, 2_000), 3);
    const i = appends.indexOf(4);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(appends.firstSeqAt(i)).toBe(3);
    expect(appends.countAt(i)).toBe(2);
    expect(appends.bytesAt(i)).toBe(200);
    expect([appends.firstCreatedAt(i), appends.lastCreatedAt(i)]).toEqual([1_000, 2_000]);
    expect(appends.acceptedAt(i)).toBe(2_000);
    expect(appends.indexOf(5)).toBe(-1);
    expect(appends.endAcceptedBy(1_500)).toBe(3);
    expect(appends.endAcceptedBy(2_000)).toBe(5);
    expect(appends.endAcceptedBy(999)).toBeUndefined();
  });

  it("forgets runs read past, and runs older than it keeps (read from the log instead)", () => {
    const appends = new PendingAppends(5_000);
    for (let k = 0; k < 3_000; k++) appends.add(k * 1_000, run(2, k * 1_000, k * 1_000), 2 * k);
    // Only the runs accepted at most 5 ms before the last are kept: 2,994 to 2,999.
    expect(appends.firstSeq).toBe(2 * 2_994);
    expect(appends.indexOf(2 * 2_993)).toBe(-1);
    appends.forgetBefore(2 * 2_997 + 1);
    expect(appends.firstSeq).toBe(2 * 2_997);
    appends.forgetBefore(6_000);
    expect(appends.firstSeq).toBeUndefined();
  });
});
