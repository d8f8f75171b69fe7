/**
 * orderByHashKey (models/hashing/order-by-hash-key.ts): the indices of hash keys in key order,
 * equal keys in index order, i.e. a stable sort of the indices by key.
 *
 * The reference is that stable sort itself (Array.prototype.sort is stable). The generated
 * keys include what the packing must get right: equal keys, keys whose doubles are equal but
 * whose exact values differ (they differ only below a double's 53 bits), keys that share
 * their top bits, and runs of thousands of keys in one bucket (the comparator fallback).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_HASH_KEY } from "../../../models/hashing/hash-space.js";
import { orderByHashKey } from "../../../models/hashing/order-by-hash-key.js";

const TWO_POW_128 = 2 ** 128;

function reference(hashKeys: readonly bigint[]): number[] {
  return hashKeys
    .map((_, i) => i)
    .sort((a, b) => {
      const ka = hashKeys[a] as bigint;
      const kb = hashKeys[b] as bigint;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
}

function ordered(hashKeys: readonly bigint[]): number[] {
  const positions = Float64Array.from(hashKeys, (key) => Number(key) / TWO_POW_128);
  return [...orderByHashKey(positions, (i) => hashKeys[i] as bigint)];
}

const anyKey = fc.bigInt({ min: 0n, max: MAX_HASH_KEY });
/** Keys near a few bases: equal doubles with different low bits, shared top bits. */
const nearKey = fc
  .tuple(fc.constantFrom(0n, 1n << 100n, 3n << 126n, MAX_HASH_KEY - 5000n), fc.bigInt(0n, 4096n))
  .map(([base, offset]) => base + offset);

describe("orderByHashKey", () => {
  it("orders as a stable sort by key, whatever the keys", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyKey, nearKey), { maxLength: 300 }), (keys) => {
        expect(ordered(keys)).toEqual(reference(keys));
      }),
    );
  });

  it("keeps equal keys in index order", () => {
    const keys = [5n, 1n, 5n, 1n, 5n];
    expect(ordered(keys)).toEqual([1, 3, 0, 2, 4]);
  });

  it("orders keys whose doubles are equal by their exact values", () => {
    const base = 1n << 120n;
    // base + 1 … base + 3 round to the same double as base.
    const keys = [base + 3n, base + 1n, base, base + 2n];
    expect(new Set(keys.map((key) => Number(key))).size).toBe(1);
    expect(ordered(keys)).toEqual([2, 1, 3, 0]);
  });

  it("gives thousands of keys in one bucket their order too (the comparator fallback)", () => {
    const keys = Array.from({ length: 3000 }, (_, i) => (7n << 100n) + BigInt((i * 7919) % 3000));
    expect(ordered(keys)).toEqual(reference(keys));
  });

  it("orders 10,000 scattered keys", () => {
    let state = 1n;
    const keys = Array.from({ length: 10_000 }, () => {
      state = (state * 6364136223846793005n + 1442695040888963407n) & MAX_HASH_KEY;
      return state;
    });
    expect(ordered(keys)).toEqual(reference(keys));
  });
});
