import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { showsProgress } from "../../src/cli/progress.js";
import { bin, repoRoot } from "../helpers/cli.js";

describe("showsProgress (issue 12: long --json runs showed no progress)", () => {
  it("shows the bar on a terminal's stderr whatever stdout carries, --json included", () => {
    // `run --json > result.json`: stdout is a file, stderr still the terminal.
    expect(showsProgress({ isTTY: true }, {})).toBe(true);
  });

  it("stays silent in CI, where tests run (CI=true), and when stderr is not a terminal", () => {
    expect(showsProgress({ isTTY: true }, { CI: "true" })).toBe(false);
    expect(showsProgress({ isTTY: false }, {})).toBe(false);
    expect(showsProgress({}, {})).toBe(false);
  });
});

/** util-linux `script` runs a command on a pseudo-terminal; not every system has it. */
const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;
const scratch = mkdtempSync(join(tmpdir(), "kinesim-progress-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(!hasScript)("run --json on a terminal", () => {
  it("draws progress on stderr while stdout holds exactly one JSON object", () => {
    const out = join(scratch, "result.json");
    const { CI: _ci, ...env } = process.env;
    const command = `'${process.execPath}' '${bin}' run experiments/quickstart.yaml --json > '${out}'`;
    const terminal = spawnSync("script", ["-qec", command, "/dev/null"], {
      cwd: repoRoot,
      encoding: "utf8",
      env,
      timeout: 30_000,
    });
    expect(terminal.status).toBe(0);
    // What reached the terminal (stderr): the bar, drawn with block characters.
    expect(terminal.stdout).toContain("░");
    const stdout = readFileSync(out, "utf8");
    expect(JSON.parse(stdout).name).toBe("quickstart");
    expect(stdout).not.toContain("░");
  });
});
