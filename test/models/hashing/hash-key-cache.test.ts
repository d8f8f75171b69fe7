import { describe, expect, it } from "vitest";
import { HashKeyCache } from "../../../models/hashing/hash-key-cache.js";
import { md5HashKey } from "../../../models/hashing/md5-hash-key.js";

describe("HashKeyCache", () => {
  it("returns md5HashKey and counts hits and misses", () => {
    const cache = new HashKeyCache();
    expect(cache.hashKey("a")).toBe(md5HashKey("a"));
    expect(cache.hashKey("a")).toBe(md5HashKey("a"));
    expect(cache.hashKey("b")).toBe(md5HashKey("b"));
    expect({ hits: cache.hits, misses: cache.misses, size: cache.size }).toEqual({
      hits: 1,
      misses: 2,
      size: 2,
    });
  });

  it("clears itself when full, and stays correct", () => {
    const cache = new HashKeyCache(3);
    for (const key of ["a", "b", "c"]) cache.hashKey(key);
    expect(cache.size).toBe(3);
    expect(cache.hashKey("d")).toBe(md5HashKey("d"));
    expect(cache.size).toBe(1);
    expect(cache.hashKey("a")).toBe(md5HashKey("a"));
    expect(cache.misses).toBe(5);
    expect(cache.hits).toBe(0);
    expect(cache.hashKey("d")).toBe(md5HashKey("d"));
    expect(cache.hits).toBe(1);
  });

  it("clear() forgets keys and counts", () => {
    const cache = new HashKeyCache();
    cache.hashKey("a");
    cache.hashKey("a");
    cache.clear();
    expect({ hits: cache.hits, misses: cache.misses, size: cache.size }).toEqual({
      hits: 0,
      misses: 0,
      size: 0,
    });
  });

  it("rejects a size that is not a positive integer", () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new HashKeyCache(bad)).toThrow(RangeError);
    }
  });
});
