import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kinesimWithin } from "../helpers/cli-bounded.js";
import { scratchDirectories } from "../helpers/scratch.js";
import { sparseFile } from "../helpers/sparse-file.js";

const scratch = scratchDirectories("kinesim-input-files-");

/**
 * Every file a user names on the command line (an experiment, a result, a series, a sweep's
 * partial) is read only when it is a regular file of bounded size (issue 12, part 4):
 * `kinesim run /dev/zero` read forever before. A timeout turns a hang into a failure.
 */
/** Small runs: a hang is killed after 20 s and fails. */
const BUDGET = { heapMb: 256, timeoutMs: 20_000 };

function expectRefused(args: string[], message: RegExp): void {
  const run = kinesimWithin(BUDGET, args);
  expect(run.signal).toBeNull();
  expect(run.stdout).toBe("");
  expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(run.stderr).toMatch(message);
  expect(run.status).toBe(2);
}

const device =
  /^kinesim: \/dev\/zero: not a regular file but a character device, which may never end: give /;

describe("files named on the command line", () => {
  it("refuses a device as the experiment of run, explain and sweep", () => {
    expectRefused(["run", "/dev/zero"], device);
    expectRefused(["explain", "/dev/zero"], device);
    expectRefused(["sweep", "/dev/zero", "--vary", "stream.shards=1,2"], device);
  });

  it("refuses a device as report's result or series and as merge's partial", () => {
    expectRefused(["report", "/dev/zero"], /give a result\.json$/m);
    expectRefused(["merge", "/dev/zero"], /give a sweep partial \(\.json\)$/m);
    const out = scratch();
    const saved = kinesimWithin(BUDGET, ["run", "experiments/quickstart.yaml", "--out", out]);
    expect(saved.status).toBe(0);
    expectRefused(
      ["report", join(out, "result.json"), "--series", "/dev/zero"],
      /give a timeseries\.csv$/m,
    );
  });

  it("refuses a named pipe with no writer without waiting for one", () => {
    const directory = scratch();
    const fifo = join(directory, "pipe.yaml");
    const made = spawnSync("mkfifo", [fifo]);
    if (made.status !== 0) return; // no mkfifo here: nothing to test with
    expectRefused(["run", fifo], /pipe\.yaml: not a regular file but a named pipe/);
  });

  it("refuses a directory and an experiment larger than 32 MiB with one line", () => {
    expectRefused(
      ["run", "experiments"],
      /^kinesim: experiments: is a directory, expected an experiment file$/m,
    );
    const directory = scratch();
    const big = sparseFile(directory, "big.yaml", 33 * 1024 * 1024);
    expectRefused(
      ["run", big],
      /big\.yaml: 33 MiB, larger than the 32 MiB an experiment file may be$/m,
    );
  });
});
