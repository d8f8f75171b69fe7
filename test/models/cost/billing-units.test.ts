import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BILLING_GB_BYTES,
  onDemandBilledBytesOf,
  onDemandBilledBytesPerRecord,
  putPayloadUnitsOf,
  putPayloadUnitsPerRecord,
} from "../../../models/cost/billing-units.js";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";

const KIB = 1024;

describe("PUT payload units (kinesis-facts.md §11: 25 KB chunks per record)", () => {
  it("the profile's unit is 25 KiB", () => {
    expect(DEFAULT_PROFILE.putPayloadUnitBytes).toBe(25 * KIB);
  });

  it("AWS's examples: 5 KB = 1 unit, 45 KB = 2, 1 MB = 40", () => {
    for (const fiveKb of [5000, 5 * KIB])
      expect(putPayloadUnitsPerRecord(fiveKb, DEFAULT_PROFILE)).toBe(1);
    for (const fortyFiveKb of [45_000, 45 * KIB])
      expect(putPayloadUnitsPerRecord(fortyFiveKb, DEFAULT_PROFILE)).toBe(2);
    // "1 MB = 40": 1,000,000 B is 39.06 chunks of 25,600 B → 40; 1,000 KiB is exactly 40.
    expect(putPayloadUnitsPerRecord(1_000_000, DEFAULT_PROFILE)).toBe(40);
    expect(putPayloadUnitsPerRecord(1000 * KIB, DEFAULT_PROFILE)).toBe(40);
    // A full 1 MiB record (the largest) is 40.96 chunks → 41 units.
    expect(putPayloadUnitsPerRecord(1024 * KIB, DEFAULT_PROFILE)).toBe(41);
  });

  it("chunk edges: 25 KiB is one unit, one byte more is two; a tiny record is one", () => {
    expect(putPayloadUnitsPerRecord(1, DEFAULT_PROFILE)).toBe(1);
    expect(putPayloadUnitsPerRecord(25 * KIB, DEFAULT_PROFILE)).toBe(1);
    expect(putPayloadUnitsPerRecord(25 * KIB + 1, DEFAULT_PROFILE)).toBe(2);
  });

  it("follows the profile's chunk size", () => {
    const profile = { ...DEFAULT_PROFILE, putPayloadUnitBytes: 1000 };
    expect(putPayloadUnitsPerRecord(2500, profile)).toBe(3);
  });

  it("a run of records is billed at its mean size", () => {
    expect(putPayloadUnitsOf(0, 0, DEFAULT_PROFILE)).toBe(0);
    expect(putPayloadUnitsOf(10, 10 * 30 * KIB, DEFAULT_PROFILE)).toBe(20);
  });
});

describe("on-demand Data-In rounding (kinesis-facts.md §11: each record up to 1 KB)", () => {
  it("a 100-byte record bills 1 KiB; 4.5 KB bills 5 KiB (the pricing page's example)", () => {
    expect(DEFAULT_PROFILE.onDemandInRoundingBytes).toBe(KIB);
    expect(onDemandBilledBytesPerRecord(100, DEFAULT_PROFILE)).toBe(KIB);
    expect(onDemandBilledBytesPerRecord(4.5 * KIB, DEFAULT_PROFILE)).toBe(5 * KIB);
    expect(onDemandBilledBytesPerRecord(KIB, DEFAULT_PROFILE)).toBe(KIB);
    expect(onDemandBilledBytesPerRecord(KIB + 1, DEFAULT_PROFILE)).toBe(2 * KIB);
    expect(onDemandBilledBytesOf(1000, 100_000, DEFAULT_PROFILE)).toBe(1000 * KIB);
  });

  it("never bills less than the bytes sent, nor a whole unit more", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 * 1024 * KIB }), (bytes) => {
        const billed = onDemandBilledBytesPerRecord(bytes, DEFAULT_PROFILE);
        expect(billed % KIB).toBe(0);
        expect(billed).toBeGreaterThanOrEqual(bytes);
        expect(billed - bytes).toBeLessThan(KIB);
      }),
    );
  });

  it("a billed GB is 2^30 bytes", () => {
    expect(BILLING_GB_BYTES).toBe(1_073_741_824);
  });
});

describe("a run's billing without dividing (the write path's quick path)", () => {
  // The run functions skip the division when the mean record fits one unit; near that edge
  // (and for the fractional record counts of aggregated KPL runs) they must still give
  // exactly what billing each record at the run's mean size gives.
  const records = fc.oneof(
    fc.integer({ min: 1, max: 5000 }),
    fc.double({ min: 0.001, max: 5000, noNaN: true }),
  );
  const nearEdge = fc.double({ min: -1e-9, max: 1e-9, noNaN: true });

  const meters = [
    {
      name: "PUT payload units",
      unit: DEFAULT_PROFILE.putPayloadUnitBytes,
      ofRun: putPayloadUnitsOf,
      perRecord: putPayloadUnitsPerRecord,
    },
    {
      name: "on-demand billed bytes",
      unit: DEFAULT_PROFILE.onDemandInRoundingBytes,
      ofRun: onDemandBilledBytesOf,
      perRecord: onDemandBilledBytesPerRecord,
    },
  ];

  for (const { name, unit, ofRun, perRecord } of meters) {
    it(`${name}: records × what the mean record bills`, () => {
      fc.assert(
        fc.property(records, nearEdge, (count, offset) => {
          for (const bytes of [count * unit * (1 + offset), Math.round(count * unit), 1]) {
            const mean = perRecord(bytes / count, DEFAULT_PROFILE);
            expect(ofRun(count, bytes, DEFAULT_PROFILE)).toBe(count * mean);
          }
        }),
      );
    });
  }
});
