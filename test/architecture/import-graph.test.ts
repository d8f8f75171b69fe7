import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/cli.js";
import {
  buildImportGraph,
  findCycles,
  type Layers,
  layerViolations,
  nodeImports,
  projectImports,
} from "../helpers/import-graph.js";

/**
 * The one definition of kinesim's layers (docs/design.md §12), lowest first: a room imports
 * only itself and rooms of lower layers. The kernel knows nothing of Kinesis; the models know
 * nothing of files or experiments; only the top layer talks to a terminal or a browser.
 */
const LAYERS: Layers = [
  ["src/engine/", "src/version.ts", "src/format/"],
  ["src/stats/"],
  ["models/"],
  ["src/experiment/"],
  ["src/explain/", "src/report/", "src/arbitraries/"],
  ["src/cli/", "src/playground/", "src/index.ts", "bin/"],
];

/** What runs in the browser playground as well as in Node: no Node builtin may enter. */
const NODE_FREE = ["src/engine/", "src/stats/", "src/format/", "models/"];

const graph = buildImportGraph(repoRoot, ["src", "models", "bin"]);

describe("the import graph of src/, models/ and bin/", () => {
  it("is the graph the compiler sees: .js specifiers land on .ts files, type-only imports count", () => {
    expect(graph.size).toBeGreaterThan(200);
    expect(projectImports(graph, "src/experiment/run/simulate.ts")).toContain(
      "src/experiment/run/build-result.ts",
    );
    // `import type { NarrationEvent } from "./narration-events.js"` is narrator.ts's only import.
    expect(projectImports(graph, "models/narration/narrator.ts")).toEqual([
      "models/narration/narration-events.ts",
    ]);
  });

  it("has no circle, not even through type-only imports", () => {
    const circles = findCycles(graph).map(
      (cycle) => `${cycle.circle.join(" → ")}  (tangle: ${cycle.files.join(", ")})`,
    );
    expect(circles, circles.join("\n")).toEqual([]);
  });

  it("imports only downwards: engine ← stats ← models ← experiment ← explain/report ← cli/playground", () => {
    const violations = layerViolations(graph, LAYERS);
    expect(violations, violations.join("\n")).toEqual([]);
  });

  it("keeps Node builtins out of the engine, stats and models", () => {
    const imports = nodeImports(graph, NODE_FREE);
    expect(imports, imports.join("\n")).toEqual([]);
  });
});
