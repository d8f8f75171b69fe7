import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shardId, shardIndexOf } from "../../../models/hashing/shard-id.js";

describe("shardId", () => {
  it("is shardId- plus a 12-digit zero-padded index", () => {
    expect(shardId(0)).toBe("shardId-000000000000");
    expect(shardId(17)).toBe("shardId-000000000017");
    expect(shardId(999_999_999_999)).toBe("shardId-999999999999");
  });

  it("rejects indexes that do not fit", () => {
    for (const bad of [-1, 1.5, 1e12, Number.NaN]) expect(() => shardId(bad)).toThrow(RangeError);
  });

  it("parses back what it makes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (index) => {
        expect(shardIndexOf(shardId(index))).toBe(index);
      }),
    );
  });

  it("rejects other strings", () => {
    for (const bad of [
      "",
      "shardId-",
      "shardId-0",
      "shardId-0000000000001",
      "shardid-000000000001",
      " shardId-000000000001",
      "shardId-00000000000a",
    ]) {
      expect(shardIndexOf(bad)).toBeUndefined();
    }
  });
});
