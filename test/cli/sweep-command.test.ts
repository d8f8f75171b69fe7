import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kinesim } from "../helpers/cli.js";

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
    const two = kinesim([...sweepArgs, "--json", "--workers", "2"]);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it("merging the partitions prints exactly what one machine printed", () => {
    const files = [0, 1, 2].map((i) => {
      const part = kinesim([...sweepArgs, "--partition", `${i}/3`, "--workers", "1"]);
      expect(part.status).toBe(0);
      const file = join(scratch, `part-${i}.json`);
      writeFileSync(file, part.stdout);
      return file;
    });
    const merged = kinesim([
      "merge",
      files[2] as string,
      files[0] as string,
      files[1] as string,
      "--json",
    ]);
    expect(merged.status).toBe(0);
    expect(merged.stdout).toBe(one.stdout);
    const table = kinesim(["merge", ...files]);
    expect(table.stdout).toBe(kinesim([...sweepArgs, "--workers", "1"]).stdout);
    const missing = kinesim(["merge", files[0] as string, files[1] as string]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/missing/);
  });

  it("prints CSV with a column per metric bound", () => {
    const csv = kinesim([...sweepArgs, "--csv", "--workers", "1"])
      .stdout.trim()
      .split("\n");
    expect(csv).toHaveLength(5);
    expect(csv[0]).toMatch(
      /^stream\.shards,producers\[0\]\.rate,runs,throttleRate\.mean,throttleRate\.ci95Low/,
    );
  });

  it("rejects a bad --vary value before running anything", () => {
    const bad = kinesim(["sweep", "experiments/quickstart.yaml", "--vary", "stream.shards=2,zero"]);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toMatch(/stream\.shards/);
    const none = kinesim(["sweep", "experiments/quickstart.yaml"]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/--vary/);
  });
});
