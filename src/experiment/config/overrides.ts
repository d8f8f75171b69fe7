import { parseDocument } from "yaml";
import { previewValue } from "./format-error.js";
import { UserError } from "./user-error.js";

/**
 * `--set path=value` on the parsed experiment document, before validation.
 *
 * Paths are dot-separated keys; list elements are `producers[0].rate` or `producers.0.rate`.
 * The value is read as a YAML scalar or flow value (`5`, `2KB`, `true`, `[a, b]`, `{x: 1}`);
 * an empty value is the empty string. Missing mappings along the path are created (a missing
 * list too, when the next segment is an index); an index may point one past the end of a list
 * to append. Input is never mutated: the containers on the path are copied.
 */

type Segment =
  | { readonly kind: "key"; readonly key: string }
  | { readonly kind: "index"; readonly index: number };

type Container = Record<string, unknown> | unknown[];

/** Applies each assignment in order; returns a new document. */
export function applyOverrides(document: unknown, assignments: readonly string[]): unknown {
  let result = document;
  for (const assignment of assignments) result = applyOne(result, assignment);
  return result;
}

function applyOne(document: unknown, assignment: string): unknown {
  const flag = `--set ${assignment}`;
  const fail = (why: string): never => {
    throw new UserError(`${flag}: ${why}`);
  };
  const eq = assignment.indexOf("=");
  if (eq < 0) fail('expected path=value, e.g. "stream.shards=8"');
  const pathText = assignment.slice(0, eq).trim();
  if (pathText === "") fail('empty path; expected path=value, e.g. "stream.shards=8"');
  const segments = parsePath(pathText, fail);
  const value = parseValue(assignment.slice(eq + 1), fail);
  return setAt(document, segments, 0, value, "", fail);
}

function parsePath(text: string, fail: (why: string) => never): Segment[] {
  const segments: Segment[] = [];
  for (const part of text.split(".")) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (match === null)
      return fail(`bad path segment ${previewValue(part)}; use name, name[0] or a number`);
    const name = match[1] ?? "";
    const indices = match[2] ?? "";
    if (name === "" && indices === "") return fail("empty path segment (two dots in a row?)");
    if (name !== "")
      segments.push(/^\d+$/.test(name) ? index(name, fail) : { kind: "key", key: name });
    for (const [, digits] of indices.matchAll(/\[(\d+)\]/g))
      segments.push(index(digits ?? "", fail));
  }
  return segments;
}

function index(digits: string, fail: (why: string) => never): Segment {
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) fail(`index ${digits} is too large`);
  return { kind: "index", index: value };
}

function parseValue(text: string, fail: (why: string) => never): unknown {
  if (text.trim() === "") return "";
  const doc = parseDocument(text, { prettyErrors: false });
  const error = doc.errors[0];
  if (error !== undefined) return fail(`cannot read the value: ${error.message}`);
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return fail(`cannot read the value: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** `producers` → `producer`, for "no producer at index 9". */
function singular(listName: string): string {
  if (listName === "") return "element";
  return listName.endsWith("s") ? listName.slice(0, -1) : `element of ${listName}`;
}

function describePath(path: string): string {
  return path === "" ? "the document" : path;
}

function setAt(
  node: unknown,
  segments: readonly Segment[],
  depth: number,
  value: unknown,
  path: string,
  fail: (why: string) => never,
): unknown {
  const segment = segments[depth];
  if (segment === undefined) return value;
  let container: Container;
  if (node === undefined || node === null) {
    container = segment.kind === "index" ? [] : {};
  } else if (typeof node !== "object") {
    return fail(
      `${describePath(path)} is ${previewValue(node)}, not a ${segment.kind === "index" ? "list" : "mapping"}`,
    );
  } else {
    container = Array.isArray(node) ? [...node] : { ...(node as Record<string, unknown>) };
  }
  if (segment.kind === "index") {
    if (!Array.isArray(container)) return fail(`${describePath(path)} is a mapping, not a list`);
    const lastName =
      path
        .replace(/\[\d+\]$/, "")
        .split(/[.[]/)
        .pop() ?? "";
    if (segment.index > container.length) {
      return fail(
        `no ${singular(lastName)} at index ${segment.index} (there ${container.length === 1 ? "is 1" : `are ${container.length}`})`,
      );
    }
    const childPath = `${path}[${segment.index}]`;
    container[segment.index] = setAt(
      container[segment.index],
      segments,
      depth + 1,
      value,
      childPath,
      fail,
    );
    return container;
  }
  if (Array.isArray(container)) {
    return fail(`${describePath(path)} is a list; use an index like ${path}[0]`);
  }
  const childPath = path === "" ? segment.key : `${path}.${segment.key}`;
  const child = Object.hasOwn(container, segment.key) ? container[segment.key] : undefined;
  const updated = setAt(child, segments, depth + 1, value, childPath, fail);
  // defineProperty, not assignment: a key named "__proto__" must stay a plain key.
  Object.defineProperty(container, segment.key, {
    value: updated,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return container;
}
