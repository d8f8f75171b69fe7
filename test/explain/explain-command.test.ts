import { describe, expect, it } from "vitest";
import { kinesim } from "../helpers/cli.js";
import { kinesimWithin } from "../helpers/cli-bounded.js";
import { kinesimInProcess as cli } from "../helpers/cli-in-process.js";

describe("kinesim explain (command line)", () => {
  it("narrates hot-key's first second in time order, then the run's totals", async () => {
    const run = await cli(["explain", "experiments/hot-key.yaml", "--until", "1s"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("hot-key · seed 11 · record by record to t=1.000 s");
    const times = lines.flatMap((line) => {
      const match = /^t=(\d+\.\d{3}) s {2}\S/.exec(line);
      return match === null ? [] : [Number(match[1])];
    });
    expect(times.length).toBeGreaterThan(10);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(run.stdout).toContain(
      "events → PutRecords 500 records (504 KB) → 8 shards, all accepted",
    );
    expect(run.stdout).toMatch(
      /throttled \d+ on shardId-000000000005: the records bucket is empty/,
    );
    expect(run.stdout).toMatch(/^by t=1\.000 s: offered [\d,]+, accepted [\d,]+/m);
  });

  it("gives the same bytes twice, and the same lines for shard 5 however it is named", async () => {
    const args = ["explain", "experiments/hot-key.yaml", "--until", "3s", "--max-lines", "20"];
    args.push("--shard", "5");
    const first = await cli(args);
    expect(first.status).toBe(0);
    expect((await cli(args)).stdout).toBe(first.stdout);
    const named = await cli([...args.slice(0, 6), "--shard", "shardId-000000000005"]);
    expect(named.stdout).toBe(first.stdout);
    for (const line of first.stdout.split("\n").filter((l) => l.startsWith("t="))) {
      expect(line).toContain("shardId-000000000005");
    }
    expect(first.stdout).toMatch(/… [\d,]+ more events until t=\d\.\d{3} s \(--max-lines 20\)/);
  });

  it.each([
    [
      ["--until", "soon"],
      /^kinesim: --until: expected a duration like 500ms, 2s or 1m, got "soon"\n$/,
    ],
    [["--until", "0s"], /^kinesim: --until: expected a duration above 0, got "0s"\n$/],
    [["--shard", "shard-2"], /^kinesim: --shard: expected a shard id like shardId-000000000002/],
    [["--shard", "99"], /^kinesim: --shard: shardId-000000000099 does not exist in this run/],
    [["--max-lines", "0"], /^kinesim: --max-lines: expected a whole number ≥ 1, got "0"\n$/],
  ])("rejects %j with one line and exit status 2, printing nothing", async (flags, message) => {
    const run = await cli(["explain", "experiments/quickstart.yaml", "--until", "500ms", ...flags]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  // Spawned, as a user runs it: the bundle's exit status and bytes.
  it("rejects an experiment it cannot read", () => {
    const run = kinesim(["explain", "experiments/no-such-file.yaml"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("kinesim: experiments/no-such-file.yaml: no such file\n");
  });

  // Bounded: at a billion records a second, tracing the default 2 s record by record ran out
  // of heap after a minute (the run's own budget counted segment mode's steps, not these).
  it("refuses to trace more records than a run may take, before tracing", () => {
    const run = kinesimWithin({ heapMb: 256, timeoutMs: 20_000 }, [
      "explain",
      "experiments/quickstart.yaml",
      "--set",
      "producers[0].rate=1e9",
    ]);
    expect(run.signal).toBeNull();
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^kinesim: --until: a run of 2s would take about [\d,]+ simulation steps, most of them retries of throttled records \(granularity: record\)/,
    );
    expect(run.status).toBe(2);
  });
});
