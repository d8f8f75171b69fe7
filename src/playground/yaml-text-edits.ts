import { type Document, isMap, isScalar, isSeq, type Node, parseDocument } from "yaml";
import type { FieldEdit } from "./field-edit.js";

/**
 * Writes slider edits into the experiment's YAML text, keeping everything else as the user
 * wrote it: comments, key order, flow or block style. An edited value is merged into the node
 * already there (a scalar keeps its comment; a mapping or list keeps the entries the new value
 * still has), so only what the slider changed reads differently.
 */
export function editYamlText(text: string, edits: readonly FieldEdit[]): string {
  if (edits.length === 0) return text;
  const doc = parseDocument(text);
  for (const edit of edits) {
    const path = [...edit.path];
    const node = doc.getIn(path, true);
    const merged = mergeValue(doc, node, edit.value);
    if (merged !== node) doc.setIn(path, merged);
  }
  return doc.toString({ lineWidth: 0 });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The node for `value`: `node` itself, updated in place where it can be, or a new node. */
function mergeValue(doc: Document, node: unknown, value: unknown): unknown {
  if (isScalar(node) && (value === null || typeof value !== "object")) {
    if (node.value !== value) node.value = value;
    return node;
  }
  if (isMap(node) && isPlainObject(value)) {
    const wanted = Object.keys(value);
    node.items = node.items.filter((pair) => wanted.includes(String(keyOf(pair.key))));
    for (const key of wanted) {
      const pair = node.items.find((item) => String(keyOf(item.key)) === key);
      if (pair === undefined) node.add(doc.createPair(key, value[key]));
      else pair.value = mergeValue(doc, pair.value, value[key]) as Node;
    }
    return node;
  }
  if (isSeq(node) && Array.isArray(value)) {
    node.items = node.items.slice(0, value.length);
    value.forEach((item, i) => {
      node.items[i] =
        i < node.items.length
          ? (mergeValue(doc, node.items[i], item) as Node)
          : doc.createNode(item);
    });
    return node;
  }
  return doc.createNode(value);
}

function keyOf(key: unknown): unknown {
  return isScalar(key) ? key.value : key;
}
