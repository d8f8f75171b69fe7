import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BILLING_GB_BYTES } from "../../../models/cost/billing-units.js";
import {
  steadyStoredGbHoursBeyondAge,
  storedGbHoursBeyondAge,
} from "../../../models/cost/stored-data.js";

const HOUR_US = 3_600_000_000;
const GB = BILLING_GB_BYTES;

describe("steadyStoredGbHoursBeyondAge", () => {
  it("holds rate × (retention − age) for the whole span, nothing when retention ≤ age", () => {
    // 1 GB per hour kept 8 days: 24 GB are older than 7 days at every moment.
    expect(steadyStoredGbHoursBeyondAge(GB / 3600, 192, 168, 720)).toBeCloseTo(24 * 720, 9);
    expect(steadyStoredGbHoursBeyondAge(GB / 3600, 168, 168, 720)).toBe(0);
    expect(steadyStoredGbHoursBeyondAge(GB / 3600, 24, 168, 720)).toBe(0);
  });
});

describe("storedGbHoursBeyondAge (from a run's series)", () => {
  it("1 GB in the first hour of a 10-day run, 8-day retention: 24 GB-hours beyond 7 days", () => {
    const gbHours = storedGbHoursBeyondAge({
      bytesPerInterval: [GB],
      resolutionUs: HOUR_US,
      durationUs: 240 * HOUR_US,
      retentionUs: 192 * HOUR_US,
      ageUs: 168 * HOUR_US,
    });
    expect(gbHours).toBeCloseTo(24, 9);
  });

  it("a run shorter than the age stores nothing that old", () => {
    const gbHours = storedGbHoursBeyondAge({
      bytesPerInterval: new Float64Array(120).fill(1e6),
      resolutionUs: 1_000_000,
      durationUs: 120_000_000,
      retentionUs: 192 * HOUR_US,
      ageUs: 24 * HOUR_US,
    });
    expect(gbHours).toBe(0);
  });

  it("data cut mid-interval counts its mean over the interval (triangle)", () => {
    // 1 GB accepted evenly over the last hour of a run, age 0, retention long: on average it
    // is stored for half an hour.
    const gbHours = storedGbHoursBeyondAge({
      bytesPerInterval: [0, GB],
      resolutionUs: HOUR_US,
      durationUs: 2 * HOUR_US,
      retentionUs: 100 * HOUR_US,
      ageUs: 0,
    });
    expect(gbHours).toBeCloseTo(0.5, 12);
  });

  it("long steady runs approach the steady-state formula", () => {
    fc.assert(
      fc.property(fc.integer({ min: 25, max: 200 }), (retentionHours) => {
        // 40 days of 1 MB/s in hourly buckets; measure the last 10 days against steady state.
        const hours = 960;
        const bytesPerHour = 3.6e9;
        const series = new Float64Array(hours).fill(bytesPerHour);
        const at = (days: number) =>
          storedGbHoursBeyondAge({
            bytesPerInterval: series.subarray(0, days * 24),
            resolutionUs: HOUR_US,
            durationUs: days * 24 * HOUR_US,
            retentionUs: retentionHours * HOUR_US,
            ageUs: 24 * HOUR_US,
          });
        const lastTenDays = at(40) - at(30);
        const steady = steadyStoredGbHoursBeyondAge(1e6, retentionHours, 24, 240);
        expect(lastTenDays).toBeCloseTo(steady, 6);
      }),
      { numRuns: 20 },
    );
  });
});
