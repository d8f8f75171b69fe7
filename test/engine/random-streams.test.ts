import { describe, expect, it } from "vitest";
import { RandomStreams, randomStream } from "../../src/engine/random-streams.js";

const take = (random: () => number, count: number): number[] =>
  Array.from({ length: count }, () => random());

describe("random streams", () => {
  it("gives the same sequence for the same seed and name", () => {
    const a = new RandomStreams(42).stream("producer:clicks:arrivals");
    const b = new RandomStreams(42).stream("producer:clicks:arrivals");
    expect(take(a, 1000)).toEqual(take(b, 1000));
    expect(take(randomStream(42, "x"), 100)).toEqual(take(new RandomStreams(42).stream("x"), 100));
  });

  it("gives different sequences for different names and for different seeds", () => {
    const streams = new RandomStreams(42);
    const arrivals = take(streams.stream("producer:clicks:arrivals"), 100);
    const keys = take(streams.stream("producer:clicks:keys"), 100);
    const otherSeed = take(new RandomStreams(43).stream("producer:clicks:arrivals"), 100);
    expect(arrivals).not.toEqual(keys);
    expect(arrivals).not.toEqual(otherSeed);
    // Not merely shifted or sharing a prefix: no value in common at all.
    expect(arrivals.filter((x) => keys.includes(x))).toEqual([]);
  });

  it("returns the same generator when a name is asked for twice", () => {
    const streams = new RandomStreams("seed");
    const first = streams.stream("a");
    expect(streams.stream("a")).toBe(first);
    const interleaved = [first(), streams.stream("a")(), first()];
    const fresh = take(new RandomStreams("seed").stream("a"), 3);
    expect(interleaved).toEqual(fresh);
  });

  it("does not let one stream's use shift another's numbers", () => {
    const used = new RandomStreams(7);
    take(used.stream("noisy"), 10_000);
    expect(take(used.stream("quiet"), 50)).toEqual(take(new RandomStreams(7).stream("quiet"), 50));
  });

  it("produces values in [0, 1) with mean 1/2", () => {
    const random = randomStream(1, "range");
    const n = 100_000;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const x = random();
      if (!(x >= 0 && x < 1)) throw new Error(`value out of [0, 1): ${x}`);
      sum += x;
    }
    // Uniform(0,1) has sd 1/√12; allow 5 standard errors.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 / Math.sqrt(12 * n));
  });
});
