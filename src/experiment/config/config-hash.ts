import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { ExperimentConfig } from "./config-types.js";

/** Characters of JSON gathered before they are hashed. */
const PIECE = 1 << 20;

/** Items of a list written at a time. */
const CHUNK = 4096;

/**
 * A short, stable fingerprint of the normalized experiment (seed included): the first 16 hex
 * digits of the SHA-256 of `JSON.stringify(config)`, a replayed trace's typed arrays counting
 * as the lists of numbers they stand for. The JSON is written and hashed a piece at a time:
 * a trace of millions of records would make it hundreds of MB as one string, past V8's
 * largest string (2^29 − 24 characters).
 */
export function configHash(config: ExperimentConfig): string {
  const writer = new HashingWriter();
  writeJson(config, "", writer);
  return writer.digest().slice(0, 16);
}

class HashingWriter {
  private readonly hash = sha256.create();
  private pending = "";

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= PIECE) this.flush();
  }

  digest(): string {
    this.flush();
    return bytesToHex(this.hash.digest());
  }

  private flush(): void {
    this.hash.update(utf8ToBytes(this.pending));
    this.pending = "";
  }
}

/**
 * Writes what `JSON.stringify` writes for `value` (no spacing), for plain data: objects,
 * arrays, typed arrays (as lists), strings, numbers, booleans and null; `toJSON` is called
 * where there is one. Returns false for a value JSON leaves out (undefined, a function).
 */
function writeJson(input: unknown, key: string, out: HashingWriter): boolean {
  const value = resolved(input, key);
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return false;
  if (value === null || typeof value !== "object") {
    out.write(JSON.stringify(value));
    return true;
  }
  if (value instanceof Float64Array || value instanceof Uint32Array) {
    out.write("[");
    for (let i = 0; i < value.length; i++) {
      const number = value[i] as number;
      out.write(`${i === 0 ? "" : ","}${Number.isFinite(number) ? String(number) : "null"}`);
    }
    out.write("]");
    return true;
  }
  if (Array.isArray(value)) {
    out.write("[");
    for (let from = 0; from < value.length; from += CHUNK) {
      const chunk = value.slice(from, from + CHUNK);
      if (from > 0) out.write(",");
      // A chunk of flat items (a rate's steps, keys) is JSON.stringify's own to write.
      if (chunk.every(isFlat)) out.write(JSON.stringify(chunk).slice(1, -1));
      else
        chunk.forEach((item, i) => {
          if (i > 0) out.write(",");
          if (!writeJson(item, String(from + i), out)) out.write("null");
        });
    }
    out.write("]");
    return true;
  }
  out.write("{");
  let first = true;
  for (const [name, field] of Object.entries(value)) {
    const kept = resolved(field, name);
    if (kept === undefined || typeof kept === "function" || typeof kept === "symbol") continue;
    out.write(`${first ? "" : ","}${JSON.stringify(name)}:`);
    writeJson(kept, name, out);
    first = false;
  }
  out.write("}");
  return true;
}

/** `value.toJSON(key)` when `value` has that method (as JSON.stringify calls it), else `value`. */
function resolved(value: unknown, key: string): unknown {
  if (value === null || typeof value !== "object") return value;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  return typeof toJSON === "function" ? toJSON.call(value, key) : value;
}

/** A primitive, or a plain object of primitives: nothing in it is a typed array. */
function isFlat(item: unknown): boolean {
  if (item === null || typeof item !== "object") return true;
  if (Object.getPrototypeOf(item) !== Object.prototype) return false;
  for (const field of Object.values(item)) {
    if (field !== null && typeof field === "object") return false;
  }
  return true;
}
