/**
 * Mutations of experiment documents for the loader fuzz tests: every path inside a parsed
 * document, and a copy with the node at one path deleted or replaced. Plain JSON-like data in,
 * plain data out; the input is never changed.
 */
export type Json = unknown;

/** A path from the document's root: mapping keys and list indices. */
export type DocumentPath = readonly (string | number)[];

/** Every path (list of keys/indices) inside a JSON-like value, the root excluded. */
export function pathsOf(
  value: Json,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  if (Array.isArray(value)) {
    value.forEach((child, i) => {
      out.push([...prefix, i]);
      pathsOf(child, [...prefix, i], out);
    });
  } else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      out.push([...prefix, key]);
      pathsOf(child, [...prefix, key], out);
    }
  }
  return out;
}

/** A copy of `value` with the node at `path` deleted (`replacement === undefined`) or replaced. */
export function mutate(value: Json, path: DocumentPath, replacement: Json | undefined): Json {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && replacement === undefined) copy.splice(Number(head), 1);
    else copy[Number(head)] = mutate(copy[Number(head)], rest, replacement);
    return copy;
  }
  const copy = { ...(value as Record<string, Json>) };
  if (rest.length === 0 && replacement === undefined) delete copy[head];
  else copy[head] = mutate(copy[head], rest, replacement);
  return copy;
}
