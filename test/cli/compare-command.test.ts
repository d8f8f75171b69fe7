import {
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
import type { Comparison, MetricComparison } from "../../src/experiment/compare/compare-results.js";
import type { RunResult } from "../../src/experiment/run/result-types.js";
import { int, percent } from "../../src/format/number-format.js";
import { kinesim } from "../helpers/cli.js";
import { kinesimInProcess as cli } from "../helpers/cli-in-process.js";
import { chartNames } from "../report/well-formed.js";

const scratch = mkdtempSync(join(tmpdir(), "kinesim-compare-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * One shard taking 1,500 records/s throttles and drops; two take it all. A is the one-shard
 * run, B the two-shard run; C is B over 30 s instead of 20 s; D is another experiment with a
 * second producer.
 */
const experiment = join(scratch, "small.yaml");
writeFileSync(
  experiment,
  [
    "name: small",
    "seed: 7",
    "duration: 20s",
    "stream: {shards: 1}",
    "producers: [{name: devices, rate: 1500, recordSize: 100B}]",
    "consumers: [{name: app, pollInterval: 1s}]",
    "",
  ].join("\n"),
);
const other = join(scratch, "other.yaml");
writeFileSync(
  other,
  [
    "name: other",
    "seed: 7",
    "duration: 20s",
    "stream: {shards: 2}",
    "producers: [{name: devices, rate: 1500, recordSize: 100B}, {name: gateway, rate: 200}]",
    "",
  ].join("\n"),
);

const dir = (name: string) => join(scratch, name);
const resultOf = (name: string) => join(dir(name), "result.json");
const read = (name: string) => JSON.parse(readFileSync(resultOf(name), "utf8")) as RunResult;

beforeAll(async () => {
  const runs: [string, string[]][] = [
    ["a", [experiment]],
    ["b", [experiment, "--set", "stream.shards=2"]],
    ["c", [experiment, "--set", "stream.shards=2", "--set", "duration=30s"]],
    ["d", [other]],
  ];
  for (const [name, args] of runs) {
    const run = await cli(["run", ...args, "--out", dir(name)]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  }
}, 60_000);

async function compareJson(a: string, b: string): Promise<Comparison> {
  const run = await cli(["compare", resultOf(a), resultOf(b), "--json"]);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Comparison;
}

function metric(list: readonly MetricComparison[], name: string): MetricComparison {
  const found = list.find((m) => m.metric === name);
  if (found === undefined) throw new Error(`no metric ${name}`);
  return found;
}

describe("kinesim compare: one shard (A) against two (B)", () => {
  it("computes each headline change from the two results", async () => {
    const [a, b] = [read("a"), read("b")];
    // The setup is what the test needs: A throttles and loses records, B does neither.
    expect(a.throttleRate).toBeGreaterThan(0.3);
    expect(b.throttleRate).toBe(0);
    const { headline } = await compareJson("a", "b");
    const throttle = metric(headline, "throttle rate");
    expect(throttle).toMatchObject({ a: a.throttleRate, b: b.throttleRate, relative: null });
    expect(throttle.delta).toBeCloseTo(b.throttleRate - a.throttleRate, 12);
    const cost = metric(headline, "cost");
    expect(cost.delta).toBeCloseTo(b.cost.usd - a.cost.usd, 12);
    expect(cost.relative).toBeCloseTo((b.cost.usd - a.cost.usd) / a.cost.usd, 12);
    expect(metric(headline, "records accepted").delta).toBe(
      b.records.accepted - a.records.accepted,
    );
    expect(metric(headline, "latency p99").delta).toBeCloseTo(b.latencyMs.p99 - a.latencyMs.p99, 9);
    expect(metric(headline, "shards at the end")).toMatchObject({ a: 1, b: 2, delta: 1 });
  });

  it("matches producers, consumers and cost items by name", async () => {
    const [a, b] = [read("a"), read("b")];
    const comparison = await compareJson("a", "b");
    expect(comparison.producers.map((p) => [p.name, p.in])).toEqual([["devices", "both"]]);
    const dropped = metric(comparison.producers[0]?.metrics ?? [], "dropped");
    expect(dropped).toMatchObject({
      a: a.producers[0]?.dropped,
      b: b.producers[0]?.dropped,
      delta: (b.producers[0]?.dropped ?? 0) - (a.producers[0]?.dropped ?? 0),
    });
    expect(comparison.consumers.map((c) => [c.name, c.in])).toEqual([["app", "both"]]);
    const delivered = metric(comparison.consumers[0]?.metrics ?? [], "delivered");
    expect(delivered.delta).toBe(
      (b.consumers[0]?.delivered ?? 0) - (a.consumers[0]?.delivered ?? 0),
    );
    expect(comparison.costItems.map((item) => item.name)).toEqual(a.cost.items.map((i) => i.item));
  });

  // Spawned, as a user runs it: the bundle's own bytes and exit status (the other tests call
  // the same main in-process).
  it("prints the table with both values and the change in the summary's formats", () => {
    const [a, b] = [read("a"), read("b")];
    const run = kinesim(["compare", resultOf("a"), resultOf("b")]);
    expect(run.status).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(
      /^A {2}small · seed 7 · 20 s · provisioned, 1 shard at the end · config /,
    );
    expect(lines[1]).toMatch(
      /^B {2}small · seed 7 · 20 s · provisioned, 2 shards at the end · config /,
    );
    expect(run.stdout).toContain("the same experiment with different settings");
    const points = ((a.throttleRate - b.throttleRate) * 100).toFixed(2);
    expect(run.stdout).toMatch(
      new RegExp(`\\n  throttle rate +${percent(a.throttleRate)} +${percent(0)} +-${points} pp\\n`),
    );
    const accepted = b.records.accepted - a.records.accepted;
    const relative = ((accepted / a.records.accepted) * 100).toFixed(1);
    expect(run.stdout).toMatch(
      new RegExp(
        `\\n  records accepted +${int(a.records.accepted)} +${int(b.records.accepted)} +\\+${int(accepted)} \\(\\+${relative} %\\)\\n`,
      ),
    );
    expect(run.stdout).toMatch(/\n {2}producer devices\n {4}offered +/);
    expect(run.stdout).toMatch(/\n {2}consumer app\n {4}delivered +/);
    expect(run.stdout).toMatch(/\n {2}cost by item\n {4}shard-hours +\$/);
  });

  it("says 'same' for every number of a run compared with itself", async () => {
    const run = await cli(["compare", resultOf("a"), resultOf("a")]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("the same settings and seed: the runs should be identical");
    const rows = run.stdout
      .split("\n")
      .filter((line) => /^ {2,4}\S.* {2}\S+ +\S+ {2}\S/.test(line));
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows.slice(1)) expect(row).toMatch(/ (same|–)$/);
  });
});

describe("kinesim compare: runs that differ in more than settings", () => {
  it("over different durations compares rates but leaves totals without a change, and says so", async () => {
    const comparison = await compareJson("b", "c");
    expect(comparison.notes.join("\n")).toMatch(/different durations: rates.*totals.*do not/);
    expect(metric(comparison.headline, "records offered")).toMatchObject({ delta: null });
    expect(metric(comparison.headline, "cost")).toMatchObject({ delta: null, relative: null });
    expect(metric(comparison.headline, "latency p50").delta).not.toBeNull();
    expect(metric(comparison.headline, "throttle rate").delta).not.toBeNull();
    const run = await cli(["compare", resultOf("b"), resultOf("c")]);
    expect(run.stdout).toMatch(/\n {2}records offered +[\d,]+ +[\d,]+ {2}not compared\n/);
  });

  it("names both experiments, and shows what only one side has", async () => {
    const comparison = await compareJson("a", "d");
    expect(comparison.notes[0]).toBe("different experiments (small and other): a what-if");
    expect(comparison.producers.map((p) => [p.name, p.in])).toEqual([
      ["devices", "both"],
      ["gateway", "B"],
    ]);
    expect(comparison.consumers.map((c) => [c.name, c.in])).toEqual([["app", "A"]]);
    const gateway = comparison.producers[1]?.metrics ?? [];
    expect(metric(gateway, "offered")).toMatchObject({ a: null, delta: null });
    expect(metric(comparison.headline, "latency p50")).toMatchObject({ b: null, delta: null });
    const run = await cli(["compare", resultOf("a"), resultOf("d")]);
    expect(run.stdout).toContain("\n  producer gateway (only in B)\n");
    expect(run.stdout).toContain("\n  consumer app (only in A)\n");
    expect(run.stdout).toMatch(/\n {2}latency p50 +[\d,.]+ ms +– {2}–\n/);
  });
});

describe("kinesim compare, bad input: one line, exit 2, nothing on stdout", () => {
  const bad = join(scratch, "bad");
  mkdirSync(bad, { recursive: true });
  writeFileSync(join(bad, "garbled.json"), "{ this is not json");
  writeFileSync(join(bad, "other.json"), JSON.stringify({ name: "x", shards: [] }));
  const cases: [string, () => string[], RegExp][] = [
    ["one argument", () => ["compare", resultOf("a")], /^kinesim: missing required argument 'b'$/m],
    ["no argument", () => ["compare"], /^kinesim: missing required argument 'a'$/m],
    [
      "three arguments",
      () => ["compare", resultOf("a"), resultOf("b"), resultOf("c")],
      /^kinesim: too many arguments for 'compare'/,
    ],
    [
      "a missing A",
      () => ["compare", join(bad, "nope.json"), resultOf("b")],
      /nope\.json: no such file/,
    ],
    [
      "a missing B",
      () => ["compare", resultOf("a"), join(bad, "nope.json")],
      /nope\.json: no such file/,
    ],
    [
      "B not JSON",
      () => ["compare", resultOf("a"), join(bad, "garbled.json")],
      /garbled\.json: not valid JSON/,
    ],
    [
      "A JSON but not a result",
      () => ["compare", join(bad, "other.json"), resultOf("b")],
      /other\.json: not a kinesim result: /,
    ],
    [
      "a directory",
      () => ["compare", bad, resultOf("b")],
      /bad: is a directory, expected a result\.json$/m,
    ],
    [
      "an unknown option",
      () => ["compare", resultOf("a"), resultOf("b"), "--csv"],
      /unknown option '--csv'/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const run = await cli(args());
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    });
  }

  it("a series beside a result that is not the result's", async () => {
    const mixed = join(scratch, "mixed");
    mkdirSync(mixed);
    writeFileSync(join(mixed, "result.json"), readFileSync(resultOf("a")));
    writeFileSync(join(mixed, "timeseries.csv"), readFileSync(join(dir("d"), "timeseries.csv")));
    const run = await cli(["compare", join(mixed, "result.json"), resultOf("b")]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /timeseries\.csv: its shards or consumers are not those of the result/,
    );
    expect(existsSync(join(mixed, "report.html"))).toBe(false);
  });
});

describe("kinesim compare --out", () => {
  it("writes report.html with the overlaid charts and comparison.json, the --json output", async () => {
    const target = join(scratch, "ab");
    const run = await cli(["compare", resultOf("a"), resultOf("b"), "--out", target]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\n {2}wrote .*ab\/report\.html, comparison\.json\n$/);
    expect(readdirSync(target).sort()).toEqual(["comparison.json", "report.html"]);
    const json = (await cli(["compare", resultOf("a"), resultOf("b"), "--json"])).stdout;
    expect(readFileSync(join(target, "comparison.json"), "utf8")).toBe(json);
    const html = readFileSync(join(target, "report.html"), "utf8");
    expect(chartNames(html)).toEqual([
      "compare-incoming",
      "compare-throttled",
      "compare-millis-behind-latest",
      "compare-latency-cdf",
    ]);
    expect(html).toContain("<td>throttle rate</td>");
    expect(html).toContain("<td>devices: dropped</td>");
  });

  it("without a series beside a result, leaves the charts over time out and says so", async () => {
    const alone = join(scratch, "alone");
    mkdirSync(alone);
    writeFileSync(join(alone, "result.json"), readFileSync(resultOf("b")));
    const target = join(scratch, "a-alone");
    const run = await cli(["compare", resultOf("a"), join(alone, "result.json"), "--out", target]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/charts over time left out/);
    const html = readFileSync(join(target, "report.html"), "utf8");
    expect(chartNames(html)).toEqual(["compare-latency-cdf"]);
    expect(html).toContain("no timeseries.csv beside the result of B.");
  });

  // Spawned: the exit status 2 a shell sees.
  it("refuses a file as the folder with one line, exit 2 and nothing written", () => {
    const run = kinesim(["compare", resultOf("a"), resultOf("b"), "--out", resultOf("a")]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^kinesim: --out .*result\.json: .* is not a directory\n$/);
  });
});
