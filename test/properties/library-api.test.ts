import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraries } from "../../src/arbitraries/index.js";
import { simulate } from "../../src/index.js";
import { loadExperimentFile } from "../../src/node.js";

describe("the library API for property tests", () => {
  it("loadExperimentFile (kinesim/node) reads, validates and applies --set overrides", () => {
    const config = loadExperimentFile("experiments/hot-key.yaml", ["stream.shards=16"]);
    expect(config.stream.shards).toBe(16);
    // More shards do not help a hot key.
    expect(simulate(config).shards.some((shard) => shard.throttledAttempts > 0)).toBe(true);
  });

  it("the package entry needs no fast-check at run time: it exports the documents' types only", () => {
    const entry = readFileSync("src/index.ts", "utf8");
    const fromArbitraries = entry.match(/^(import|export)[^;]*?from "\.\/arbitraries\/[^"]*";/gms);
    for (const statement of fromArbitraries ?? []) {
      expect(statement).toMatch(/^(import|export) type /);
    }
    // The documents' types come from the zod schema by `import type` only: erased at run time.
    const documents = readFileSync("src/arbitraries/documents.ts", "utf8");
    const imports = documents.match(/^import .*$/gm) ?? [];
    expect(imports.length).toBeGreaterThan(0);
    for (const statement of imports) expect(statement).toMatch(/^import type /);
  });

  it("arbitraries generate experiments simulate() runs", () => {
    fc.assert(
      fc.property(arbitraries.experimentConfig({ maxSeconds: 10 }), (config) => {
        const result = simulate(config);
        expect(result.durationSeconds).toBe(config.durationUs / 1e6);
      }),
      { numRuns: 10 },
    );
  });
});
