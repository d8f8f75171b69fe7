import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kinesimWithin } from "../helpers/cli-bounded.js";

/**
 * Inputs from issue 12 that once took gigabytes or minutes: each must now be refused up front
 * with one line and status 2 (or finish), within a small heap and a time limit, so that a
 * regression fails here instead of exhausting the machine.
 */
const scratch = mkdtempSync(join(tmpdir(), "kinesim-budgets-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const BUDGET = { heapMb: 256, timeoutMs: 20_000 };

function experimentFile(name: string, lines: string[]): string {
  const path = join(scratch, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

const microsecondSeries = experimentFile("metrics-1us.yaml", [
  "duration: 2m",
  "metricsResolution: 1us",
  "stream: {shards: 2}",
  "producers: [{name: p, rate: 100}]",
  "consumers: [{name: c}]",
]);

describe("metricsResolution: 1us over 2 minutes (took 2–5.6 GB)", () => {
  const expected =
    "kinesim: metricsResolution: 1us over 2m is 120,000,000 intervals × (2 shards + 1 consumer) = 360,000,000 time-series points, above the limit of 1,000,000; use 361us or coarser\n";

  it("run refuses it with one line and status 2, writing nothing", () => {
    const run = kinesimWithin(BUDGET, ["run", microsecondSeries, "--json"]);
    expect(run.stderr).toBe(expected);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
  });

  it("sweep refuses a grid point that asks for it before running anything", () => {
    const run = kinesimWithin(BUDGET, [
      "sweep",
      microsecondSeries,
      "--set",
      "metricsResolution=1s",
      "--vary",
      "metricsResolution=1s,1us",
      "--workers",
      "1",
    ]);
    expect(run.stderr).toBe(expected);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
  });
});

describe("2.5 million fixed keys (took over 60 s and 2.8 GB)", () => {
  it("run refuses the file before reading it as YAML, with one line and status 2", () => {
    const keys = Array.from({ length: 2_500_000 }, (_, i) => `k${i}`).join(",");
    const file = experimentFile("fixed-keys.yaml", [
      "duration: 10s",
      "stream: {shards: 4}",
      "producers:",
      "  - name: p",
      "    rate: 100",
      `    keys: {distribution: fixed, keys: [${keys}]}`,
    ]);
    const run = kinesimWithin(BUDGET, ["run", file, "--json"]);
    expect(run.stderr).toBe(
      `kinesim: ${file}: more than 1,000,000 YAML tokens (values, punctuation, indentation), too large to read as an experiment; give many keys as a distribution (uniform, zipf, hotShare) and long series as a trace file\n`,
    );
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
  });
});
