import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kinesim } from "../helpers/cli.js";
import { kinesimInProcess } from "../helpers/cli-in-process.js";
import { scratchDirectories } from "../helpers/scratch.js";

const scratch = scratchDirectories("kinesim-plan-");

/** A user mistake: one line on stderr naming it, nothing on stdout, exit status 2. */
async function expectUserError(args: string[], pattern: RegExp): Promise<void> {
  const run = await kinesimInProcess(args);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
  expect(run.stderr).toMatch(pattern);
}

function experimentWithRate(rate: string): string {
  const dir = scratch();
  const file = join(dir, "x.yaml");
  writeFileSync(
    file,
    `name: x\nduration: 1m\nstream: { shards: 1 }\nproducers:\n  - { name: p, rate: ${rate} }\nconsumers: []\n`,
  );
  return file;
}

describe("kinesim plan EXPERIMENT", () => {
  it("sizes the shipped daily-curve lesson for its peak and bills the month from its curve", async () => {
    const run = await kinesimInProcess(["plan", "experiments/diurnal.yaml", "--json"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const plan = JSON.parse(run.stdout);
    expect(Object.keys(plan).slice(0, 4)).toEqual([
      "shards",
      "limitingFactor",
      "provisioned",
      "onDemand",
    ]);
    // 7,000 records/s at 2 pm ÷ 1,000 per shard.
    expect(plan).toMatchObject({ shards: 7, limitingFactor: "records" });
    expect(plan.traffic.periodSeconds).toBe(86_400);
    // A 730-hour month is 730 ÷ 24 days: the day is scaled ×30.42 (kinesis-facts.md §11).
    expect(plan.traffic.monthScale).toBeCloseTo(730 / 24, 5);
  });

  it("prints a readable plan comparing the two modes, the same bytes every time", async () => {
    // The built command as a user runs it, then the same main in this process: the same bytes.
    const first = kinesim(["plan", "experiments/peak-hours.yaml"]);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/peak ÷ mean 3\.00×/);
    expect(first.stdout).toMatch(/3 provisioned for the peak, limited by records/);
    expect(first.stdout).toMatch(/provisioned is cheaper by \$[\d,.]+ a month/);
    expect((await kinesimInProcess(["plan", "experiments/peak-hours.yaml"])).stdout).toBe(
      first.stdout,
    );
  });

  it("--set changes the file's traffic before planning", async () => {
    const run = await kinesimInProcess([
      "plan",
      "experiments/diurnal.yaml",
      "--set",
      "producers[0].rate=2500",
      "--json",
    ]);
    expect(JSON.parse(run.stdout)).toMatchObject({ shards: 3, limitingFactor: "records" });
  });

  it("refuses the steady-traffic flags with a file, and --set without one", async () => {
    await expectUserError(
      ["plan", "experiments/diurnal.yaml", "--records-per-second", "10"],
      /^kinesim: --records-per-second: not with an experiment file/,
    );
    await expectUserError(
      ["plan", "experiments/diurnal.yaml", "--efo"],
      /--efo: not with an experiment/,
    );
    await expectUserError(
      ["plan", "--records-per-second", "10", "--record-size", "1KB", "--set", "a=1"],
      /--set: only with an experiment file/,
    );
    await expectUserError(["plan", "no-such-file.yaml"], /no-such-file\.yaml/);
  });

  it("refuses an hourly profile that is not 24 non-negative rates, naming the setting", async () => {
    const short = experimentWithRate(`{ hourly: [${Array(23).fill(5).join(", ")}] }`);
    await expectUserError(
      ["plan", short],
      /producers\[0\]\.rate\.hourly: expected exactly 24 rates/,
    );
    await expectUserError(
      ["run", short],
      /producers\[0\]\.rate\.hourly: expected exactly 24 rates/,
    );
    const negative = experimentWithRate(`{ hourly: [-1${", 5".repeat(23)}] }`);
    await expectUserError(
      ["run", negative],
      /producers\[0\]\.rate\.hourly\[0\]: expected a number ≥ 0/,
    );
    const zero = experimentWithRate(`{ hourly: [${Array(24).fill(0).join(", ")}] }`);
    await expectUserError(["run", zero], /at least one hour needs a rate above 0/);
    const notList = experimentWithRate("{ hourly: 5 }");
    await expectUserError(["run", notList], /producers\[0\]\.rate/);
  });
});
