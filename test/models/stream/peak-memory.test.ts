import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import { PeakMemory } from "../../../models/stream/peak-memory.js";

const HOUR = 3_600_000_000;
const DAY = 24 * HOUR;
const WINDOW = DEFAULT_PROFILE.onDemandPeakMemoryUs;
const BUCKET = WINDOW / PeakMemory.BUCKETS;

describe("PeakMemory: the highest rates of the last 30 days", () => {
  it("the default window is AWS's 30 days, in day-long buckets", () => {
    expect(WINDOW).toBe(30 * DAY);
    expect(BUCKET).toBe(DAY);
  });

  it("remembers the highest rate, bytes and records apart, and ignores later lower ones", () => {
    const memory = new PeakMemory(WINDOW, 0);
    memory.record(HOUR, 600_000, 100);
    memory.record(2 * HOUR, 100_000, 900);
    memory.record(3 * DAY, 50_000, 10);
    expect(memory.peak(20 * DAY)).toEqual({ bytesPerSecond: 600_000, recordsPerSecond: 900 });
  });

  it("forgets a peak between 29 and 30 days after it, whatever its time of day", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * DAY }), (seenAtUs) => {
        const memory = new PeakMemory(WINDOW, 0);
        memory.record(seenAtUs, 1_000_000, 1000);
        // Still there 29 days later (one bucket less than the window)…
        expect(memory.peak(seenAtUs + 29 * DAY - 1).bytesPerSecond).toBe(1_000_000);
        // …and gone once the whole window has passed.
        expect(memory.peak(seenAtUs + 30 * DAY)).toEqual({
          bytesPerSecond: 0,
          recordsPerSecond: 0,
        });
      }),
    );
  });

  it("a quieter week does not erase the peak; a month of quiet does", () => {
    const memory = new PeakMemory(WINDOW, 0);
    for (let day = 0; day < 5; day++) memory.record(day * DAY + 12 * HOUR, 6_000_000, 6000);
    for (let hour = 5 * 24; hour < 7 * 24; hour++) memory.record(hour * HOUR, 300_000, 300);
    expect(memory.peak(7 * DAY + 8 * HOUR).bytesPerSecond).toBe(6_000_000);
    for (let day = 7; day < 40; day++) memory.record(day * DAY, 300_000, 300);
    expect(memory.peak(40 * DAY).bytesPerSecond).toBe(300_000);
  });

  it("a split child remembers its share; a merged child the bucket-by-bucket sum", () => {
    const a = new PeakMemory(WINDOW, 0);
    const b = new PeakMemory(WINDOW, 0);
    a.record(HOUR, 400_000, 400);
    b.record(2 * HOUR, 300_000, 100); // the same day: peaks add
    b.record(5 * DAY, 450_000, 450); // another day: only the higher sum counts
    const half = a.scaled(0.5, 3 * HOUR);
    expect(half.peak(3 * HOUR)).toEqual({ bytesPerSecond: 200_000, recordsPerSecond: 200 });
    expect(PeakMemory.sum(a, b, 6 * DAY).peak(6 * DAY)).toEqual({
      bytesPerSecond: 700_000,
      recordsPerSecond: 500,
    });
    // The inherited memory still ages from when the parent saw the peak.
    expect(half.peak(31 * DAY).bytesPerSecond).toBe(0);
  });
});
