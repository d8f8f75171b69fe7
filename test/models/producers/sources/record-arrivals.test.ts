import { describe, expect, it } from "vitest";
import { RecordArrivals } from "../../../../models/producers/sources/record-arrivals.js";
import { type RatePoint, RateProfile } from "../../../../models/workload/rate-profile.js";
import { randomStream } from "../../../../src/engine/random-streams.js";
import { Simulation } from "../../../../src/engine/simulation.js";

const S = 1_000_000;
const MS = 1_000;
const SEEDS = [1, 2, 3, 4, 5];

interface Drawn {
  readonly timesUs: number[];
  /** Whether `next` said no record would arrive any more (-1) before the horizon. */
  readonly ended: boolean;
  /** Looks again at a zero rate (not arrivals). */
  readonly looks: number;
}

/**
 * Schedules arrivals the way the SDK producer does in record mode: a relative answer is a
 * delay from now, an absolute one a time; `arrives` false means look again, not a record.
 */
function draw(arrivals: RecordArrivals, horizonUs: number): Drawn {
  const simulation = new Simulation();
  const timesUs: number[] = [];
  let ended = false;
  let looks = 0;
  const schedule = (): void => {
    const us = arrivals.next(simulation.nowUs);
    if (us < 0) {
      ended = true;
      return;
    }
    const action = arrivals.arrives ? arrive : lookAgain;
    if (arrivals.relative) simulation.schedule(us, action);
    else simulation.scheduleAt(us, action);
  };
  const arrive = (): void => {
    timesUs.push(simulation.nowUs);
    schedule();
  };
  const lookAgain = (): void => {
    looks++;
    schedule();
  };
  schedule();
  simulation.run(horizonUs);
  return { timesUs, ended, looks };
}

/** Poisson arrivals from a rate profile; `constantRate` as the producer passes it. */
function poisson(
  rate: number | readonly RatePoint[],
  seed: number,
  horizonUs: number,
  constantRate = typeof rate === "number" ? rate : undefined,
): RecordArrivals {
  return new RecordArrivals(
    new RateProfile(rate),
    "poisson",
    constantRate,
    randomStream(seed, "arrivals"),
    S,
    horizonUs,
  );
}

function countIn(timesUs: readonly number[], fromUs: number, toUs: number): number {
  return timesUs.filter((t) => t >= fromUs && t < toUs).length;
}

function gaps(timesUs: readonly number[]): number[] {
  return timesUs.slice(1).map((t, i) => t - (timesUs[i] as number));
}

function meanOf(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function sdOf(values: readonly number[]): number {
  const mean = meanOf(values);
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
}

describe("Poisson arrivals at a constant rate", () => {
  /**
   * A Poisson process at λ puts N ~ Poisson(λt) arrivals in [0, t): mean and variance λt.
   * At λ = 200/s over 60 s, λt = 12,000 and sd √12,000 ≈ 110; 4 sd (≈ 438, 3.7 %) puts a
   * correct count out only with probability 6e-5 per seed. Both ways of drawing are checked:
   * the fast path (the producer knows the rate is constant) and thinning (a constant profile
   * whose rate the producer does not know is constant, e.g. with spikes far off), which
   * keeps every candidate.
   */
  for (const path of ["fast path", "thinning"] as const) {
    it(`puts Poisson(λt) arrivals in an interval, across seeds (${path})`, () => {
      const lambdaT = 200 * 60;
      for (const seed of SEEDS) {
        const arrivals = poisson(200, seed, 60 * S, path === "fast path" ? 200 : undefined);
        const { timesUs } = draw(arrivals, 60 * S);
        expect(Math.abs(countIn(timesUs, 0, 60 * S) - lambdaT)).toBeLessThan(
          4 * Math.sqrt(lambdaT),
        );
      }
    });
  }

  /**
   * Inter-arrival times are exponential with mean 1/λ = 5 ms, so their coefficient of
   * variation is 1 (an even spacing would give 0, a uniform spacing 0.58). Over n ≈ 12,000
   * gaps the sample mean has relative sd 1/√n ≈ 0.9 %. For the sample CV, with exponential
   * moments (variance of s² = 8σ⁴/n, covariance of s² and the mean 2σ³/n), the delta method
   * gives Var(ln CV²) = 8/n + 4/n − 8/n = 4/n, so sd(CV) ≈ 1/√n ≈ 0.009: 4 sd is 0.037.
   * Arrival times are rounded to whole µs (a gap's error under 1 µs on 5,000 µs), which is
   * negligible.
   */
  it("spaces arrivals by exponential gaps: mean 1/λ and coefficient of variation 1", () => {
    for (const seed of SEEDS) {
      const g = gaps(draw(poisson(200, seed, 60 * S), 60 * S).timesUs);
      const n = g.length;
      const mean = meanOf(g);
      expect(Math.abs(mean / (5 * MS) - 1)).toBeLessThan(4 / Math.sqrt(n));
      expect(Math.abs(sdOf(g) / mean - 1)).toBeLessThan(4 / Math.sqrt(n));
    }
  });

  /**
   * At 3,000,000/s the mean gap is 0.33 µs, below the clock's microsecond. Rounding each gap
   * (what the producer once did) makes the mean rounded gap Σₖ e^(−λ(k−½)) = e^−1.5 ÷
   * (1 − e^−3) = 0.235 µs: 1.42 × λ arrivals. Rounding only the arrival times keeps the count
   * Poisson(λt): over 0.1 s, λt = 300,000 and 4 sd = 4√λt ≈ 2,191 (0.7 %), against the
   * 126,000 too many of rounded gaps. Several arrivals then share a microsecond, as they would.
   */
  for (const path of ["fast path", "thinning"] as const) {
    it(`keeps the rate when gaps are below a microsecond (${path})`, () => {
      const rate = 3_000_000;
      const horizonUs = S / 10;
      const lambdaT = rate / 10;
      for (const seed of SEEDS.slice(0, 3)) {
        const arrivals = poisson(rate, seed, horizonUs, path === "fast path" ? rate : undefined);
        const { timesUs } = draw(arrivals, horizonUs);
        expect(Math.abs(countIn(timesUs, 0, horizonUs) - lambdaT)).toBeLessThan(
          4 * Math.sqrt(lambdaT),
        );
      }
    });
  }

  it("gives the same times for the same seed, other times for another", () => {
    const a = draw(poisson(200, 7, 5 * S), 5 * S).timesUs;
    const b = draw(poisson(200, 7, 5 * S), 5 * S).timesUs;
    const c = draw(poisson(200, 8, 5 * S), 5 * S).timesUs;
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  /**
   * At 1e-300/s the first gap is ~1e306 µs, past the largest safe integer: the simulation
   * would refuse to schedule it. A record due after the horizon never arrives, so `next`
   * must say so (-1) rather than hand back a time. Found by the document fuzzer.
   */
  it("schedules nothing past the horizon at a vanishing rate, for either arrival kind", () => {
    for (const seed of SEEDS) {
      const { timesUs, ended } = draw(poisson(1e-300, seed, 10 * S), 10 * S);
      expect(timesUs).toEqual([]);
      expect(ended).toBe(true);
    }
    const constant = new RecordArrivals(
      new RateProfile(1e-300),
      "constant",
      1e-300,
      randomStream(1, "arrivals"),
      S,
      10 * S,
    );
    expect(draw(constant, 10 * S)).toEqual({ timesUs: [], ended: true, looks: 0 });
  });

  it("gives no arrival at all at a zero rate, and says so at once", () => {
    const { timesUs, ended, looks } = draw(poisson(0, 1, 60 * S), 60 * S);
    expect(timesUs).toEqual([]);
    expect(ended).toBe(true);
    expect(looks).toBe(0);
  });
});

describe("Poisson arrivals at a rate that varies (thinning)", () => {
  /**
   * A non-homogeneous Poisson process puts Poisson(Λ) arrivals in an interval, Λ the
   * integral of the rate over it (RateProfile.expectedCount). Here the rate ramps from 0 to
   * 400/s over 60 s, then steps down to 100/s: Λ = 3,000 in [0, 30 s), 9,000 in [30 s, 60 s)
   * and 6,000 in [60 s, 120 s). Each window's count must lie within 4 sd = 4√Λ, per seed;
   * a thinning that ignored the ramp (the maximum rate throughout) would put 12,000 in each
   * of the first two windows.
   */
  it("follows the integral of the rate in every window, across seeds", () => {
    const profile: RatePoint[] = [
      { atUs: 0, rate: 0 },
      { atUs: 60 * S, rate: 400, ramp: true },
      { atUs: 60 * S + 1, rate: 100 },
    ];
    const rate = new RateProfile(profile);
    const windows: [number, number, number][] = [
      [0, 30 * S, 3000],
      [30 * S, 60 * S, 9000],
      [60 * S, 120 * S, 6000],
    ];
    for (const [from, to, lambda] of windows) {
      // The profile's own integral agrees with the hand calculation (to a record: the step
      // to 100/s is 1 µs after 60 s).
      expect(Math.abs(rate.expectedCount(from, to) - lambda)).toBeLessThan(1);
    }
    for (const seed of SEEDS) {
      const { timesUs } = draw(poisson(profile, seed, 120 * S), 120 * S);
      for (const [from, to, lambda] of windows) {
        expect(Math.abs(countIn(timesUs, from, to) - lambda)).toBeLessThan(4 * Math.sqrt(lambda));
      }
    }
  });

  it("gives nothing while the rate is 0, and arrivals again after", () => {
    const profile: RatePoint[] = [
      { atUs: 0, rate: 100 },
      { atUs: 10 * S, rate: 0 },
      { atUs: 20 * S, rate: 100 },
    ];
    for (const seed of SEEDS) {
      const { timesUs } = draw(poisson(profile, seed, 30 * S), 30 * S);
      expect(countIn(timesUs, 10 * S, 20 * S)).toBe(0);
      // Λ = 1,000 in each busy stretch; 4 sd = 126.
      expect(Math.abs(countIn(timesUs, 0, 10 * S) - 1000)).toBeLessThan(4 * Math.sqrt(1000));
      expect(Math.abs(countIn(timesUs, 20 * S, 30 * S) - 1000)).toBeLessThan(4 * Math.sqrt(1000));
    }
  });

  it("ends at the horizon when the rate drops to 0 for good, with nothing after it", () => {
    const profile: RatePoint[] = [
      { atUs: 0, rate: 100 },
      { atUs: 5 * S, rate: 0 },
    ];
    const horizonUs = 60 * S;
    const { timesUs, ended } = draw(poisson(profile, 3, horizonUs), 2 * horizonUs);
    expect(ended).toBe(true);
    expect(timesUs.length).toBeGreaterThan(0);
    expect(Math.max(...timesUs)).toBeLessThan(5 * S);
  });

  it("never schedules an arrival past the horizon", () => {
    const profile: RatePoint[] = [
      { atUs: 0, rate: 50 },
      { atUs: 1 * S, rate: 500 },
    ];
    const horizonUs = 3 * S;
    // The kernel is run well past the horizon: only the arrivals decide where they end.
    const { timesUs, ended } = draw(poisson(profile, 4, horizonUs), 10 * horizonUs);
    expect(ended).toBe(true);
    expect(Math.max(...timesUs)).toBeLessThanOrEqual(horizonUs);
  });
});

describe("constant arrivals", () => {
  it("are exactly 1/rate apart from the start, without drift over an hour", () => {
    const arrivals = new RecordArrivals(
      new RateProfile(3),
      "constant",
      3,
      randomStream(1, "arrivals"),
      S,
      3600 * S,
    );
    const { timesUs } = draw(arrivals, 3600 * S);
    // k/3 s, rounded to the µs: 333,333, 666,667, 1,000,000, …, the 10,800th at 3,600 s.
    expect(timesUs.slice(0, 3)).toEqual([333_333, 666_667, 1_000_000]);
    expect(timesUs.at(-1)).toBe(3600 * S);
    expect(timesUs).toEqual(
      Array.from({ length: 10_800 }, (_, i) => Math.round(((i + 1) * S) / 3)),
    );
  });

  it("at a rate that varies, are 1/rate(now) apart, looking again each resolution while it is 0", () => {
    const resolutionUs = 250 * MS;
    const arrivals = new RecordArrivals(
      new RateProfile([
        { atUs: 0, rate: 0 },
        { atUs: 1 * S, rate: 100 },
        { atUs: 2 * S, rate: 50 },
      ]),
      "constant",
      undefined,
      randomStream(1, "arrivals"),
      resolutionUs,
      3 * S,
    );
    const { timesUs, looks } = draw(arrivals, 3 * S);
    // Looks at 0, 0.25, 0.5, 0.75 s see a rate of 0; the look at 1 s sees 100/s.
    expect(looks).toBe(4);
    // Each gap is 1/rate at the arrival before it: 10 ms apart up to 2 s (the arrival at
    // 1.99 s still saw 100/s), then 20 ms apart at 50/s, up to the horizon.
    const expected = [
      ...Array.from({ length: 100 }, (_, i) => 1 * S + (i + 1) * 10 * MS),
      ...Array.from({ length: 50 }, (_, i) => 2 * S + (i + 1) * 20 * MS),
    ];
    expect(timesUs).toEqual(expected);
  });

  /**
   * At 3,000,000/s, then 1,500,000/s, arrivals are 1/3 µs then 2/3 µs apart: the exact
   * clock gives 3 arrivals in every µs of the first 10 ms, then 3 in every 2 µs, each at its
   * exact time rounded: 30,000 + 15,000 records, give or take the few within half a µs of a
   * window's edge (at most 2 per edge at 3 per µs). Rounding each gap would have given gaps
   * of 0 µs at the first rate, so the clock never advanced, and 1 µs at the second.
   */
  it("at a rate that varies, keep the rate when gaps are below a microsecond", () => {
    const arrivals = new RecordArrivals(
      new RateProfile([
        { atUs: 0, rate: 3_000_000 },
        { atUs: 10 * MS, rate: 1_500_000 },
      ]),
      "constant",
      undefined,
      randomStream(1, "arrivals"),
      MS,
      20 * MS,
    );
    const { timesUs } = draw(arrivals, 20 * MS);
    expect(Math.abs(countIn(timesUs, 0, 10 * MS) - 30_000)).toBeLessThanOrEqual(2);
    expect(Math.abs(countIn(timesUs, 10 * MS, 20 * MS + 1) - 15_000)).toBeLessThanOrEqual(4);
    expect(timesUs.slice(0, 6)).toEqual([0, 1, 1, 1, 2, 2]);
  });
});
