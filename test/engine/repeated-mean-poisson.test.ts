import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { poisson } from "../../src/engine/distributions/poisson.js";
import { PoissonMeans } from "../../src/engine/distributions/poisson-means.js";
import { RepeatedMeanPoisson } from "../../src/engine/distributions/repeated-mean-poisson.js";
import { randomStream } from "../../src/engine/random-streams.js";

describe("RepeatedMeanPoisson", () => {
  it("draws what PoissonMeans draws from the same uniforms, mean after mean", () => {
    fc.assert(
      fc.property(
        // Means on both sides of PTRS's reach (10) and up to PoissonMeans' own PTRS, repeated
        // and changing, as a window's ticks and a new window give them.
        fc.array(fc.constantFrom(0, 0.3, 2.5, 9.99, 10, 10.7, 15.99, 16, 41, 380), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.integer(),
        (means, seed) => {
          const draws = new RepeatedMeanPoisson();
          const a = randomStream(seed, "repeated");
          const b = randomStream(seed, "repeated");
          for (const mean of means) {
            expect(draws.draw(a, mean)).toBe(new PoissonMeans([mean]).draw(b, 0));
          }
          // Both took the same uniforms.
          expect(a()).toBe(b());
        },
      ),
      { numRuns: 300 },
    );
  });

  it("below a mean of 10 draws what poisson() draws", () => {
    const draws = new RepeatedMeanPoisson();
    const a = randomStream(3, "below-ten");
    const b = randomStream(3, "below-ten");
    for (let i = 0; i < 2000; i++) {
      const mean = (i % 97) / 10;
      expect(draws.draw(a, mean)).toBe(poisson(b, mean));
    }
  });
});
