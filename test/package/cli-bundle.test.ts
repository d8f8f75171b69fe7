import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/version.js";
import { bin, repoRoot } from "../helpers/cli.js";
import { scratchDirectories } from "../helpers/scratch.js";

/**
 * The command runs from the bundle in dist/cli/ (scripts/build-cli.mjs; npm test builds it
 * first): one CommonJS file, where each command's modules run on first use, with V8's code
 * cache beside it, and the AWS SDK in a file of its own. `--version` runs none of the model
 * (issue 14: a user starts it hundreds of times). Which files a process ran and which of the
 * bundle's modules it started are read from V8's coverage (NODE_V8_COVERAGE): esbuild wraps
 * each lazily started module in a function named after its source path, and coverage counts
 * the calls of every function. What each bundle file holds is in dist/cli-contents.json,
 * which the build writes from esbuild's metafile.
 */
const scratch = scratchDirectories("kinesim-bundle-");

const contents: Record<string, string[]> = JSON.parse(
  readFileSync(join(repoRoot, "dist/cli-contents.json"), "utf8"),
);

interface CoveredFunction {
  functionName: string;
  ranges: { count: number }[];
}

/** Runs the command; returns its output, the project files it ran and the bundle modules it started. */
function kinesimCovered(args: string[]) {
  const coverage = scratch();
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, CI: "true", NODE_V8_COVERAGE: coverage },
  });
  const scripts: { url: string; functions: CoveredFunction[] }[] = readdirSync(coverage).flatMap(
    (file) => JSON.parse(readFileSync(join(coverage, file), "utf8")).result,
  );
  const inRepo = scripts.filter(({ url }) => url.startsWith("file:"));
  const loaded = inRepo
    .map(({ url }) => fileURLToPath(url).slice(repoRoot.length))
    .filter((file) => !file.startsWith("/"));
  // Module wrappers are named by their source path: "src/…ts", "models/…", "node_modules/…".
  const started = inRepo
    .filter(({ url }) => url.includes("/dist/cli/"))
    .flatMap(({ functions }) => functions)
    .filter(({ functionName, ranges }) => /\.[cm]?[jt]s$/.test(functionName) && ranges[0]?.count)
    .map(({ functionName }) => functionName);
  return { run, loaded, started };
}

const isModel = (source: string) =>
  source.startsWith("models/") ||
  source.startsWith("src/experiment/config/schema") ||
  /node_modules\/(zod|yaml|d3-|hdr-histogram-js)/.test(source);

const isAwsSdk = (source: string) => /node_modules\/(@aws-sdk|@smithy)\//.test(source);

describe("the kinesim command's bundle", () => {
  it("answers --version from the bundle, starting no model, schema or their libraries", () => {
    const { run, loaded, started } = kinesimCovered(["--version"]);
    expect(run.stdout).toBe(`${VERSION}\n`);
    expect(run.status).toBe(0);
    expect(loaded).toContain("bin/kinesim.js");
    expect(loaded).toContain("dist/cli/kinesim.cjs");
    // Nothing from tsc's dist/src or from node_modules, and not the AWS SDK's file.
    expect(loaded.filter((file) => !/^(bin|dist\/cli)\//.test(file))).toEqual([]);
    expect(loaded).not.toContain("dist/cli/aws-sdk.cjs");
    // The check below, seen to find what it looks for: commander is started.
    expect(started).toContain("node_modules/commander/lib/command.js");
    expect(started.filter(isModel)).toEqual([]);
    expect(started.filter(isAwsSdk)).toEqual([]);
  });

  it("starts the model only for a command that runs it, still from the bundle", () => {
    const { run, loaded, started } = kinesimCovered([
      "run",
      "experiments/quickstart.yaml",
      "--set",
      "duration=2s",
      "--json",
    ]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).version).toBe(VERSION);
    expect(loaded.filter((file) => !/^(bin|dist\/cli)\//.test(file))).toEqual([]);
    expect(loaded).not.toContain("dist/cli/aws-sdk.cjs");
    expect(started).toContain("src/experiment/config/schema.ts");
    expect(started.some((source) => source.startsWith("models/"))).toBe(true);
    expect(started.filter(isAwsSdk)).toEqual([]);
  });

  it("holds only what a run needs", () => {
    const bundled = contents["kinesim.cjs"] ?? [];
    // Of zod's ~60 locales only English, which zod sets itself: `import * as z from "zod"` lets
    // esbuild leave the rest out, where `import { z }` takes the whole namespace (~360 kB).
    // (The locales' index is there as an empty wrapper: the bundle starts each module lazily.)
    const locales = bundled.filter(
      (source) => source.includes("zod/v4/locales/") && !source.endsWith("/index.js"),
    );
    expect(locales.map((source) => source.replace(/.*\//, ""))).toEqual(["en.js"]);
    // hdr-histogram-js unpacks its WebAssembly with Node's zlib and Buffer, not pako and
    // base64-js (scripts/native-unpacking-plugin.mjs).
    expect(bundled.some((source) => source.endsWith("hdr-histogram-js/dist/wasm/index.js"))).toBe(
      true,
    );
    expect(bundled.filter((source) => /node_modules\/(pako|base64-js)\//.test(source))).toEqual([]);
    // The SDK is in aws-sdk.cjs alone.
    expect(bundled.filter(isAwsSdk)).toEqual([]);
    expect(contents["aws-sdk.cjs"]?.some(isAwsSdk)).toBe(true);
  });

  it("is ASCII throughout, so that the loader reads it without decoding UTF-8", () => {
    // bin/load-cli-bundle.js reads an ASCII bundle as Latin-1 (the same string, ~14 ms sooner);
    // one character outside ASCII anywhere would send all of it through the UTF-8 decoder.
    const bytes = readFileSync(join(repoRoot, "dist/cli/kinesim.cjs"));
    const first = bytes.findIndex((byte) => byte > 0x7f);
    expect(first < 0 ? "" : bytes.subarray(Math.max(0, first - 40), first + 10).toString()).toBe(
      "",
    );
  });

  it("loads the AWS SDK for `import` alone, from the bundle's own file", () => {
    // Refused before any call (--days 0): the command's module, and so the SDK, is loaded.
    const { run, loaded, started } = kinesimCovered(["import", "orders", "--days", "0"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--days: expected a whole number from 1 to 15/);
    expect(loaded.filter((file) => !/^(bin|dist\/cli)\//.test(file))).toEqual([]);
    expect(loaded).toContain("dist/cli/aws-sdk.cjs");
    expect(started.some((source) => source.includes("node_modules/@aws-sdk/client-kinesis/"))).toBe(
      true,
    );
  });

  /**
   * What `statements` print (to stdout) in a process started with `flags` that loads the
   * bundle as bin/kinesim.js does, as `bundle`; nothing may go to stderr.
   */
  function probeBundle(statements: string[], flags: string[] = []): string {
    const probe = [
      `import { loadCliBundle } from ${JSON.stringify(join(repoRoot, "bin/load-cli-bundle.js"))};`,
      "const bundle = loadCliBundle();",
      ...statements,
    ].join("\n");
    const run = spawnSync(process.execPath, [...flags, "--input-type=module", "-e", probe], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    return run.stdout;
  }

  /** Whether V8 refuses the bundle's code cache in a process started with `flags`. */
  const cacheRejected = (flags: string[]) =>
    probeBundle(["process.stdout.write(String(bundle.cacheRejected));"], flags);

  it("does not load node:child_process to start (commander's is required on first use)", () => {
    const printed = probeBundle([
      'await bundle.exports.main(["--version"]);',
      'process.stdout.write("," + process.moduleLoadList.includes("NativeModule child_process"));',
    ]);
    expect(printed).toBe(`${VERSION}\n,false`);
  });

  it("comes with a code cache that V8 takes, made by the build for this Node", () => {
    expect(cacheRejected([])).toBe("false");
  });

  it("gives the same result when V8 refuses the cache (other V8 flags) and compiles the bundle", () => {
    // A heap limit is a V8 flag: the cache was made without it.
    const flags = ["--max-old-space-size=3000"];
    expect(cacheRejected(flags)).toBe("true");
    const args = ["run", "experiments/quickstart.yaml", "--set", "duration=20s", "--json"];
    const withCache = spawnSync(process.execPath, [bin, ...args], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    const compiled = spawnSync(process.execPath, [...flags, bin, ...args], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    expect(compiled.status).toBe(0);
    expect(withCache.status).toBe(0);
    // The same result but for the engine's wall times.
    const result = (text: string) =>
      JSON.parse(text, (key, value) => (key === "wallMs" ? undefined : value));
    expect(result(compiled.stdout)).toEqual(result(withCache.stdout));
    expect(result(compiled.stdout).records.offered).toBeGreaterThan(0);
  });
});
