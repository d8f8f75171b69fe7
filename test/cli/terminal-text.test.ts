import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { terminalText } from "../../src/cli/terminal-text.js";
import { kinesim } from "../helpers/cli.js";
import { scratchDirectories } from "../helpers/scratch.js";

describe("text for a terminal", () => {
  const scratch = scratchDirectories("kinesim-control-");

  it("escapes control characters (ESC, CR, tab, DEL, C1) and keeps line breaks", () => {
    expect(terminalText("a\u001b[2Jb\rc\td\u007fe\u009bf\ng")).toBe(
      "a\\x1b[2Jb\\x0dc\\x09d\\x7fe\\x9bf\ng",
    );
    expect(terminalText("plain · text ≈ 5 %")).toBe("plain · text ≈ 5 %");
  });

  it("escapes the bidirectional controls that reorder a line (U+202E and its kin)", () => {
    expect(terminalText("p\u202eevil\u2066x\u2069\u200f")).toBe(
      "p\\u202eevil\\u2066x\\u2069\\u200f",
    );
    expect(terminalText("שלום abc")).toBe("שלום abc");
  });

  it("kinesim run prints names holding ESC and CR escaped", () => {
    const file = join(scratch(), "control-names.yaml");
    writeFileSync(
      file,
      [
        'name: "evil\\x1b[2Jname"',
        "duration: 10s",
        "stream: {shards: 1}",
        'producers: [{name: "p\\rFAKE", rate: 10}]',
        'consumers: [{name: "c\\x1b[31m"}]',
      ].join("\n"),
    );
    const run = kinesim(["run", file]);
    expect(run.status).toBe(0);
    expect(run.stdout.includes("\u001b") || run.stdout.includes("\r")).toBe(false);
    expect(run.stdout).toContain("evil\\x1b[2Jname");
    expect(run.stdout).toContain("p\\x0dFAKE");
  });

  // A shared experiment's trace file name, or the text of a result.json that JSON.parse
  // quotes, reached stderr raw: ESC [2J cleared the screen of whoever read the error.
  it("kinesim prints errors quoting control characters from a file escaped", () => {
    const dir = scratch();
    const experiment = join(dir, "trace-name.yaml");
    writeFileSync(
      experiment,
      'duration: 1s\nstream: {shards: 1}\nproducers: [{name: p, trace: {file: "\\x1b[2Jt.csv"}}]\n',
    );
    const result = join(dir, "result.json");
    writeFileSync(result, "x\u001b[2J");
    const runs = [kinesim(["run", experiment]), kinesim(["report", result])];
    for (const run of runs) {
      expect(run.status).toBe(2);
      expect(run.stderr.includes("\u001b")).toBe(false);
      expect(run.stderr).toContain("\\x1b[2J");
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});
