import { describe, expect, it } from "vitest";
import { kinesim } from "../helpers/cli.js";
import { kinesimInProcess as cli } from "../helpers/cli-in-process.js";

async function skewJson(args: string[]) {
  const run = await cli(["skew", ...args, "--json"]);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

describe("kinesim skew", () => {
  it("--json: shardCounts for each --shards count and the smallest that works", async () => {
    const answer = await skewJson(["experiments/hot-key.yaml", "--shards", "8", "16"]);
    expect(Object.keys(answer).slice(0, 2)).toEqual(["shardCounts", "smallest"]);
    expect(answer.shardCounts.map((count: { shards: number }) => count.shards)).toEqual([8, 16]);
    const [eight] = answer.shardCounts;
    expect(eight).toMatchObject({
      shards: 8,
      overLimit: true,
      shardsOverLimit: 1,
      hottestShardId: "shardId-000000000005",
    });
    expect(eight.perShard).toHaveLength(8);
    expect(Object.keys(eight.perShard[0]).sort()).toEqual(
      ["bytesPerSecond", "recordsPerSecond", "shardId", "share", "utilization"].sort(),
    );
    expect(answer.smallest.possible).toBe(false);
    expect(answer.smallest.reason).toContain("key-0");
    expect(answer.heaviestKeys[0]).toMatchObject({ key: "key-0", recordsPerSecond: 1500 });
  });

  it("defaults to the experiment's count and the smallest count, and accepts 8,16", async () => {
    const capacity = await skewJson(["experiments/capacity-example.yaml"]);
    expect(capacity.smallest).toEqual({ possible: true, shards: 10 });
    expect(capacity.shardCounts.map((count: { shards: number }) => count.shards)).toEqual([10]);
    const smaller = await skewJson([
      "experiments/capacity-example.yaml",
      "--set",
      "stream.shards=5",
    ]);
    expect(smaller.shardCounts.map((count: { shards: number }) => count.shards)).toEqual([5, 10]);
    const listed = await skewJson(["experiments/capacity-example.yaml", "--shards", "9,12"]);
    expect(listed.shardCounts.map((count: { shards: number }) => count.shards)).toEqual([9, 12]);
  });

  it("prints a readable report within 80 columns", async () => {
    const run = await cli(["skew", "experiments/hot-key.yaml", "--shards", "8", "16"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("8 shards: max utilization 194 %");
    expect(run.stdout).toContain("shardId-000000000005");
    expect(run.stdout).toContain("key-0 alone needs 1,500 records/s");
    for (const line of run.stdout.split("\n")) expect([...line].length).toBeLessThanOrEqual(80);
    const capacity = await cli(["skew", "experiments/capacity-example.yaml"]);
    expect(capacity.stdout).toContain("no shard expected above its limits: 10");
  });

  it("ends with the command that checks the estimate in a run, and it runs", async () => {
    const run = await cli(["skew", "experiments/hot-key.yaml", "--shards", "8"]);
    expect(
      run.stdout.endsWith(
        "\nto see it in a run:\n  kinesim run experiments/hot-key.yaml --set stream.shards=8\n",
      ),
    ).toBe(true);
    const pasted = run.stdout.trimEnd().split("\n").at(-1)?.trim().split(" ") ?? [];
    expect(pasted[0]).toBe("kinesim");
    const result = await cli([...pasted.slice(1), "--set", "duration=5s", "--json"]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).shards).toHaveLength(8);
    // Several counts: a sweep over them; without --shards, the smallest count that works.
    expect((await cli(["skew", "experiments/hot-key.yaml", "--shards", "8,16"])).stdout).toContain(
      "\n  kinesim sweep experiments/hot-key.yaml --vary stream.shards=8,16\n",
    );
    expect(
      (await cli(["skew", "experiments/capacity-example.yaml", "--set", "stream.shards=5"])).stdout,
    ).toContain("\n  kinesim run experiments/capacity-example.yaml --set stream.shards=10\n");
    // --json keeps its shape: no suggestion in it.
    expect(await skewJson(["experiments/hot-key.yaml", "--shards", "8"])).not.toHaveProperty("run");
  });

  it("exits 2 with one line for bad --shards and a missing file", async () => {
    for (const bad of [["0"], ["abc"], ["8", "x"], ["10001"], ["-3"]]) {
      const run = await cli(["skew", "experiments/hot-key.yaml", "--shards", ...bad]);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
    }
    // Spawned: the exit status a shell sees.
    const missing = kinesim(["skew", "experiments/no-such-file.yaml"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("no such file");
  });
});
