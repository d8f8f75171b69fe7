import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative, sep } from "node:path";
import ts from "typescript";

/** Where one import leads: a file of the project, a Node builtin, or an installed package. */
export type ImportTarget =
  | { kind: "project"; file: string }
  | { kind: "node"; module: string }
  | { kind: "package"; module: string };

/** One import (or re-export) as the compiler resolves it; `file` paths are repo-relative with `/`. */
export interface ImportEdge {
  specifier: string;
  target: ImportTarget;
}

/** Every project file and what each imports, `import type` included. */
export type ImportGraph = Map<string, ImportEdge[]>;

const sourceFile = /\.(ts|js|mjs)$/;
const nodeBuiltins = new Set(builtinModules);

/**
 * Builds the import graph of every .ts/.js file under `folders`, resolving each specifier the
 * way tsc does with the repo's tsconfig.json, so `./x.js` lands on `x.ts`. Resolution rather than
 * matching source text is the point: a regex cannot tell a re-export, a `typeof import("…")`
 * or an aliased path from a comment.
 */
export function buildImportGraph(root: string, folders: string[]): ImportGraph {
  const options = compilerOptions(root);
  const host = ts.createCompilerHost(options);
  const graph: ImportGraph = new Map();
  for (const file of folders.flatMap((folder) => sourceFiles(join(root, folder)))) {
    const text = readFileSync(file, "utf8");
    const parsed = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const edges = moduleSpecifiers(parsed).map((specifier) => ({
      specifier,
      target: resolve(specifier, file, root, options, host),
    }));
    graph.set(repoPath(root, file), edges);
  }
  return graph;
}

function compilerOptions(root: string): ts.CompilerOptions {
  const configPath = join(root, "tsconfig.json");
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  if (config.error)
    throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, "\n"));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, root).options;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((name) => sourceFile.test(name) && !name.endsWith(".d.ts"))
    .map((name) => join(folder, name))
    .sort();
}

function repoPath(root: string, file: string): string {
  return relative(root, file).split(sep).join("/");
}

/** Every module a file names: static imports and re-exports (type-only too), `import x =
 * require()`, literal dynamic `import()` and `import("…")` types. */
function moduleSpecifiers(file: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const specifier = specifierOf(node);
    if (specifier !== undefined) found.push(specifier);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function specifierOf(node: ts.Node): string | undefined {
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
    const specifier = node.moduleSpecifier;
    return specifier && ts.isStringLiteral(specifier) ? specifier.text : undefined;
  }
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
    const expression = node.moduleReference.expression;
    return ts.isStringLiteral(expression) ? expression.text : undefined;
  }
  if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
    const argument = node.arguments[0];
    return argument && ts.isStringLiteralLike(argument) ? argument.text : undefined;
  }
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
    const literal = node.argument.literal;
    return ts.isStringLiteral(literal) ? literal.text : undefined;
  }
  return undefined;
}

function resolve(
  specifier: string,
  containingFile: string,
  root: string,
  options: ts.CompilerOptions,
  host: ts.CompilerHost,
): ImportTarget {
  if (specifier.startsWith("node:") || nodeBuiltins.has(specifier.split("/")[0] ?? "")) {
    return { kind: "node", module: specifier };
  }
  const resolved = ts.resolveModuleName(specifier, containingFile, options, host).resolvedModule;
  if (resolved === undefined) {
    throw new Error(`${repoPath(root, containingFile)}: cannot resolve import "${specifier}"`);
  }
  if (resolved.isExternalLibraryImport) return { kind: "package", module: specifier };
  return { kind: "project", file: repoPath(root, resolved.resolvedFileName) };
}

/** The project files `file` imports directly. */
export function projectImports(graph: ImportGraph, file: string): string[] {
  return (graph.get(file) ?? []).flatMap((edge) =>
    edge.target.kind === "project" ? [edge.target.file] : [],
  );
}

/** A set of files that reach each other through imports, and one circle among them. */
export interface ImportCycle {
  files: string[];
  circle: string[];
}

/**
 * Every tangle of files that import each other, round and round: the strongly connected
 * components (Tarjan) of more than one file, or a file importing itself.
 */
export function findCycles(graph: ImportGraph): ImportCycle[] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: ImportCycle[] = [];
  let counter = 0;

  const connect = (file: string): void => {
    index.set(file, counter);
    lowLink.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const next of projectImports(graph, file)) {
      if (!index.has(next)) {
        connect(next);
        lowLink.set(file, Math.min(lowLink.get(file) ?? 0, lowLink.get(next) ?? 0));
      } else if (onStack.has(next)) {
        lowLink.set(file, Math.min(lowLink.get(file) ?? 0, index.get(next) ?? 0));
      }
    }
    if (lowLink.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    const selfImport = projectImports(graph, file).includes(file);
    if (component.length > 1 || selfImport) {
      components.push({ files: component.sort(), circle: walkCycle(graph, component) });
    }
  };

  for (const file of [...graph.keys()].sort()) if (!index.has(file)) connect(file);
  return components;
}

/** One concrete circle through the component, from its first file back to it, for a readable
 * failure message ("a → b → c → a"). */
function walkCycle(graph: ImportGraph, component: string[]): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0] ?? "";
  // Breadth-first from start's successors back to start, staying inside the component.
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift() ?? "";
    for (const next of projectImports(graph, file)) {
      if (!members.has(next) || previous.has(next)) continue;
      previous.set(next, file);
      if (next === start) queue.length = 0;
      else queue.push(next);
    }
  }
  const path = [start];
  for (let at = previous.get(start); at !== undefined && at !== start; at = previous.get(at)) {
    path.unshift(at);
  }
  path.unshift(start);
  return path;
}

/**
 * Rooms in layers, lowest first. A room is a folder ("src/engine/") or one file
 * ("src/index.ts"); a file lives in the longest room that names it.
 */
export type Layers = readonly (readonly string[])[];

function inRoom(file: string, room: string): boolean {
  return room.endsWith("/") ? file.startsWith(room) : file === room;
}

/** The room `file` lives in, or undefined when no room names it. */
export function roomOf(file: string, layers: Layers): string | undefined {
  let best: string | undefined;
  for (const room of layers.flat()) {
    if (inRoom(file, room) && room.length > (best?.length ?? -1)) best = room;
  }
  return best;
}

function layerOf(room: string, layers: Layers): number {
  return layers.findIndex((layer) => layer.includes(room));
}

/**
 * Imports that run against the layers, one message each: a room may import itself and the
 * rooms of lower layers, never a room of its own layer or above. A file in no room is
 * reported too, so a new folder has to be given its place.
 */
export function layerViolations(graph: ImportGraph, layers: Layers): string[] {
  const messages: string[] = [];
  for (const [file, edges] of graph) {
    const room = roomOf(file, layers);
    if (room === undefined) {
      messages.push(`${file} is in no room of the layers`);
      continue;
    }
    for (const edge of edges) {
      if (edge.target.kind !== "project") continue;
      const targetRoom = roomOf(edge.target.file, layers);
      if (targetRoom === room) continue;
      if (targetRoom !== undefined && layerOf(targetRoom, layers) < layerOf(room, layers)) continue;
      messages.push(
        `${file} imports ${edge.target.file}: ${room} may import only from layers below its own`,
      );
    }
  }
  return messages;
}

/** Imports of Node builtins (`node:fs`, `path`, …) by files in `rooms`, one message each. */
export function nodeImports(graph: ImportGraph, rooms: readonly string[]): string[] {
  const messages: string[] = [];
  for (const [file, edges] of graph) {
    if (!rooms.some((room) => inRoom(file, room))) continue;
    for (const edge of edges) {
      if (edge.target.kind === "node") messages.push(`${file} imports ${edge.target.module}`);
    }
  }
  return messages;
}

/** Every project file `file` reaches through imports, itself included, in a stable order. */
export function reachableFrom(graph: ImportGraph, file: string): string[] {
  const seen = new Set<string>([file]);
  const queue = [file];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const target of projectImports(graph, next)) {
      if (seen.has(target)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return [...seen].sort();
}
