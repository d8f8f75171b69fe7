import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatDurationUs,
  parseDurationUs,
  parseSizeBytes,
} from "../../../src/experiment/config/units.js";

describe("parseDurationUs", () => {
  it.each([
    ["0", 0],
    ["0s", 0],
    ["17us", 17],
    ["17µs", 17],
    ["250ms", 250_000],
    ["1.5s", 1_500_000],
    [".5s", 500_000],
    ["2m", 120_000_000],
    ["2min", 120_000_000],
    ["24h", 86_400_000_000],
    ["1d", 86_400_000_000],
    [" 3 h ", 10_800_000_000],
    ["0.0000005s", 1], // rounds half up to the nearest microsecond
    ["0.0000004s", 0],
    ["0.1h", 360_000_000], // exact decimal arithmetic, no float drift
    ["8760h", 31_536_000_000_000],
  ])("%s → %d µs", (text, us) => {
    expect(parseDurationUs(text)).toBe(us);
  });

  it.each([
    "",
    "5",
    "5 parsecs",
    "-1s",
    "1e3ms",
    "1H",
    "1.s",
    "s",
    "1s2",
    "Infinity",
    "99999999999999999999h",
  ])("rejects %j with a one-line message", (text) => {
    expect(() => parseDurationUs(text)).toThrow(/^expected a duration .*, got ".*"$/);
  });

  it("names the input in the message", () => {
    expect(() => parseDurationUs("5 parsecs")).toThrow(
      'expected a duration like "250ms" or "24h", got "5 parsecs"',
    );
  });
});

describe("parseSizeBytes", () => {
  it.each([
    [0, 0],
    [1024, 1024],
    ["512", 512],
    ["512B", 512],
    ["1KB", 1000],
    ["1kb", 1000],
    ["1Kb", 1000],
    ["1.5KB", 1500],
    ["2 MB", 2_000_000],
    ["1GB", 1_000_000_000],
    ["1KiB", 1024],
    ["1.5KiB", 1536],
    ["1MiB", 1_048_576],
    ["10 mib", 10_485_760],
    ["1GiB", 1_073_741_824],
  ])("%j → %d bytes", (value, bytes) => {
    expect(parseSizeBytes(value)).toBe(bytes);
  });

  it.each(["", "KB", "1 parsec", "1TB", "-1KB", "1.1KiB", "0.5B", "1e3"])("rejects %j", (value) => {
    expect(() => parseSizeBytes(value)).toThrow(/^expected .*, got ".*"$/);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])(
    "rejects the number %d",
    (value) => {
      expect(() => parseSizeBytes(value)).toThrow(/^expected a whole number of bytes/);
    },
  );
});

describe("formatDurationUs", () => {
  it.each([
    [0, "0s"],
    [17, "17us"],
    [1_500, "1.5ms"],
    [250_000, "250ms"],
    [1_500_000, "1.5s"],
    [90_000_000, "90s"],
    [120_000_000, "2m"],
    [86_400_000_000, "24h"],
    [31_536_000_000_000, "8760h"],
    [1_234_567, "1234.567ms"],
  ])("%d µs → %s", (us, text) => {
    expect(formatDurationUs(us)).toBe(text);
  });

  it("round-trips through parseDurationUs", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.nat(),
          fc.maxSafeNat(),
          fc.nat({ max: 10_000 }).map((n) => n * 60_000_000),
        ),
        (us) => {
          expect(parseDurationUs(formatDurationUs(us))).toBe(us);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("formatBytes", () => {
  it.each([
    [0, "0 B"],
    [999, "999 B"],
    [1000, "1 KB"],
    [2000, "2 KB"],
    [1500, "1.5 KB"],
    [1024, "1 KiB"],
    [1536, "1.5 KiB"],
    [1_048_576, "1 MiB"],
    [10_485_760, "10 MiB"],
    [5_000_000, "5 MB"],
  ])("%d → %s", (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });

  it("round-trips through parseSizeBytes", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.nat(),
          fc.maxSafeNat(),
          fc.nat({ max: 4096 }).map((n) => n * 1024),
        ),
        (n) => {
          expect(parseSizeBytes(formatBytes(n))).toBe(n);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
