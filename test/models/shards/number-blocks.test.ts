import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NumberBlocks } from "../../../models/shards/number-blocks.js";

describe("NumberBlocks", () => {
  it("hands out blocks of zeros that never overlap, side by side while a chunk lasts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 60 }),
        (chunkLength, lengths) => {
          const numbers = new NumberBlocks(chunkLength);
          const blocks = lengths.map((length) => ({ length, ...numbers.allocate(length) }));
          for (const [i, block] of blocks.entries()) {
            expect(block.offset + block.length).toBeLessThanOrEqual(block.values.length);
            for (let k = 0; k < block.length; k++) expect(block.values[block.offset + k]).toBe(0);
            // Every number of the block written, to see that no other block shares it.
            block.values.fill(i + 1, block.offset, block.offset + block.length);
            const previous = blocks[i - 1];
            if (previous !== undefined && previous.values === block.values) {
              expect(block.offset).toBe(previous.offset + previous.length);
            }
          }
          for (const [i, block] of blocks.entries()) {
            const own = block.values.slice(block.offset, block.offset + block.length);
            expect([...own]).toEqual(new Array(block.length).fill(i + 1));
          }
        },
      ),
    );
  });

  it("starts a new chunk when a block does not fit the rest of the current one", () => {
    const numbers = new NumberBlocks(10);
    const first = numbers.allocate(6);
    const second = numbers.allocate(6);
    expect(second.values).not.toBe(first.values);
    expect(second.offset).toBe(0);
    // A block longer than a chunk gets a chunk of its own length.
    expect(numbers.allocate(25).values.length).toBe(25);
  });
});
