import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { VERSION } from "../../src/version.js";
import { bin, repoRoot } from "../helpers/cli.js";

/**
 * The command runs from the bundle in dist/cli/ (scripts/build-cli.mjs; npm test builds it
 * first), and `--version` loads none of the model (issue 14: a user starts it hundreds of
 * times). The files a process loads are read from module-loading hooks; what they hold, from
 * dist/cli-contents.json, which the build writes from esbuild's metafile.
 */
const scratch = mkdtempSync(join(tmpdir(), "kinesim-bundle-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const register = fileURLToPath(new URL("../helpers/module-log/register.mjs", import.meta.url));

let runs = 0;
/** Runs the command; returns its output and the project files it loaded, relative to the root. */
function kinesimLoading(args: string[]) {
  const log = join(scratch, `modules-${runs++}.txt`);
  const run = spawnSync(process.execPath, ["--import", register, bin, ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, CI: "true", KINESIM_MODULE_LOG: log },
  });
  const loaded = readFileSync(log, "utf8")
    .split("\n")
    .filter((url) => url.startsWith("file:") && !url.endsWith("/register.mjs"))
    .map((url) => fileURLToPath(url).slice(repoRoot.length));
  // What the loaded files bundle: the source modules with code in each.
  const contents: Record<string, string[]> = JSON.parse(
    readFileSync(join(repoRoot, "dist/cli-contents.json"), "utf8"),
  );
  const sources = loaded.flatMap((file) =>
    file.startsWith("dist/cli/") ? (contents[file.slice("dist/cli/".length)] ?? []) : [],
  );
  return { run, loaded, sources };
}

const isModel = (source: string) =>
  source.startsWith("models/") ||
  source.startsWith("src/experiment/config/schema") ||
  /node_modules\/(zod|yaml|d3-|hdr-histogram-js)/.test(source);

const isAwsSdk = (source: string) => /node_modules\/(@aws-sdk|@smithy)\//.test(source);

describe("the kinesim command's bundle", () => {
  it("answers --version from the bundle alone, loading no model, schema or their libraries", () => {
    const { run, loaded, sources } = kinesimLoading(["--version"]);
    expect(run.stdout).toBe(`${VERSION}\n`);
    expect(run.status).toBe(0);
    expect(loaded[0]).toBe("bin/kinesim.js");
    expect(loaded.slice(1).every((file) => file.startsWith("dist/cli/"))).toBe(true);
    expect(loaded).toContain("dist/cli/kinesim.js");
    expect(sources).toContain("src/cli/main.ts");
    expect(sources.filter(isModel)).toEqual([]);
    // Nor the AWS SDK, which only `kinesim import` needs.
    expect(sources.filter(isAwsSdk)).toEqual([]);
  });

  it("loads the model only for a command that runs it, still from the bundle", () => {
    const { run, loaded, sources } = kinesimLoading([
      "run",
      "experiments/quickstart.yaml",
      "--set",
      "duration=2s",
      "--json",
    ]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).version).toBe(VERSION);
    // Nothing from tsc's dist/src or from node_modules: the bundle holds its dependencies.
    expect(loaded.slice(1).every((file) => file.startsWith("dist/cli/"))).toBe(true);
    // The same check as above, seen to find what it looks for.
    expect(sources).toContain("src/experiment/config/schema.ts");
    expect(sources.some((source) => source.startsWith("models/"))).toBe(true);
    // Of zod's ~60 locales only English, which zod sets itself: `import * as z from "zod"` lets
    // esbuild leave the rest out, where `import { z }` takes the whole namespace (~360 kB).
    const locales = sources.filter((source) => source.includes("zod/v4/locales/"));
    expect(locales.map((source) => source.replace(/.*\//, ""))).toEqual(["en.js"]);
    // hdr-histogram-js unpacks its WebAssembly with Node's zlib and Buffer, not pako and
    // base64-js (scripts/native-unpacking-plugin.mjs).
    expect(sources.some((source) => source.endsWith("hdr-histogram-js/dist/wasm/index.js"))).toBe(
      true,
    );
    expect(sources.filter((source) => /node_modules\/(pako|base64-js)\//.test(source))).toEqual([]);
    expect(sources.filter(isAwsSdk)).toEqual([]);
  });

  it("loads the AWS SDK for `import` alone, from the bundle", () => {
    // Refused before any call (--days 0): the command's module, and so the SDK, is loaded.
    const { run, loaded, sources } = kinesimLoading(["import", "orders", "--days", "0"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--days: expected a whole number from 1 to 15/);
    expect(loaded.slice(1).every((file) => file.startsWith("dist/cli/"))).toBe(true);
    expect(sources.some((source) => source.includes("node_modules/@aws-sdk/client-kinesis/"))).toBe(
      true,
    );
  });
});
