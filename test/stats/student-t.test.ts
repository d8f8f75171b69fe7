import { describe, expect, it } from "vitest";
import { normal } from "../../src/engine/distributions/normal.js";
import { randomStream } from "../../src/engine/random-streams.js";
import { meanInterval } from "../../src/stats/mean-interval.js";
import { logGamma, studentTCdf, studentTQuantile } from "../../src/stats/student-t.js";

describe("Student t", () => {
  it("matches the printed table of two-sided 95 % critical values", () => {
    // Standard t-table values t(0.975, df), to the three decimals tables print.
    const table: [number, number][] = [
      [1, 12.706],
      [2, 4.303],
      [3, 3.182],
      [4, 2.776],
      [9, 2.262],
      [19, 2.093],
      [29, 2.045],
      [120, 1.98],
    ];
    for (const [df, value] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(value, 3);
  });

  it("approaches the normal quantile as df grows", () => {
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959964, 4);
  });

  it("has a CDF that inverts the quantile and is symmetric", () => {
    for (const df of [1, 3, 10, 50]) {
      for (const p of [0.6, 0.9, 0.975, 0.995]) {
        const t = studentTQuantile(p, df);
        expect(studentTCdf(t, df)).toBeCloseTo(p, 10);
        expect(studentTCdf(-t, df)).toBeCloseTo(1 - p, 10);
      }
    }
  });

  it("computes ln Γ exactly at integers and at 1/2", () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });
});

describe("meanInterval", () => {
  it("gives the textbook interval for a small sample", () => {
    const interval = meanInterval([1, 2, 3, 4]);
    expect(interval.mean).toBe(2.5);
    expect(interval.sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
    const half = (3.182446305 * Math.sqrt(5 / 3)) / 2;
    expect(interval.ci95?.[0]).toBeCloseTo(2.5 - half, 8);
    expect(interval.ci95?.[1]).toBeCloseTo(2.5 + half, 8);
  });

  it("has no interval below two observations", () => {
    expect(meanInterval([]).ci95).toBeNull();
    expect(meanInterval([7]).ci95).toBeNull();
  });

  it("covers the true mean of normal samples 95 % of the time", () => {
    // 4,000 intervals from samples of 5: the number that cover is Binomial(4000, 0.95),
    // standard deviation √(4000·0.95·0.05) ≈ 13.8; accept within 4 of them (±55).
    const random = randomStream(7, "coverage");
    const trials = 4000;
    let covered = 0;
    for (let trial = 0; trial < trials; trial++) {
      const sample = Array.from({ length: 5 }, () => normal(random, 10, 3));
      const ci = meanInterval(sample).ci95 as [number, number];
      if (ci[0] <= 10 && 10 <= ci[1]) covered++;
    }
    expect(Math.abs(covered - 0.95 * trials)).toBeLessThan(4 * Math.sqrt(trials * 0.95 * 0.05));
  });
});
