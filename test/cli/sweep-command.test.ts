import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kinesim } from "../helpers/cli.js";
import { kinesimInProcess as cli } from "../helpers/cli-in-process.js";

// Sweeps across worker threads, and the runs whose output the others are held to, are spawned
// as a user runs them; the rest run main in this process (one worker: no threads).

const scratch = mkdtempSync(join(tmpdir(), "kinesim-sweep-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const sweepArgs = [
  "sweep",
  "experiments/hot-key.yaml",
  "--set",
  "duration=20s",
  "--vary",
  "stream.shards=4,8",
  "--vary",
  "producers[0].rate=3000,5000",
  "--replications",
  "3",
];

describe("kinesim sweep", () => {
  const one = kinesim([...sweepArgs, "--json", "--workers", "1"]);

  it("reports every metric's mean and 95 % interval for each point", () => {
    expect(one.status).toBe(0);
    const output = JSON.parse(one.stdout);
    expect(output.points).toHaveLength(4);
    const first = output.points[0];
    expect(first.values).toEqual({ "stream.shards": "4", "producers[0].rate": "3000" });
    expect(first.runs).toBe(3);
    const throttle = first.metrics.throttleRate;
    expect(throttle.ci95[0]).toBeLessThanOrEqual(throttle.mean);
    expect(throttle.mean).toBeLessThanOrEqual(throttle.ci95[1]);
    // More traffic on the same shards throttles more.
    expect(output.points[1].metrics.throttleRate.mean).toBeGreaterThan(
      first.metrics.throttleRate.mean,
    );
  });

  it("prints byte-identical results whatever the number of workers", () => {
    // Two: this thread and one worker thread; three: this thread and two worker threads.
    for (const workers of ["2", "3"]) {
      const many = kinesim([...sweepArgs, "--json", "--workers", workers]);
      expect(many.status).toBe(0);
      expect(many.stdout).toBe(one.stdout);
    }
  });

  it("merging the partitions prints exactly what one machine printed", async () => {
    const files: string[] = [];
    for (const i of [0, 1, 2]) {
      const part = await cli([...sweepArgs, "--partition", `${i}/3`, "--workers", "1"]);
      expect(part.status).toBe(0);
      const file = join(scratch, `part-${i}.json`);
      writeFileSync(file, part.stdout);
      files.push(file);
    }
    const merged = await cli([
      "merge",
      files[2] as string,
      files[0] as string,
      files[1] as string,
      "--json",
    ]);
    expect(merged.status).toBe(0);
    expect(merged.stdout).toBe(one.stdout);
    const table = await cli(["merge", ...files]);
    expect(table.stdout).toBe((await cli([...sweepArgs, "--workers", "1"])).stdout);
    const missing = await cli(["merge", files[0] as string, files[1] as string]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/missing/);
  });

  it("prints CSV with a column per metric bound", async () => {
    const csv = (await cli([...sweepArgs, "--csv", "--workers", "1"])).stdout.trim().split("\n");
    expect(csv).toHaveLength(5);
    expect(csv[0]).toMatch(
      /^stream\.shards,producers\[0\]\.rate,runs,throttleRate\.mean,throttleRate\.ci95Low/,
    );
  });

  it("rejects a bad --vary value before running anything", async () => {
    const bad = await cli([
      "sweep",
      "experiments/quickstart.yaml",
      "--vary",
      "stream.shards=2,zero",
    ]);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toMatch(/stream\.shards/);
    const none = await cli(["sweep", "experiments/quickstart.yaml"]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/--vary/);
  });
});

describe("kinesim merge refuses partials that are not of one sweep", () => {
  /** The same experiment in its own folder, replaying `trace` (time, partition key, size). */
  const experimentWith = (folder: string, trace: string) => {
    const dir = join(scratch, folder);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "trace.csv"), trace);
    const experiment = join(dir, "replay.yaml");
    writeFileSync(
      experiment,
      [
        "name: replay",
        "duration: 5s",
        "stream: {shards: 1}",
        "producers:",
        "  - name: p",
        "    trace: {file: trace.csv, repeat: true}",
        "",
      ].join("\n"),
    );
    return experiment;
  };
  const partition = (experiment: string, i: number) => {
    const run = kinesim([
      "sweep",
      experiment,
      "--vary",
      "stream.shards=1,2",
      "--partition",
      `${i}/2`,
      "--workers",
      "1",
    ]);
    const file = join(dirname(experiment), `part-${i}.json`);
    writeFileSync(file, run.stdout);
    return file;
  };
  const calm = experimentWith("calm", "time,partitionKey,size\n0,a,100\n0.5,b,100\n");
  const busy = experimentWith("busy", "time,partitionKey,size\n0,a,900\n0.001,b,900\n");
  const calm0 = partition(calm, 0);
  const calm1 = partition(calm, 1);

  it("partitions computed from different trace files (was a merged table, exit 0)", async () => {
    expect((await cli(["merge", calm0, calm1])).status).toBe(0);
    const merged = await cli(["merge", calm0, partition(busy, 1)]);
    expect(merged.status).toBe(2);
    expect(merged.stdout).toBe("");
    expect(merged.stderr).toMatch(
      /^kinesim: .*part-1\.json: is a partition of a different sweep \(the experiment, the files it reads/,
    );
    expect(merged.stderr.trim().split("\n")).toHaveLength(1);
    // The same files in another folder are the same sweep.
    const copy = experimentWith("calm-copy", "time,partitionKey,size\n0,a,100\n0.5,b,100\n");
    expect((await cli(["merge", calm0, partition(copy, 1)])).status).toBe(0);
  });

  it("a partial whose metric vector was cut short, or made by another version", async () => {
    const good = calm0;
    const part = JSON.parse(readFileSync(calm1, "utf8"));
    part.runs[0].metrics.pop();
    const short = join(scratch, "short.json");
    writeFileSync(short, JSON.stringify(part));
    const cut = await cli(["merge", good, short]);
    expect(cut.status).toBe(2);
    expect(cut.stdout).toBe("");
    expect(cut.stderr).toMatch(/short\.json: .*runs\[0\]\.metrics: expected 22 numbers/);
    part.runs[0].metrics.push(0);
    part.sweep.version = "9.9.9-fake";
    const old = join(scratch, "old.json");
    writeFileSync(old, JSON.stringify(part));
    const other = await cli(["merge", good, old]);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/old\.json: sweep\.version: made by kinesim "9\.9\.9-fake"/);
    part.sweep.version = JSON.parse(readFileSync(good, "utf8")).sweep.version;
    part.sweep.vary[0].values = "1,2";
    const text = join(scratch, "text-values.json");
    writeFileSync(text, JSON.stringify(part));
    const typed = await cli(["merge", good, text]);
    expect(typed.status).toBe(2);
    expect(typed.stderr).toMatch(/text-values\.json: .*sweep\.vary\[0\]\.values: expected a list/);
  });
});
