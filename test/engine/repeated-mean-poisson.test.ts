import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { poisson } from "../../src/engine/distributions/poisson.js";
import { PoissonMeans } from "../../src/engine/distributions/poisson-means.js";
import { PoissonTables } from "../../src/engine/distributions/poisson-tables.js";
import { RepeatedMeanPoisson } from "../../src/engine/distributions/repeated-mean-poisson.js";
import { randomStream } from "../../src/engine/random-streams.js";

describe("RepeatedMeanPoisson", () => {
  it("draws a new mean as poisson() does and a repeated one as its table does", () => {
    fc.assert(
      fc.property(
        // Means on both sides of PTRS's reach (10) and up to PoissonMeans' own PTRS, repeated
        // and changing, as a steady rate and a ramping one give them.
        fc.array(fc.constantFrom(0, 0.3, 2.5, 9.99, 10, 10.7, 41, 380), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.integer(),
        (means, seed) => {
          const draws = new RepeatedMeanPoisson(new PoissonTables());
          const a = randomStream(seed, "repeated");
          const b = randomStream(seed, "repeated");
          let last = Number.NaN;
          for (const mean of means) {
            const expected = mean === last ? new PoissonMeans([mean]).draw(b, 0) : poisson(b, mean);
            expect(draws.draw(a, mean)).toBe(expected);
            last = mean;
          }
          // Both took the same uniforms.
          expect(a()).toBe(b());
        },
      ),
      { numRuns: 300 },
    );
  });

  it("below a mean of 10 draws what poisson() draws, repeated or not", () => {
    const draws = new RepeatedMeanPoisson(new PoissonTables());
    const a = randomStream(3, "below-ten");
    const b = randomStream(3, "below-ten");
    for (let i = 0; i < 2000; i++) {
      const mean = Math.floor(i / 3) / 70;
      expect(draws.draw(a, mean)).toBe(poisson(b, mean));
    }
  });
});
