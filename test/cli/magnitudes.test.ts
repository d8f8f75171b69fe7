import { describe, expect, it } from "vitest";
import { kinesimInProcess } from "../helpers/cli-in-process.js";

/**
 * Issue 12: magnitudes the engine cannot count exactly end in one line and status 2, with no
 * stack and no partial output (they ended in "invariant violated", "does not fit an
 * Int32Array" or "normal: need finite mean").
 */
describe("kinesim refuses magnitudes it cannot count", () => {
  const set = (experiment: string, ...assignments: string[]) => [
    "run",
    `experiments/${experiment}.yaml`,
    ...assignments.flatMap((assignment) => ["--set", assignment]),
  ];
  const cases: [string, string[], RegExp][] = [
    [
      "a rate of 1e12",
      set("quickstart", "producers[0].rate=1e12"),
      /^kinesim: producers\[0\]\.rate: expected at most 1,000,000,000 records\/s/,
    ],
    [
      "bursts whose product with the rate is too large",
      set("bursty", "producers[0].bursts.onFactor=1e9"),
      /^kinesim: producers\[0\]\.bursts\.onFactor: producer clicks would offer up to 1,000,000,000,000 records\/s/,
    ],
    [
      "a CloudWatch export scaled by 1e9",
      set("cloudwatch-replay", "producers[0].cloudwatch.volumeScale=1e9"),
      /^kinesim: producers\[0\]\.cloudwatch\.volumeScale: producer orders would offer up to/,
    ],
    [
      "a log-normal sigma of 20",
      set(
        "quickstart",
        "producers[0].recordSize={distribution: lognormal, median: 1KB, sigma: 20}",
      ),
      /^kinesim: producers\[0\]\.recordSize\.sigma: expected at most 16 /,
    ],
    [
      "a daily trough above the peak",
      set("diurnal", "producers[0].rate.daily.trough=9000"),
      /^kinesim: producers\[0\]\.rate\.daily\.trough: expected at most peak \(7000\), got 9000$/,
    ],
    [
      "a daily peak at 30h",
      set("diurnal", "producers[0].rate.daily.peakAt=30h"),
      /^kinesim: producers\[0\]\.rate\.daily\.peakAt: expected a time of day below 24h, got 30h$/,
    ],
    [
      "a year at a billion records a second",
      set("quickstart", "producers[0].rate=1e9", "duration=365d"),
      /^kinesim: duration: the producers would offer about 31,536,000,000,000,000 records/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const run = await kinesimInProcess(args);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(run.stderr.trimEnd()).toMatch(message);
    });
  }

  // Every key but the first has probability 0 in a double; this ended in "internal error".
  it("runs a zipf exponent of 1e300 over a million keys", async () => {
    const run = await kinesimInProcess([
      "run",
      "experiments/quickstart.yaml",
      "--set",
      "producers[0].keys={distribution: zipf, cardinality: 1000000, exponent: 1e300}",
    ]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/key-0 +100\.00 % of records/);
  });
});
