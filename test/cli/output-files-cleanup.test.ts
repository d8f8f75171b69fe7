import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { writeOutputFiles } from "../../src/cli/output-files.js";
import { UserError } from "../../src/experiment/config/user-error.js";

/** Makes renameSync fail on demand: the one step that comes after the temporary files. */
const renames = vi.hoisted(() => ({ fail: false }));
vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  return {
    ...real,
    renameSync: (from: fs.PathLike, to: fs.PathLike) => {
      if (renames.fail) throw Object.assign(new Error("rename failed"), { code: "EIO" });
      real.renameSync(from, to);
    },
  };
});

const scratch = fs.mkdtempSync(join(tmpdir(), "kinesim-cleanup-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("writeOutputFiles after a failure", () => {
  it("leaves no temporary file, no folder it made, and the old files as they were", () => {
    const out = join(scratch, "kept");
    fs.mkdirSync(out);
    fs.writeFileSync(join(out, "a.txt"), "old a");
    renames.fail = true;
    const write = () =>
      writeOutputFiles(
        [
          { path: join(out, "a.txt"), content: "new a" },
          { path: join(out, "b.txt"), content: "new b" },
        ],
        { label: "--out kept" },
      );
    expect(write).toThrow(UserError);
    expect(write).toThrow(/^--out kept: cannot replace .*a\.txt \(EIO\)$/);
    expect(fs.readdirSync(out)).toEqual(["a.txt"]);
    expect(fs.readFileSync(join(out, "a.txt"), "utf8")).toBe("old a");

    const fresh = join(scratch, "new", "deeper");
    expect(() =>
      writeOutputFiles([{ path: join(fresh, "a.txt"), content: "a" }], {
        label: "--out new/deeper",
        createDirectory: true,
      }),
    ).toThrow(UserError);
    expect(fs.existsSync(join(scratch, "new"))).toBe(false);
    renames.fail = false;
  });

  it("writes every file when nothing fails, making the missing folders", () => {
    const fresh = join(scratch, "made", "here");
    writeOutputFiles(
      [
        { path: join(fresh, "a.txt"), content: "a" },
        { path: join(fresh, "b.txt"), content: "b" },
      ],
      { label: "--out made/here", createDirectory: true },
    );
    expect(fs.readdirSync(fresh).sort()).toEqual(["a.txt", "b.txt"]);
    expect(fs.readFileSync(join(fresh, "b.txt"), "utf8")).toBe("b");
  });

  it("refuses a missing folder when it may not make it, and a folder that is a file", () => {
    expect(() =>
      writeOutputFiles([{ path: join(scratch, "absent", "r.html"), content: "" }], {
        label: "-o absent/r.html",
      }),
    ).toThrow(/^-o absent\/r\.html: no such directory: .*absent$/);
    fs.writeFileSync(join(scratch, "file"), "");
    expect(() =>
      writeOutputFiles([{ path: join(scratch, "file", "x", "r.html"), content: "" }], {
        label: "--out file/x",
        createDirectory: true,
      }),
    ).toThrow(/file is not a directory$/);
  });
});
