import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { varintSize } from "../../../models/kpl/varint-size.js";
import { ProtobufWriter } from "./protobuf-writer.js";

describe("varintSize", () => {
  it("steps at each power of 2^7", () => {
    expect(varintSize(0)).toBe(1);
    expect(varintSize(127)).toBe(1);
    expect(varintSize(128)).toBe(2);
    expect(varintSize(16_383)).toBe(2);
    expect(varintSize(16_384)).toBe(3);
    expect(varintSize(2 ** 35 - 1)).toBe(5);
    expect(varintSize(2 ** 35)).toBe(6);
    expect(varintSize(Number.MAX_SAFE_INTEGER)).toBe(8);
  });

  it("equals the length the protobuf writer produces", () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (value) => {
        expect(varintSize(value)).toBe(new ProtobufWriter().varint(value).finish().length);
      }),
    );
  });

  it("rejects negative, fractional and unsafe values", () => {
    for (const bad of [-1, 0.5, Number.NaN, 2 ** 53, Number.POSITIVE_INFINITY]) {
      expect(() => varintSize(bad)).toThrow(RangeError);
    }
  });
});
