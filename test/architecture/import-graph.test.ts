import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/cli.js";
import {
  buildImportGraph,
  findCycles,
  type Layers,
  layerViolations,
  nodeImports,
  projectImports,
  reachableFrom,
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
  ["src/index.ts"],
  ["src/cli/", "src/playground/", "src/node.ts", "bin/"],
];

/**
 * What the browser playground may import beside its own files: the public entry (the model,
 * parsing, types) and the shared rendering of the report and of numbers.
 */
const PLAYGROUND_MAY_IMPORT = ["src/playground/", "src/index.ts", "src/report/", "src/format/"];

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

  it("keeps the isomorphic entry (kinesim) free of Node: nothing it reaches imports a builtin", () => {
    const reached = reachableFrom(graph, "src/index.ts");
    expect(reached).toContain("src/experiment/run/simulate.ts");
    const imports = nodeImports(graph, reached);
    expect(imports, imports.join("\n")).toEqual([]);
    // The Node entry is the one that reads files.
    expect(nodeImports(graph, reachableFrom(graph, "src/node.ts")).length).toBeGreaterThan(0);
  });

  it("lets the playground reach the model only through the public entry", () => {
    const playground = [...graph.keys()].filter((file) => file.startsWith("src/playground/"));
    expect(playground.length).toBeGreaterThan(3);
    const strays = playground.flatMap((file) =>
      projectImports(graph, file)
        .filter((target) => !PLAYGROUND_MAY_IMPORT.some((room) => inRoomOf(target, room)))
        .map((target) => `${file} imports ${target}`),
    );
    expect(strays, strays.join("\n")).toEqual([]);
  });
});

function inRoomOf(file: string, room: string): boolean {
  return room.endsWith("/") ? file.startsWith(room) : file === room;
}
