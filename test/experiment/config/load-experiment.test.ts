import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadExperimentFile } from "../../../src/experiment/config/load-experiment.js";
import { UserError } from "../../../src/experiment/config/user-error.js";

const dir = mkdtempSync(join(tmpdir(), "kinesim-load-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loadExperimentFile", () => {
  it("loads a file, names the experiment after it and applies overrides", () => {
    const path = join(dir, "hot-key.yaml");
    writeFileSync(
      path,
      "\uFEFFduration: 1m\nstream: {shards: 2}\nproducers: [{name: a, rate: 5}]\n",
    );
    const config = loadExperimentFile(path, ["stream.shards=3"]);
    expect(config.name).toBe("hot-key");
    expect(config.stream.shards).toBe(3);
  });

  it("reports a missing file on one line", () => {
    const path = join(dir, "nope.yaml");
    expect(() => loadExperimentFile(path)).toThrow(new UserError(`${path}: no such file`));
  });

  it("reports a directory", () => {
    expect(() => loadExperimentFile(dir)).toThrow(UserError);
    expect(() => loadExperimentFile(dir)).toThrow(/is a directory/);
  });

  it("prefixes YAML errors with the file name and position", () => {
    const path = join(dir, "bad.yaml");
    writeFileSync(path, "duration: 1m\n  stream: 2\n");
    expect(() => loadExperimentFile(path)).toThrow(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: \\S`),
    );
  });
});
