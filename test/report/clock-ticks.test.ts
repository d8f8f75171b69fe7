import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clockTicks } from "../../src/report/clock-ticks.js";

describe("clockTicks", () => {
  it("a two-minute run from 06:00 UTC: every 15 s, to the second", () => {
    const ticks = clockTicks("2026-03-01T06:00:00Z", 120);
    expect(ticks.labels).toEqual([
      "06:00:00",
      "06:00:15",
      "06:00:30",
      "06:00:45",
      "06:01:00",
      "06:01:15",
      "06:01:30",
      "06:01:45",
      "06:02:00",
    ]);
    expect(ticks.seconds[1]).toBe(15);
    expect(ticks.title).toBe("UTC time, 2026-03-01");
  });

  it("round times of day even from an odd start; dates when the run spans them", () => {
    const hour = clockTicks("2026-03-01T06:07:30Z", 3600);
    expect(hour.labels[0]).toBe("06:10");
    expect(hour.seconds[0]).toBe(150);
    const days = clockTicks("2026-03-01T22:00:00Z", 4 * 3600);
    expect(days.labels).toContain("03-02 00:00");
    expect(days.title).toBe("UTC date and time");
    const week = clockTicks("2026-03-01T00:00:00Z", 7 * 86_400);
    expect(week.labels[0]).toBe("03-01");
  });

  it("for any start and duration: ticks inside the run, increasing, distinct labels, at most ~count", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2100, 0, 1) / 1000 }),
        fc.integer({ min: 1, max: 400 * 86_400 }),
        (startSecond, duration) => {
          const start = new Date(startSecond * 1000).toISOString().replace(/\.000Z$/, "Z");
          const ticks = clockTicks(start, duration);
          expect(ticks.seconds.length).toBe(ticks.labels.length);
          for (const at of ticks.seconds) {
            expect(at).toBeGreaterThanOrEqual(0);
            expect(at).toBeLessThanOrEqual(duration);
          }
          for (let i = 1; i < ticks.seconds.length; i++) {
            expect(ticks.seconds[i]).toBeGreaterThan(ticks.seconds[i - 1] as number);
          }
          expect(new Set(ticks.labels).size).toBe(ticks.labels.length);
          expect(ticks.seconds.length).toBeLessThanOrEqual(9);
        },
      ),
    );
  });
});
