import { describe, expect, it } from "vitest";
import { poisson } from "../../src/engine/distributions/poisson.js";
import { PoissonMeans } from "../../src/engine/distributions/poisson-means.js";
import { randomStream } from "../../src/engine/random-streams.js";

describe("PoissonMeans", () => {
  // Below 10 (inversion), at and above 10 (PTRS, whose rejection step reads the kept log-pmf
  // values, NaN until needed), and beyond the means that keep values (PTRS as poisson() runs it).
  const means = [0, 0.3, 4, 9.999, 10, 10.4, 37.5, 250, 400, 1000, 1e6, 1e7];

  it("draws, mean by mean, what poisson draws from the same uniforms", () => {
    const table = new PoissonMeans(means);
    for (let i = 0; i < means.length; i++) {
      const mean = means[i] as number;
      const a = randomStream(11, `means${mean}`);
      const b = randomStream(11, `means${mean}`);
      // Enough draws that PTRS's rejection step runs many times, at many k.
      for (let n = 0; n < 5000; n++) expect(table.draw(b, i)).toBe(poisson(a, mean));
      // Both consumed the same uniforms.
      expect(b()).toBe(a());
    }
  });

  it("gives the same draws when the means are interleaved, as a splitter draws them", () => {
    const table = new PoissonMeans(means);
    const a = randomStream(5, "interleaved");
    const b = randomStream(5, "interleaved");
    for (let n = 0; n < 2000; n++) {
      for (let i = 0; i < means.length; i++) {
        expect(table.draw(b, i)).toBe(poisson(a, means[i] as number));
      }
    }
  });

  it("rejects a mean poisson would reject", () => {
    expect(() => new PoissonMeans([1, -1])).toThrow(RangeError);
    expect(() => new PoissonMeans([Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => new PoissonMeans([Number.NaN])).toThrow(RangeError);
  });
});
