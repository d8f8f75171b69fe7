import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/cli.js";

/**
 * What `npm publish` would ship (issue 13, part 5): the compiled library, the bundled command
 * (dist/cli), the playground's site, the experiments and the docs — nothing of tests,
 * benchmarks or scripts.
 * Read from `npm pack --dry-run`, the list npm itself would use (scripts off: dist/ is built
 * by npm test before this runs).
 */
function packedFiles(): string[] {
  const pack = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  expect(pack.status).toBe(0);
  const [summary] = JSON.parse(pack.stdout) as [{ files: { path: string }[] }];
  return summary.files.map((file) => file.path);
}

const shipped =
  /^(bin|dist\/src|dist\/models|dist\/cli|site|experiments|docs)\/|^(README\.md|package\.json)$/;

describe("the published package", () => {
  const files = packedFiles();

  it("holds only what a user runs or reads", () => {
    expect(files.filter((file) => !shipped.test(file))).toEqual([]);
    // The type check's incremental build info (tsconfig.json) lives in dist/src, not shipped.
    expect(files.filter((file) => file.endsWith(".tsbuildinfo"))).toEqual([]);
  });

  it("leaves out the command's unbundled modules: bin/kinesim.js runs dist/cli", () => {
    expect(files.filter((file) => file.startsWith("dist/src/cli/"))).toEqual([]);
  });

  it("holds every entry point package.json names", () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
      bin: Record<string, string>;
      exports: Record<string, string | { types: string; default: string }>;
    };
    const entries = [
      ...Object.values(manifest.bin),
      ...Object.values(manifest.exports).flatMap((target) =>
        typeof target === "string" ? [target] : [target.types, target.default],
      ),
      // What bin/kinesim.js loads (the bundle, its code cache, the module that runs them), the
      // AWS SDK that `import` requires from beside it, and the sweep's worker thread, which the
      // bundle starts by path.
      "bin/load-cli-bundle.js",
      "dist/cli/kinesim.cjs",
      "dist/cli/kinesim.cache",
      "dist/cli/aws-sdk.cjs",
      "dist/cli/sweep-worker.js",
    ].map((path) => path.replace(/^\.\//, ""));
    for (const entry of entries) expect(files).toContain(entry);
  });
});
