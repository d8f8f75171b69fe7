import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kinesim } from "../helpers/cli.js";
import { kinesimInProcess as cli } from "../helpers/cli-in-process.js";
import { chartNames } from "../report/well-formed.js";

const scratch = mkdtempSync(join(tmpdir(), "kinesim-report-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const out = join(scratch, "out");

// Spawned, as a user runs it: the bundle writes the files the in-process `report` calls below
// must reproduce byte for byte.
beforeAll(() => {
  const run = kinesim(["run", "experiments/split-hot-shard.yaml", "--out", out]);
  expect(run.status).toBe(0);
}, 60_000);

describe("kinesim run --out", () => {
  it("writes report.html beside result.json and timeseries.csv, and no temporary files", async () => {
    expect(readdirSync(out).sort()).toEqual(["report.html", "result.json", "timeseries.csv"]);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(chartNames(html)).toContain("shard-lineage");
    expect(html).toContain("<h1>split-hot-shard</h1>");
  });
});

describe("kinesim report", () => {
  it("renders the same bytes from the saved result and series as run --out did", async () => {
    const target = join(scratch, "again.html");
    const run = await cli(["report", join(out, "result.json"), "-o", target]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`wrote ${target}\n`);
    expect(readFileSync(target, "utf8")).toBe(readFileSync(join(out, "report.html"), "utf8"));
  });

  it("writes report.html beside the result by default", async () => {
    const dir = join(scratch, "default");
    mkdirSync(dir);
    copyFileSync(join(out, "result.json"), join(dir, "result.json"));
    copyFileSync(join(out, "timeseries.csv"), join(dir, "timeseries.csv"));
    expect((await cli(["report", join(dir, "result.json")])).status).toBe(0);
    expect(readFileSync(join(dir, "report.html"), "utf8")).toBe(
      readFileSync(join(out, "report.html"), "utf8"),
    );
  });

  it("without a timeseries.csv renders the result's charts and says what is left out", async () => {
    const dir = join(scratch, "alone");
    mkdirSync(dir);
    copyFileSync(join(out, "result.json"), join(dir, "result.json"));
    const run = await cli(["report", join(dir, "result.json")]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/charts over time left out/);
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(chartNames(html)).toEqual(["latency-cdf", "shard-lineage", "data-loss", "cost"]);
    expect(html).toContain("Left out, because no series (timeseries.csv) was given");
  });

  it("--series names the CSV explicitly", async () => {
    const dir = join(scratch, "explicit");
    mkdirSync(dir);
    copyFileSync(join(out, "result.json"), join(dir, "result.json"));
    const target = join(dir, "r.html");
    const run = await cli([
      "report",
      join(dir, "result.json"),
      "--series",
      join(out, "timeseries.csv"),
      "-o",
      target,
    ]);
    expect(run.status).toBe(0);
    expect(chartNames(readFileSync(target, "utf8"))).toContain("shard-incoming");
  });
});

describe("kinesim report, bad input: one line, exit 2, nothing written", () => {
  const bad = join(scratch, "bad");
  mkdirSync(bad, { recursive: true });
  writeFileSync(join(bad, "garbled.json"), "{ this is not json");
  writeFileSync(join(bad, "other.json"), JSON.stringify({ name: "x", shards: [] }));
  writeFileSync(join(bad, "other.csv"), "a,b\n1,2\n");
  const target = join(bad, "report.html");
  const cases: [string, () => string[], RegExp][] = [
    [
      "a missing result",
      () => ["report", join(bad, "nope.json"), "-o", target],
      /nope\.json: no such file/,
    ],
    [
      "a result that is not JSON",
      () => ["report", join(bad, "garbled.json"), "-o", target],
      /garbled\.json: not valid JSON/,
    ],
    [
      "JSON that is not a result",
      () => ["report", join(bad, "other.json"), "-o", target],
      /other\.json: not a kinesim result: /,
    ],
    [
      "a missing --series",
      () => ["report", join(out, "result.json"), "--series", join(bad, "none.csv"), "-o", target],
      /none\.csv: no such file/,
    ],
    [
      "a CSV that is not a series",
      () => ["report", join(out, "result.json"), "--series", join(bad, "other.csv"), "-o", target],
      /other\.csv: not a kinesim timeseries\.csv/,
    ],
    [
      "an output directory that does not exist",
      () => ["report", join(out, "result.json"), "-o", join(bad, "no", "dir", "r.html")],
      /^kinesim: -o .*r\.html: no such directory: .*no$/m,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const run = await cli(args());
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(existsSync(target)).toBe(false);
      expect(readdirSync(bad).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    });
  }

  it("a series from another run", async () => {
    const other = join(scratch, "other-run");
    expect((await cli(["run", "experiments/quickstart.yaml", "--out", other])).status).toBe(0);
    const run = await cli([
      "report",
      join(out, "result.json"),
      "--series",
      join(other, "timeseries.csv"),
      "-o",
      target,
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/not those of the result/);
    expect(existsSync(target)).toBe(false);
  });
});
