import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kinesim } from "../helpers/cli.js";
import { kinesimInProcess as cli } from "../helpers/cli-in-process.js";

const scratch = mkdtempSync(join(tmpdir(), "kinesim-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The JSON result with the one non-deterministic field (wall time) blanked. */
function withoutWallTime(json: string): string {
  return json.replace(/"wallMs": \d+/, '"wallMs": 0');
}

describe("kinesim run", () => {
  // Spawned, as a user runs it: the bundle, its stdout and exit status (the other tests call
  // the same main in-process).
  it("prints the summary of the quickstart experiment", () => {
    const run = kinesim(["run", "experiments/quickstart.yaml"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("throttle rate");
    expect(run.stdout).toContain("shardId-000000000003");
    expect(run.stdout).toContain("analytics");
    for (const line of run.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
  });

  it("--json prints exactly one JSON object with the result contract's fields", async () => {
    const run = await cli(["run", "experiments/hot-key.yaml", "--json"]);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    for (const field of [
      "name",
      "seed",
      "configHash",
      "version",
      "durationSeconds",
      "records",
      "throttleRate",
      "dataLoss",
      "latencyMs",
      "producers",
      "shards",
      "consumers",
      "cost",
      "engine",
    ]) {
      expect(result).toHaveProperty(field);
    }
    expect(Object.keys(result.latencyMs)).toEqual([
      "count",
      "mean",
      "p50",
      "p90",
      "p99",
      "p999",
      "max",
    ]);
    expect(result.shards[0].startingHashKey).toBe("0");
  });

  it("gives byte-identical JSON for the same file and seed, whatever else ran before", async () => {
    // The first in a process of its own, the second in one that has run other experiments.
    const first = kinesim(["run", "experiments/hot-key.yaml", "--json"]);
    await cli(["run", "experiments/quickstart.yaml", "--json"]);
    const second = await cli(["run", "experiments/hot-key.yaml", "--json"]);
    expect(withoutWallTime(second.stdout)).toBe(withoutWallTime(first.stdout));
  });

  it("--seed and --set change the run", async () => {
    const base = JSON.parse((await cli(["run", "experiments/quickstart.yaml", "--json"])).stdout);
    const reseeded = JSON.parse(
      (await cli(["run", "experiments/quickstart.yaml", "--json", "--seed", "5"])).stdout,
    );
    expect(reseeded.seed).toBe(5);
    expect(reseeded.records.offered).not.toBe(base.records.offered);
    const wider = JSON.parse(
      (await cli(["run", "experiments/quickstart.yaml", "--json", "--set", "stream.shards=6"]))
        .stdout,
    );
    expect(wider.shards).toHaveLength(6);
  });

  it("--out writes result.json and timeseries.csv", async () => {
    const out = join(scratch, "out");
    const run = await cli(["run", "experiments/quickstart.yaml", "--out", out]);
    expect(run.status).toBe(0);
    const result = JSON.parse(readFileSync(join(out, "result.json"), "utf8"));
    expect(result.name).toBe("quickstart");
    const csv = readFileSync(join(out, "timeseries.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toMatch(/^timeSeconds,kind,name,incomingRecords/);
    // 120 one-second intervals × (4 shards + 1 consumer) rows, plus the header.
    expect(csv).toHaveLength(1 + 120 * 5);
  });
});

describe("bad input: one line on stderr, exit status 2, nothing on stdout", () => {
  const bad = join(scratch, "bad.yaml");
  writeFileSync(
    bad,
    "duration: 1m\nstream: { shards: 2 }\nproducers:\n  - { name: a, rate: -5 }\n",
  );
  const unknownKey = join(scratch, "unknown.yaml");
  writeFileSync(
    unknownKey,
    "duration: 1m\nstream: { shards: 2 }\nproducers:\n  - { name: a, rat: 5 }\n",
  );
  const cases: [string, string[], RegExp][] = [
    [
      "a missing file",
      ["run", "no-such-experiment.yaml"],
      /no-such-experiment\.yaml: no such file/,
    ],
    [
      "a negative rate",
      ["run", bad],
      /producers\[0\]\.rate: expected a positive number of records per second, or "N\/s", "N\/min" or "N\/h" \(per second, minute, hour\), got -5/,
    ],
    ["an unknown key", ["run", unknownKey], /producers\[0\]: unknown key "rat"/],
    [
      "a wrong unit",
      ["run", "experiments/quickstart.yaml", "--set", "duration=5 parsecs"],
      /duration/,
    ],
    [
      "a retention below 24 h",
      ["run", "experiments/quickstart.yaml", "--set", "stream.retention=2h"],
      /24h/,
    ],
    [
      "a retention above 8760 h",
      ["run", "experiments/quickstart.yaml", "--set", "stream.retention=9000h"],
      /8760h/,
    ],
    [
      "a wrong type",
      ["run", "experiments/quickstart.yaml", "--set", "stream.shards=many"],
      /stream\.shards/,
    ],
    ["a bad seed", ["run", "experiments/quickstart.yaml", "--seed", "-1"], /--seed/],
    [
      "two seeds, by --seed and by --set",
      ["run", "experiments/quickstart.yaml", "--seed", "1", "--set", "seed=2"],
      /--seed: the seed is also given by --set seed=2/,
    ],
    [
      "a count past 2^53, which a double cannot hold exactly",
      ["run", "experiments/quickstart.yaml", "--set", "stream.shards=9007199254740993"],
      /stream\.shards: expected an integer of at most 9,007,199,254,740,991/,
    ],
    ["a bad shard count", ["hash", "a", "--shards", "0"], /--shards/],
    ["an unknown command", ["fly"], /unknown command/],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const run = await cli(args);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    });
  }

  // Spawned: the exit status a shell sees, and no folder left behind by the process.
  it("--out is not written when the experiment is invalid", () => {
    const out = join(scratch, "never");
    const run = kinesim(["run", bad, "--out", out]);
    expect(run.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe("kinesim run --windows", () => {
  // Two shards at 500 records/s each, PutRecord every 10 ms: well below the limits, so the
  // default draws runs of ticks at once (design.md §17); `never` writes tick by tick.
  const experiment = join(scratch, "windows.yaml");
  writeFileSync(
    experiment,
    [
      "name: windows",
      "duration: 20s",
      "stream: { shards: 2 }",
      "producers:",
      "  - { name: p, rate: 1000, recordSize: 1KB, api: putRecord }",
      "consumers:",
      "  - { name: c }",
      "",
    ].join("\n"),
  );
  const run = async (...flags: string[]) => {
    const result = await cli(["run", experiment, "--json", ...flags]);
    expect(result.status).toBe(0);
    return withoutWallTime(result.stdout);
  };

  it("auto is the default; never writes tick by tick, a different draw of the same traffic", async () => {
    const auto = await run();
    expect(await run("--windows", "auto")).toBe(auto);
    const never = await run("--windows", "never");
    expect(never).not.toBe(auto);
    const offered = (json: string) => JSON.parse(json).records.offered as number;
    // 20,000 records expected each way: Poisson, sd 141.
    expect(Math.abs(offered(auto) - 20_000)).toBeLessThan(5 * 141);
    expect(Math.abs(offered(never) - 20_000)).toBeLessThan(5 * 141);
  });

  it("always changes nothing where windows are not allowed (an explained, narrated run aside)", async () => {
    // Two producers: windows need one.
    const twoProducers = ["--set", "producers[1]={name: q, rate: 10, recordSize: 1KB}"];
    expect(await run(...twoProducers, "--windows", "always")).toBe(
      await run(...twoProducers, "--windows", "never"),
    );
  });

  it("refuses another mode with one line and status 2", async () => {
    const result = await cli(["run", experiment, "--windows", "sometimes"]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("--windows: expected auto, always or never");
  });
});
