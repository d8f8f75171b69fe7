import { describe, expect, it } from "vitest";
import { DueTicks } from "../../../../models/shards/window/due-ticks.js";

/** The shards marked at `tick`, in the order a producer visits them. */
function marked(due: DueTicks, tick: number): number[] {
  const shards: number[] = [];
  for (let w = 0; w < due.words; w++) {
    for (let bit = 0; bit < 32; bit++) {
      if ((due.word(tick, w) & (1 << bit)) !== 0) shards.push(32 * w + bit);
    }
  }
  return shards;
}

describe("DueTicks", () => {
  it("marks every shard at a window's first tick, and each later mark at its tick", () => {
    const due = new DueTicks(70);
    due.start(5);
    expect(marked(due, 0)).toEqual(Array.from({ length: 70 }, (_, i) => i));
    due.mark(69, 3);
    due.mark(31, 3);
    due.mark(32, 3);
    due.mark(0, 4);
    expect(marked(due, 3)).toEqual([31, 32, 69]);
    expect(marked(due, 4)).toEqual([0]);
    expect(marked(due, 1)).toEqual([]);
  });

  it("ignores a mark past the window's end, and a new window forgets the last one's marks", () => {
    const due = new DueTicks(3);
    due.start(4);
    due.mark(1, 4);
    due.mark(2, 3);
    due.start(4);
    expect(marked(due, 3)).toEqual([]);
    expect(marked(due, 0)).toEqual([0, 1, 2]);
  });
});
