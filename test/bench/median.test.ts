import { describe, expect, it } from "vitest";
import { median, pairRatios } from "../../bench/median.js";

describe("median", () => {
  it("takes the middle value of an odd count, whatever the order", () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it("takes the mean of the two middle values of an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("is NaN for no values and leaves its input unsorted", () => {
    expect(median([])).toBeNaN();
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe("pairRatios", () => {
  it("divides round by round and stops at the shorter list", () => {
    expect(pairRatios([10, 30, 8], [2, 10])).toEqual([5, 3]);
  });
});
