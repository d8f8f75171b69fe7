import { describe, expect, it } from "vitest";
import { addToSlot, KeySlots } from "../../../models/skew/key-slots.js";

describe("KeySlots", () => {
  it("numbers distinct keys in first-seen order and keeps the hash key each was first given", () => {
    const slots = new KeySlots();
    expect(slots.slotOf("b", 7n)).toBe(0);
    expect(slots.slotOf("a")).toBe(1);
    expect(slots.slotOf("b", 9n)).toBe(0);
    expect(slots.slotOf("a", 3n)).toBe(1);
    expect(slots.keys).toEqual(["b", "a"]);
    expect(slots.hashKeys).toEqual([7n, undefined]);
  });

  it("gives each key a slot of its own when the caller vouches the keys are distinct", () => {
    const slots = new KeySlots(true);
    expect(slots.slotOf("b", 7n)).toBe(0);
    expect(slots.slotOf("a")).toBe(1);
    expect(slots.slotOf("c", 3n)).toBe(2);
    expect(slots.keys).toEqual(["b", "a", "c"]);
    expect(slots.hashKeys).toEqual([7n, undefined, 3n]);
  });

  it("sums what is added to a slot, from 0 for a slot just made", () => {
    const slots = new KeySlots();
    const sums: number[] = [];
    for (const [key, amount] of [
      ["x", 1.5],
      ["y", 2],
      ["x", 4],
    ] as const) {
      addToSlot(sums, slots.slotOf(key), amount);
    }
    expect(sums).toEqual([5.5, 2]);
  });
});
