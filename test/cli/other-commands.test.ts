import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import packageJson from "../../package.json" with { type: "json" };
import { VERSION } from "../../src/version.js";
import { kinesim } from "../helpers/cli.js";

const scratch = mkdtempSync(join(tmpdir(), "kinesim-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("kinesim hash", () => {
  it("--json has the contract's shape and AWS's N = 3 ranges", () => {
    const run = kinesim(["hash", "user-1", "user-2", "--shards", "3", "--json"]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(["shards", "keys"]);
    expect(report.shards[1]).toEqual({
      shardId: "shardId-000000000001",
      startingHashKey: "113427455640312821154458202477256070485",
      endingHashKey: "226854911280625642308916404954512140969",
    });
    expect(report.keys.map((k: { key: string }) => k.key)).toEqual(["user-1", "user-2"]);
    expect(Object.keys(report.keys[0])).toEqual(["key", "hashKey", "shardId"]);
  });
});

describe("kinesim schema and init", () => {
  it("schema prints a JSON Schema naming the experiment's keys", () => {
    const run = kinesim(["schema"]);
    expect(run.status).toBe(0);
    const schema = JSON.parse(run.stdout);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["duration", "stream", "producers"]),
    );
  });

  it("init writes a starter file that runs, and refuses to overwrite it", () => {
    const file = join(scratch, "starter.yaml");
    expect(kinesim(["init", file]).status).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("stream:");
    const run = kinesim(["run", file, "--json"]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).records.offered).toBeGreaterThan(0);
    const again = kinesim(["init", file]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  });

  it("--version matches package.json", () => {
    expect(VERSION).toBe(packageJson.version);
    expect(kinesim(["--version"]).stdout.trim()).toBe(VERSION);
  });
});
