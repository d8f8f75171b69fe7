import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HASH_SPACE, isHashKey, MAX_HASH_KEY } from "../../../models/hashing/hash-space.js";
import { md5HashKey, portableMd5HashKey } from "../../../models/hashing/md5-hash-key.js";
import {
  hashKeyPosition,
  md5HashPosition,
  POSITION_SHIFT,
} from "../../../models/hashing/md5-hash-position.js";
import { nodeMd5HashKey } from "../../helpers/md5-split.js";

describe("hash space", () => {
  it("has 2^128 keys, the largest 2^128 − 1", () => {
    expect(HASH_SPACE).toBe(340282366920938463463374607431768211456n);
    expect(MAX_HASH_KEY).toBe(340282366920938463463374607431768211455n);
    expect(isHashKey(0n)).toBe(true);
    expect(isHashKey(MAX_HASH_KEY)).toBe(true);
    expect(isHashKey(-1n)).toBe(false);
    expect(isHashKey(HASH_SPACE)).toBe(false);
  });
});

// md5HashKey is Node's native MD5 here; portableMd5HashKey is what a browser runs. Both must
// give every key the same value.
describe.each([
  ["md5HashKey", md5HashKey],
  ["portableMd5HashKey", portableMd5HashKey],
])("%s", (_name, md5HashKey) => {
  it.each([
    ["", "d41d8cd98f00b204e9800998ecf8427e"],
    ["a", "0cc175b9c0f1b6a831c399e269772661"],
    ["abc", "900150983cd24fb0d6963f7d28e17f72"],
    ["message digest", "f96b697d7cb7938d525a2f31aaf161d0"],
    ["The quick brown fox jumps over the lazy dog", "9e107d9d372bb6826bd81d3542a419d6"],
  ])("MD5(%j) = %s, read big-endian", (key, hex) => {
    expect(md5HashKey(key)).toBe(BigInt(`0x${hex}`));
  });

  it("keeps leading zero bytes (the value is below 2^120)", () => {
    // Any key whose digest starts with a zero byte; found by search, checked against node:crypto.
    let key = "";
    for (let i = 0; ; i++) {
      key = `k${i}`;
      if (createHash("md5").update(key).digest()[0] === 0) break;
    }
    expect(md5HashKey(key)).toBe(nodeMd5HashKey(key));
    expect(md5HashKey(key) < 2n ** 120n).toBe(true);
  });

  it("hashes the UTF-8 bytes of non-ASCII keys", () => {
    for (const key of ["ключ-7", "日本語キー", "emoji-😀", "café", "\u0000nul", "lone-\ud800"]) {
      expect(md5HashKey(key)).toBe(nodeMd5HashKey(key));
    }
    // "é" is two UTF-8 bytes, not one Latin-1 byte.
    expect(md5HashKey("é")).not.toBe(
      BigInt(`0x${createHash("md5").update("é", "latin1").digest("hex")}`),
    );
  });

  it("matches node:crypto on arbitrary strings and stays in [0, 2^128 − 1]", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 64 }), (key) => {
        const hashKey = md5HashKey(key);
        expect(hashKey).toBe(nodeMd5HashKey(key));
        expect(hashKey >= 0n && hashKey <= MAX_HASH_KEY).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("md5HashPosition", () => {
  it("is the top 53 bits of md5HashKey, for any string (lone surrogates included)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" })), (key) => {
        expect(md5HashPosition(key)).toBe(Number(md5HashKey(key) >> POSITION_SHIFT));
        expect(hashKeyPosition(md5HashKey(key))).toBe(md5HashPosition(key));
      }),
      { numRuns: 500 },
    );
    // Lone surrogates hash as U+FFFD, as node encodes them.
    expect(md5HashPosition("a\uD800b")).toBe(Number(nodeMd5HashKey("a\uFFFDb") >> 75n));
  });
});
