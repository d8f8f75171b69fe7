import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE } from "../../models/limits/profile.js";
import { type PlanFlags, parsePlanFlags } from "../../src/cli/plan-input.js";
import { UserError } from "../../src/experiment/config/user-error.js";
import { DEFAULT_PARTITION_KEY_BYTES } from "../../src/experiment/plan/plan-simulation.js";

const parse = (flags: PlanFlags) => parsePlanFlags(flags, DEFAULT_PROFILE);
const base = { recordsPerSecond: "5000", recordSize: "2KB" };

function error(flags: PlanFlags): UserError {
  try {
    parse(flags);
  } catch (caught) {
    if (caught instanceof UserError) return caught;
    throw caught;
  }
  throw new Error("expected a UserError");
}

describe("parsePlanFlags", () => {
  it("defaults: one polling consumer, 24 h retention, the simulated keys' mean size", () => {
    expect(parse(base)).toEqual({
      recordsPerSecond: 5000,
      recordBytes: 2000,
      partitionKeyBytes: DEFAULT_PARTITION_KEY_BYTES,
      consumers: 1,
      efo: false,
      retentionHours: 24,
    });
    // key-0 … key-99999: 4 + 488,890 / 100,000 digits.
    expect(DEFAULT_PARTITION_KEY_BYTES).toBeCloseTo(8.8889, 4);
  });

  it("sizes, decimals, retention in hours or as a duration", () => {
    const plan = parse({
      recordsPerSecond: "2.5e3",
      recordSize: "1000 KiB",
      keySize: "36",
      consumers: "0",
      efo: true,
      retention: "7d",
    });
    expect(plan).toMatchObject({
      recordsPerSecond: 2500,
      recordBytes: 1_024_000,
      partitionKeyBytes: 36,
      consumers: 0,
      efo: true,
      retentionHours: 168,
    });
    expect(parse({ ...base, retention: "168" }).retentionHours).toBe(168);
    expect(parse({ ...base, retention: "8760h" }).retentionHours).toBe(8760);
  });

  it("takes the largest rate and consumer counts it allows", () => {
    expect(parse({ ...base, recordsPerSecond: "1e9", consumers: "1000" })).toMatchObject({
      recordsPerSecond: 1e9,
      consumers: 1000,
    });
    expect(parse({ ...base, consumers: "20", efo: true }).consumers).toBe(20);
  });

  it.each([
    [{ recordSize: "2KB" }, "--records-per-second: required"],
    [
      { ...base, recordsPerSecond: "fast" },
      '--records-per-second: expected a positive number, got "fast"',
    ],
    [{ ...base, recordsPerSecond: "0" }, "--records-per-second: expected a positive number"],
    [{ ...base, recordsPerSecond: "-5" }, "--records-per-second: expected a positive number"],
    [{ ...base, recordsPerSecond: "0x10" }, "--records-per-second: expected a positive number"],
    [{ recordsPerSecond: "5000" }, "--record-size: required"],
    [{ ...base, recordSize: "2 furlongs" }, '--record-size: expected a size like "1KB"'],
    [{ ...base, recordSize: "0" }, "--record-size: expected a size from 1 B to 1048576 B"],
    [{ ...base, recordSize: "2MB" }, "--record-size: expected a size from 1 B to 1048576 B"],
    [
      { ...base, recordSize: "1MiB" },
      "--record-size: expected a size up to 1048567 B (the max record size, 1048576 B, counts the 9 B partition key too)",
    ],
    [
      { ...base, keySize: "300" },
      "--key-size: expected a mean partition-key size from 1 B to 256 B",
    ],
    [{ ...base, consumers: "two" }, '--consumers: expected a whole number ≥ 0, got "two"'],
    [{ ...base, consumers: "1.5" }, "--consumers: expected a whole number"],
    [{ ...base, retention: "12" }, '--retention: expected 24 to 8760 hours, got "12"'],
    [
      { ...base, retention: "2y" },
      '--retention: expected hours (e.g. 168) or a duration like "7d"',
    ],
    [{ ...base, retention: "400d" }, "--retention: expected 24 to 8760 hours"],
    // Issue 12: 1e300 records/s made "2.3,947,821,…e+297 shards".
    [
      { ...base, recordsPerSecond: "1e300" },
      `--records-per-second: expected at most 1,000,000,000 (a million shards' worth), got "1e300"`,
    ],
    [
      { ...base, recordsPerSecond: "1000000001" },
      "--records-per-second: expected at most 1,000,000,000",
    ],
    [
      { ...base, consumers: "9007199254740991" },
      '--consumers: expected at most 1,000 (a shard answers 5 GetRecords calls a second from all of them), got "9007199254740991"',
    ],
    [
      { ...base, consumers: "21", efo: true },
      '--consumers: expected at most 20 (the enhanced fan-out consumers a stream may register), got "21"',
    ],
  ])("%j → one line: %s", (flags, message) => {
    const caught = error(flags);
    expect(caught.message).toContain(message);
    expect(caught.message).not.toMatch(/\n/);
  });
});
