import { describe, expect, it } from "vitest";
import { clearlyWithin } from "../../src/engine/clearly-within.js";

describe("clearlyWithin", () => {
  it("needs a margin: an amount equal to its limit, or a rounding away, is not clearly within", () => {
    expect(clearlyWithin(1000, 1000)).toBe(false);
    expect(clearlyWithin(1000, 1000 * (1 + 2 ** -52))).toBe(false);
    expect(clearlyWithin(1000, 1000 * (1 + 1e-11))).toBe(true);
    expect(clearlyWithin(0, 0)).toBe(true);
    expect(clearlyWithin(Number.NaN, 1)).toBe(false);
  });
});
