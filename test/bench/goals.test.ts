import { describe, expect, it } from "vitest";
import { parseOptions } from "../../bench/options.js";
import { atLeast, atMost, times } from "../../bench/targets.js";
import { alternate } from "../../bench/whole-process/alternate.js";

describe("goal verdicts", () => {
  it("passes a figure at or under an upper limit and misses one above it", () => {
    expect(atMost("t", 2, 2, times).verdict).toBe("pass");
    expect(atMost("t", 2.01, 2, times).verdict).toBe("miss");
    expect(atMost("t", 1.5, 2, times)).toMatchObject({ measured: "1.50×", target: "≤ 2.00×" });
  });

  it("passes a figure at or over a lower limit and misses one below it", () => {
    expect(atLeast("t", 20, 20, times).verdict).toBe("pass");
    expect(atLeast("t", 4.99, 5, times)).toMatchObject({ verdict: "miss", target: "≥ 5.00×" });
  });
});

describe("alternate", () => {
  it("runs the contenders in turn, round after round", () => {
    const order: string[] = [];
    const runs = alternate(3, {
      a: () => order.push("a"),
      b: () => order.push("b"),
    });
    expect(order).toEqual(["a", "b", "a", "b", "a", "b"]);
    expect(runs.a).toEqual([1, 3, 5]);
    expect(runs.b).toEqual([2, 4, 6]);
  });
});

describe("parseOptions", () => {
  it("leaves the long and slow parts out by default", () => {
    expect(parseOptions([])).toEqual({ full: false, long: false, tests: false, simpyRounds: 3 });
  });

  it("reads the flags and the SimPy rounds, and refuses a bad count", () => {
    expect(parseOptions(["--full", "--tests", "--simpy-rounds", "5"])).toMatchObject({
      full: true,
      tests: true,
      simpyRounds: 5,
    });
    expect(() => parseOptions(["--simpy-rounds", "0"])).toThrow(/at least 1/);
  });
});
