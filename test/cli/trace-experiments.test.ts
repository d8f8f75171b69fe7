import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kinesim } from "../helpers/cli.js";
import { scratchDirectories } from "../helpers/scratch.js";

const scratch = scratchDirectories("kinesim-trace-");

describe("trace experiments from the command line", () => {
  it("finds trace files relative to the experiment file, from any directory", () => {
    const here = kinesim(["run", "experiments/trace-replay.yaml", "--json"]);
    const elsewhere = kinesim(
      ["run", join(process.cwd(), "experiments/trace-replay.yaml"), "--json"],
      tmpdir(),
    );
    expect(here.status).toBe(0);
    expect(elsewhere.stdout.replace(/"wallMs": [\d.]+/, "")).toBe(
      here.stdout.replace(/"wallMs": [\d.]+/, ""),
    );
    const result = JSON.parse(here.stdout);
    expect(result.skew.observedKeysExact).toBe(true);
    expect(result.throttleRate).toBeGreaterThan(0);
  });

  it("sweeps a trace replay in worker threads, with the same output as in one thread", () => {
    const args = [
      "sweep",
      "experiments/trace-replay.yaml",
      "--vary",
      "producers.0.trace.volumeScale=0.5,1",
      "--json",
    ];
    const pooled = kinesim([...args, "--workers", "2"]);
    const single = kinesim([...args, "--workers", "1"]);
    expect(pooled.status).toBe(0);
    expect(pooled.stdout).toBe(single.stdout);
    const sweep = JSON.parse(pooled.stdout);
    expect(sweep.points).toHaveLength(2);
  });

  it("a missing trace file is one line on stderr, exit 2, nothing on stdout", () => {
    const directory = scratch();
    const experiment = join(directory, "x.yaml");
    writeFileSync(
      experiment,
      "duration: 1s\nstream: {shards: 1}\nproducers: [{name: p, trace: {file: gone.csv}}]\n",
    );
    const run = kinesim(["run", experiment]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/gone\.csv: no such file/);
  });

  it("a bad CloudWatch export names the file and the line", () => {
    const directory = scratch();
    writeFileSync(
      join(directory, "cw.csv"),
      "Timestamp,IncomingRecords,IncomingBytes\n0,10,100\n60,ten,100\n",
    );
    writeFileSync(
      join(directory, "x.yaml"),
      "duration: 1m\nstream: {shards: 1}\nproducers: [{name: p, cloudwatch: {file: cw.csv}}]\n",
    );
    const run = kinesim(["run", join(directory, "x.yaml"), "--out", join(directory, "out")]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      'kinesim: producers[0].cloudwatch.file: cw.csv: line 3: IncomingRecords: expected a number ≥ 0, got "ten"',
    );
  });
});
