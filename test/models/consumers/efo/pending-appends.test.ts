import { describe, expect, it } from "vitest";
import { PendingAppends } from "../../../../models/consumers/efo/pending-appends.js";

/** A run of `count` records of 100 bytes from `firstSeq` on, accepted at `nowUs`. */
const add = (
  appends: PendingAppends,
  nowUs: number,
  firstSeq: number,
  count: number,
  firstCreatedUs: number,
  lastCreatedUs: number,
) => appends.add(nowUs, firstSeq, count, count * 100, firstCreatedUs, lastCreatedUs);

describe("PendingAppends", () => {
  it("keeps each run with its own acceptance time and creation span, found by sequence index", () => {
    const appends = new PendingAppends(10_000_000);
    add(appends, 1_000, 0, 3, 0, 1_000);
    add(appends, 2_000, 3, 2, 1_000, 2_000);
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
    for (let k = 0; k < 3_000; k++) add(appends, k * 1_000, 2 * k, 2, k * 1_000, k * 1_000);
    // Only the runs accepted at most 5 ms before the last are kept: 2,994 to 2,999.
    expect(appends.firstSeq).toBe(2 * 2_994);
    expect(appends.indexOf(2 * 2_993)).toBe(-1);
    appends.forgetBefore(2 * 2_997 + 1);
    expect(appends.firstSeq).toBe(2 * 2_997);
    appends.forgetBefore(6_000);
    expect(appends.firstSeq).toBeUndefined();
  });

  it("keeps every run's fields apart while it moves and grows its storage", () => {
    const appends = new PendingAppends(1_000_000_000);
    // Runs read past now and then (storage moved to the front) and a backlog (storage grows).
    for (let k = 0; k < 500; k++) {
      add(appends, 10 * k, 3 * k, 3, 10 * k - 7, 10 * k - 1);
      if (k % 50 === 49 && k < 200) appends.forgetBefore(3 * (k - 10));
    }
    for (let k = 189; k < 500; k++) {
      const i = appends.indexOf(3 * k + 1);
      expect([
        appends.firstSeqAt(i),
        appends.countAt(i),
        appends.bytesAt(i),
        appends.firstCreatedAt(i),
        appends.lastCreatedAt(i),
        appends.acceptedAt(i),
      ]).toEqual([3 * k, 3, 300, 10 * k - 7, 10 * k - 1, 10 * k]);
    }
  });
});
