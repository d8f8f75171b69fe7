import { spawnSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bin, kinesim, repoRoot } from "../helpers/cli.js";

const scratch = mkdtempSync(join(tmpdir(), "kinesim-output-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const NAMES = ["result.json", "timeseries.csv", "report.html"];
const runArgs = (out: string) => [
  "run",
  "experiments/quickstart.yaml",
  "--set",
  "duration=10s",
  "--out",
  out,
];

/** A fresh folder under the scratch folder. */
function folder(name: string): string {
  const path = join(scratch, name);
  mkdirSync(path, { recursive: true });
  return path;
}

describe("run --out in a folder others can write to", () => {
  it("leaves symlinks planted at the old temporary names, and the files they point to, alone", () => {
    const out = folder("planted");
    const victim = join(scratch, "victim.txt");
    writeFileSync(victim, "the user's own file\n");
    for (const name of NAMES) symlinkSync(victim, join(out, `.${name}.tmp`));

    const run = kinesim(runArgs(out));
    expect(run.status).toBe(0);
    expect(readFileSync(victim, "utf8")).toBe("the user's own file\n");
    for (const name of NAMES)
      expect(lstatSync(join(out, `.${name}.tmp`)).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(out, "result.json"), "utf8")).name).toBe("quickstart");
  });

  it("replaces a symlink named like an output, not the file it points to", () => {
    const out = folder("linked-output");
    const victim = join(scratch, "victim-2.txt");
    writeFileSync(victim, "keep me\n");
    symlinkSync(victim, join(out, "result.json"));
    expect(kinesim(runArgs(out)).status).toBe(0);
    expect(readFileSync(victim, "utf8")).toBe("keep me\n");
    expect(lstatSync(join(out, "result.json")).isFile()).toBe(true);
  });

  it("writes nothing when one target cannot be replaced (report.html is a folder)", () => {
    const out = folder("blocked");
    writeFileSync(join(out, "result.json"), "old result\n");
    writeFileSync(join(out, "timeseries.csv"), "old series\n");
    mkdirSync(join(out, "report.html"));

    const run = kinesim(runArgs(out));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^kinesim: --out .*report\.html is a directory/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(readFileSync(join(out, "result.json"), "utf8")).toBe("old result\n");
    expect(readFileSync(join(out, "timeseries.csv"), "utf8")).toBe("old series\n");
    expect(readdirSync(out).sort()).toEqual(NAMES.slice().sort());
  });

  it.runIf(process.platform === "linux")(
    "--out /proc/x ends at once with exit 2 (was a hang)",
    () => {
      const run = spawnSync(process.execPath, [bin, ...runArgs("/proc/kinesim-x/y")], {
        cwd: repoRoot,
        encoding: "utf8",
        env: { ...process.env, CI: "true" },
        // A regression fails here instead of hanging the suite.
        timeout: 20_000,
      });
      expect(run.signal).toBeNull();
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^kinesim: --out \/proc\/kinesim-x\/y: /);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
    },
  );

  it("refuses a path through a file, naming the file", () => {
    const file = join(scratch, "plain-file");
    writeFileSync(file, "x");
    const run = kinesim(runArgs(join(file, "out")));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/plain-file is not a directory/);
    expect(readFileSync(file, "utf8")).toBe("x");
  });
});

describe("report -o and init write the same safe way", () => {
  it("report -o leaves a planted temp-name symlink alone, and refuses a folder target", () => {
    const out = folder("report");
    expect(kinesim(runArgs(out)).status).toBe(0);
    const victim = join(scratch, "victim-3.txt");
    writeFileSync(victim, "mine\n");
    const target = join(out, "copy.html");
    symlinkSync(victim, join(out, ".copy.html.tmp"));
    const report = kinesim(["report", join(out, "result.json"), "-o", target]);
    expect(report.status).toBe(0);
    expect(readFileSync(victim, "utf8")).toBe("mine\n");
    expect(readFileSync(target, "utf8")).toContain("<html");

    mkdirSync(join(out, "folder.html"));
    const refused = kinesim(["report", join(out, "result.json"), "-o", join(out, "folder.html")]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/folder\.html is a directory/);
  });

  it("init does not write through a dangling symlink", () => {
    const dir = folder("init");
    const link = join(dir, "exp.yaml");
    symlinkSync(join(dir, "elsewhere.yaml"), link);
    const run = kinesim(["init", link]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/already exists/);
    expect(existsSync(join(dir, "elsewhere.yaml"))).toBe(false);
  });
});

describe("an empty output path", () => {
  // `--out ""` (say, an unset "$OUT") wrote result.json, timeseries.csv and report.html into
  // the current folder, and `-o ""` said "cannot replace  (ENOENT)".
  it("is refused with one line, writing nothing into the current folder", () => {
    const cwd = folder("empty-paths");
    const experiment = join(repoRoot, "experiments/quickstart.yaml");
    const out = folder("empty-paths-result");
    expect(kinesim(runArgs(out)).status).toBe(0);
    const result = join(out, "result.json");
    for (const [args, message] of [
      [["run", experiment, "--out", ""], /^kinesim: --out: expected a directory, got ""$/],
      [["compare", result, result, "--out", ""], /^kinesim: --out: expected a directory, got ""$/],
      [["report", result, "-o", ""], /^kinesim: -o: expected a file, got ""$/],
      [["init", ""], /^kinesim: init: expected a file, got ""$/],
    ] as const) {
      const run = kinesim([...args], cwd);
      expect(run.stdout).toBe("");
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr.trim()).toMatch(message);
      expect(run.status).toBe(2);
    }
    expect(readdirSync(cwd)).toEqual([]);
  });
});
