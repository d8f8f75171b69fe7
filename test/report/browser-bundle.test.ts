import { readdirSync } from "node:fs";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

describe("src/report runs in a browser", () => {
  it("bundles for the browser with no Node built-in among its imports", async () => {
    const entryPoints = readdirSync("src/report")
      .filter((file) => file.endsWith(".ts"))
      .map((file) => `src/report/${file}`);
    expect(entryPoints).toContain("src/report/report-html.ts");
    const bundle = await build({
      entryPoints,
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      outdir: "unused",
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs.some((input) => input.includes("d3-scale"))).toBe(true);
    expect(inputs.filter((input) => /^node:|^(fs|path|os|crypto)$/.test(input))).toEqual([]);
  });
});
