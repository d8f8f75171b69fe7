import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { cloudWatchRequest } from "../../src/cli/cloudwatch-output.js";
import { UserError } from "../../src/experiment/config/user-error.js";
import { kinesim } from "../helpers/cli.js";
import { kinesimInProcess } from "../helpers/cli-in-process.js";
import { experiment } from "../helpers/experiment.js";

const scratch = mkdtempSync(join(tmpdir(), "kinesim-cloudwatch-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const S = 1_000_000;
const FORMATS = ["--format", "cloudwatch-csv,cloudwatch-jsonl"];

/** The Sum columns of cloudwatch.csv, by header name. */
function columns(csv: string): Map<string, number[]> {
  const [header, ...rows] = csv.trimEnd().split("\n");
  const names = (header as string).split(",");
  const table = new Map(names.map((name) => [name, [] as number[]]));
  for (const row of rows) {
    row.split(",").forEach((cell, i) => {
      table.get(names[i] as string)?.push(Number(cell));
    });
  }
  return table;
}

describe("kinesim run --format (CloudWatch's metrics)", () => {
  it("writes cloudwatch.csv and cloudwatch.jsonl beside the other files, the same bytes every run", async () => {
    const first = join(scratch, "first");
    const second = join(scratch, "second");
    // One shard for 3,000 records/s: throttled, so WriteProvisionedThroughputExceeded counts.
    const args = ["experiments/quickstart.yaml", "--set", "stream.shards=1", ...FORMATS];
    // The built command as a user runs it, then the same main in this process: the same bytes.
    const run = kinesim(["run", ...args, "--out", first]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      "and cloudwatch.csv, cloudwatch.jsonl: CloudWatch's metrics per 1m period",
    );
    // The line naming them fits the terminal's 80 columns (the one before names the folder).
    const note = run.stdout.split("\n").find((line) => line.includes("cloudwatch.jsonl"));
    expect(note?.length).toBeLessThanOrEqual(80);
    expect((await kinesimInProcess(["run", ...args, "--out", second])).status).toBe(0);
    for (const file of ["cloudwatch.csv", "cloudwatch.jsonl"]) {
      expect(readFileSync(join(second, file), "utf8")).toBe(
        readFileSync(join(first, file), "utf8"),
      );
    }
    const result = JSON.parse(readFileSync(join(first, "result.json"), "utf8"));
    const csv = columns(readFileSync(join(first, "cloudwatch.csv"), "utf8"));
    expect(csv.get("Timestamp")).toEqual([0, 60]);
    const total = (name: string) => (csv.get(name) ?? []).reduce((a, b) => a + b, 0);
    expect(total("IncomingRecords")).toBe(result.records.accepted);
    expect(total("WriteProvisionedThroughputExceeded")).toBe(result.records.throttledAttempts);
    expect(result.records.throttledAttempts).toBeGreaterThan(0);
    const lines = readFileSync(join(first, "cloudwatch.jsonl"), "utf8").trimEnd().split("\n");
    for (const line of lines) expect(JSON.parse(line).Namespace).toBe("AWS/Kinesis");
  });

  it("round trip: a replay of cloudwatch.csv offers each minute's IncomingRecords + WriteProvisionedThroughputExceeded", async () => {
    const out = join(scratch, "source");
    const source = await kinesimInProcess([
      "run",
      "experiments/quickstart.yaml",
      "--set",
      "stream.shards=1",
      "--format",
      "cloudwatch-csv",
      "--out",
      out,
    ]);
    expect(source.status).toBe(0);
    const csv = columns(readFileSync(join(out, "cloudwatch.csv"), "utf8"));
    const replay = join(out, "replay.yaml");
    writeFileSync(
      replay,
      [
        "name: replay",
        "duration: 2m",
        "stream: { shards: 4 }",
        "producers:",
        "  - name: replayed",
        "    cloudwatch: { file: cloudwatch.csv, within: uniform }",
        "    keys: { distribution: uniform, cardinality: 1000 }",
        "",
      ].join("\n"),
    );
    const run = await kinesimInProcess(["run", replay, "--json"]);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    const demand = [...(csv.get("IncomingRecords") ?? [])].reduce(
      (sum, records, i) =>
        sum + records + (csv.get("WriteProvisionedThroughputExceeded")?.[i] ?? 0),
      0,
    );
    // `within: uniform` spaces each minute's records evenly: the count is exact.
    expect(result.records.offered).toBe(demand);
  });

  it.each([
    [
      ["--format", "bogus", "--out", "X"],
      'kinesim: --format: unknown format "bogus"; use cloudwatch-csv or cloudwatch-jsonl',
    ],
    [["--format", "cloudwatch-csv"], "kinesim: --format writes files: give --out <dir> too"],
    [
      ["--period", "5m", "--out", "X"],
      "kinesim: --period sets the CloudWatch period: give --format cloudwatch-csv or cloudwatch-jsonl too",
    ],
    [
      ["--format", "cloudwatch-jsonl", "--period", "90s", "--out", "X"],
      "kinesim: --period: 90s is not a whole number of minutes (Kinesis sends CloudWatch one data point a minute)",
    ],
    [
      ["--format", "cloudwatch-csv", "--period", "soon", "--out", "X"],
      'kinesim: --period: expected a duration like "250ms" or "24h", got "soon"',
    ],
  ])("refuses %j with one line, exit 2 and no folder", async (args, message) => {
    const out = join(scratch, `bad-${Math.abs(message.length)}`);
    const run = await kinesimInProcess([
      "run",
      "experiments/quickstart.yaml",
      ...args.map((a) => (a === "X" ? out : a)),
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${message}\n`);
    expect(run.stdout).toBe("");
    expect(existsSync(out)).toBe(false);
  });

  it("reads any --format and --period text either as a request or as one UserError line", async () => {
    const config = experiment({ durationUs: 600 * S, metricsResolutionUs: 10 * S });
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom(
              "cloudwatch-csv",
              "cloudwatch-jsonl",
              "cloudwatch-csv,cloudwatch-jsonl",
            ),
          ),
          { maxLength: 3 },
        ),
        fc.option(fc.oneof(fc.string(), fc.constantFrom("1m", "5m", "10s", "2h", "-1m")), {
          nil: undefined,
        }),
        (formats, period) => {
          try {
            const request = cloudWatchRequest(formats, period, "out", config);
            // Accepted: whole minutes and whole 10 s intervals.
            expect(request.periodUs % (60 * S)).toBe(0);
            expect(request.periodUs).toBeGreaterThan(0);
          } catch (error) {
            expect(error).toBeInstanceOf(UserError);
            expect((error as Error).message).not.toContain("\n");
          }
        },
      ),
    );
  });
});
