import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  buildImportGraph,
  findCycles,
  type ImportEdge,
  type ImportGraph,
  layerViolations,
  nodeImports,
  roomOf,
} from "../helpers/import-graph.js";

// The checks of import-graph.test.ts pass on the real code; these show each of them fails
// when it should, on graphs small enough to read.

function graphOf(imports: Record<string, string[]>): ImportGraph {
  const edge = (to: string): ImportEdge =>
    to.startsWith("node:")
      ? { specifier: to, target: { kind: "node", module: to } }
      : { specifier: to, target: { kind: "project", file: to } };
  return new Map(Object.entries(imports).map(([file, targets]) => [file, targets.map(edge)]));
}

describe("findCycles", () => {
  it("finds none in a graph that only points one way", () => {
    expect(findCycles(graphOf({ a: ["b", "c"], b: ["c"], c: [] }))).toEqual([]);
  });

  it("names the files of a circle, walked from its first file back to it", () => {
    const cycles = findCycles(graphOf({ a: ["b"], b: ["c"], c: ["a"], d: ["a"] }));
    expect(cycles).toEqual([{ files: ["a", "b", "c"], circle: ["a", "b", "c", "a"] }]);
  });

  it("finds each of two separate circles, and a file importing itself", () => {
    const cycles = findCycles(graphOf({ a: ["b"], b: ["a"], c: ["d"], d: ["c"], e: ["e"] }));
    expect(cycles.map((cycle) => cycle.circle)).toEqual([
      ["a", "b", "a"],
      ["c", "d", "c"],
      ["e", "e"],
    ]);
  });
});

describe("layerViolations", () => {
  const layers = [["low/"], ["mid/", "mid.ts"], ["top/"]];

  it("places a file in the longest room that names it", () => {
    expect(roomOf("mid/x.ts", layers)).toBe("mid/");
    expect(roomOf("mid.ts", layers)).toBe("mid.ts");
    expect(roomOf("elsewhere/x.ts", layers)).toBeUndefined();
  });

  it("allows imports within a room and downwards", () => {
    const graph = graphOf({
      "top/a.ts": ["mid/b.ts", "low/c.ts", "top/d.ts", "mid.ts"],
      "mid/b.ts": ["low/c.ts"],
      "low/c.ts": [],
      "top/d.ts": [],
      "mid.ts": [],
    });
    expect(layerViolations(graph, layers)).toEqual([]);
  });

  it("reports an import upwards, one sideways within a layer, and a file in no room", () => {
    const graph = graphOf({
      "low/c.ts": ["top/a.ts"],
      "mid/b.ts": ["mid.ts"],
      "stray/e.ts": [],
      "top/a.ts": [],
      "mid.ts": [],
    });
    expect(layerViolations(graph, layers)).toEqual([
      "low/c.ts imports top/a.ts: low/ may import only from layers below its own",
      "mid/b.ts imports mid.ts: mid/ may import only from layers below its own",
      "stray/e.ts is in no room of the layers",
    ]);
  });
});

describe("nodeImports", () => {
  it("reports Node builtins imported inside the given rooms only", () => {
    const graph = graphOf({ "models/a.ts": ["node:fs", "models/b.ts"], "cli/c.ts": ["node:os"] });
    expect(nodeImports(graph, ["models/"])).toEqual(["models/a.ts imports node:fs"]);
  });
});

describe("buildImportGraph", () => {
  const root = mkdtempSync(join(tmpdir(), "kinesim-import-graph-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const files: Record<string, string> = {
    "tsconfig.json": JSON.stringify({ compilerOptions: { module: "NodeNext" } }),
    "lib/a.ts": 'import type { B } from "./b.js";\nexport type A = B;\n',
    "lib/b.ts": 'export type { C as B } from "../other/c.js";\n',
    "other/c.ts":
      'import { readFileSync } from "node:fs";\nimport { join } from "path";\n' +
      'export type C = typeof import("../lib/a.js");\nexport const read = [readFileSync, join];\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }

  it("resolves type-only imports, re-exports and import() types to .ts files, builtins apart", () => {
    const graph = buildImportGraph(root, ["lib", "other"]);
    expect(
      Object.fromEntries([...graph].map(([file, edges]) => [file, edges.map((e) => e.target)])),
    ).toEqual({
      "lib/a.ts": [{ kind: "project", file: "lib/b.ts" }],
      "lib/b.ts": [{ kind: "project", file: "other/c.ts" }],
      "other/c.ts": [
        { kind: "node", module: "node:fs" },
        { kind: "node", module: "path" },
        { kind: "project", file: "lib/a.ts" },
      ],
    });
    expect(findCycles(graph).map((cycle) => cycle.circle)).toEqual([
      ["lib/a.ts", "lib/b.ts", "other/c.ts", "lib/a.ts"],
    ]);
  });
});
