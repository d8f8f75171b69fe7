import { describe, expect, it } from "vitest";
import { ProtobufWriter } from "./protobuf-writer.js";

describe("ProtobufWriter (test helper)", () => {
  it("writes the protobuf spec's own examples", () => {
    // Encoding guide: 150 → 96 01; field 1 = 150 → 08 96 01; field 2 = "testing" → 12 07 74 65 73 74 69 6e 67.
    expect([...new ProtobufWriter().varint(150).finish()]).toEqual([0x96, 0x01]);
    expect([...new ProtobufWriter().uint64Field(1, 150).finish()]).toEqual([0x08, 0x96, 0x01]);
    expect([...new ProtobufWriter().stringField(2, "testing").finish()]).toEqual([
      0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67,
    ]);
  });

  it("writes varints above 32 bits", () => {
    // 2^35 = 1 followed by 35 zero bits: five 0x80 groups, then 0x01.
    expect([...new ProtobufWriter().varint(2 ** 35).finish()]).toEqual([
      0x80, 0x80, 0x80, 0x80, 0x80, 0x01,
    ]);
  });
});
