import * as hdr from "hdr-histogram-js";
import { afterEach, describe, expect, it } from "vitest";
import { LatencyHistogram } from "../../src/stats/latency-histogram.js";
import { plasticStarDiscrepancy } from "../helpers/plastic-discrepancy.js";

const histograms: LatencyHistogram[] = [];
const fresh = () => {
  const histogram = new LatencyHistogram();
  histograms.push(histogram);
  return histogram;
};
afterEach(() => {
  for (const histogram of histograms.splice(0)) histogram.dispose();
});

describe("LatencyHistogram.recordUniform", () => {
  it("records a run of up to 16 at one point per sub-range, at the phase", () => {
    const histogram = fresh();
    histogram.recordUniform(100_000, 110_000, 4, 0.25);
    const summary = histogram.summaryMs();
    expect(summary.count).toBe(4);
    // 100 + 2.5·(k + 0.25) ms for k = 0..3: 100.625, 103.125, 105.625, 108.125.
    expect(summary.mean).toBeCloseTo(104.375, 1);
    expect(summary.max).toBeCloseTo(108.125, 3);
  });

  it("covers the span evenly over many small runs stepped by a low-discrepancy sequence", () => {
    // Runs of one record each: at a fixed phase all would sit at one point; stepped by the
    // golden ratio they are uniform over the span, so the percentiles are the span's.
    const histogram = fresh();
    let phase = 0.5;
    for (let k = 0; k < 10_000; k++) {
      histogram.recordUniform(70_000, 80_000, 1, phase);
      phase = (phase + 0.6180339887498949) % 1;
    }
    const summary = histogram.summaryMs();
    expect(summary.mean).toBeCloseTo(75, 1);
    expect(summary.p90).toBeCloseTo(79, 0);
    expect(summary.p99).toBeCloseTo(79.9, 0);
  });

  it("puts the extra records of a count that 16 does not divide where the turn says, unbiased on average", () => {
    // 17 records: one sub-range holds 2. Over turns spread evenly the fuller sub-range moves
    // across the span, and the mean is the span's middle.
    const histogram = fresh();
    for (let k = 0; k < 160; k++) histogram.recordUniform(0, 1_600_000, 17, 0.5, (k + 0.5) / 160);
    expect(histogram.summaryMs().mean).toBeCloseTo(800, 0);
  });
});

describe("LatencyHistogram.recordSpread", () => {
  // Many spreads over the same span, as reads a fixed interval apart give: together their
  // values are uniform over the span, so the q-th percentile lies q of the way through it.
  // Tolerance: HdrHistogram's three digits (0.1 % of the value) plus the spreads' points'
  // star discrepancy D* times a sub-range's width (a sub-range's values sit at D*-even
  // points of it, so its share of any interval is off by at most D*). Recording each spread
  // at fixed points (its sub-ranges' midpoints, or both ends for a few records) puts the
  // oldest records of every spread at one place: p99 or p999 off by 1 % to 3 % of the span.
  const spreads = 1_000;
  const starDiscrepancy = plasticStarDiscrepancy(spreads);
  for (const count of [2, 17, 1_000]) {
    it(`gives the percentiles of a uniform span, far tail included, for spreads of ${count}`, () => {
      const histogram = fresh();
      const spanMs = 1_000;
      for (let k = 0; k < spreads; k++) histogram.recordSpread(0, spanMs * 1000, count);
      const summary = histogram.summaryMs();
      const subRangeMs = spanMs / Math.min(count, 16);
      for (const [q, got] of [
        [0.5, summary.p50],
        [0.9, summary.p90],
        [0.99, summary.p99],
        [0.999, summary.p999],
      ] as const) {
        const expected = spanMs * q;
        const tolerance = expected * 0.001 + starDiscrepancy * subRangeMs;
        expect(Math.abs(got - expected)).toBeLessThanOrEqual(tolerance);
      }
    });
  }
});

describe("LatencyHistogram hands values over by bucket", () => {
  it("gives exactly the summary of recording every value into HdrHistogram one by one", () => {
    // Values from 0 to hours, many sharing buckets, counts above one, across the whole range.
    const direct = hdr.build({
      bitBucketSize: 64,
      numberOfSignificantValueDigits: 3,
      useWebAssembly: true,
    });
    const histogram = fresh();
    let state = 12345;
    const next = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 4_294_967_296;
    };
    for (let i = 0; i < 50_000; i++) {
      const value = Math.round(Math.exp(next() * Math.log(1e10)) - 1);
      const count = 1 + Math.floor(next() * 3);
      direct.recordValueWithCount(value, count);
      histogram.record(value, count);
    }
    const ms = (us: number) => Math.round(us) / 1000;
    expect(histogram.summaryMs()).toEqual({
      count: direct.totalCount,
      mean: ms(direct.mean),
      p50: ms(direct.getValueAtPercentile(50)),
      p90: ms(direct.getValueAtPercentile(90)),
      p99: ms(direct.getValueAtPercentile(99)),
      p999: ms(direct.getValueAtPercentile(99.9)),
      max: ms(direct.maxValue),
    });
    for (const percentile of [0.1, 1, 10, 33, 75, 99.99]) {
      expect(histogram.valueAtPercentileUs(percentile)).toBe(
        direct.getValueAtPercentile(percentile),
      );
    }
    direct.destroy();
  });
});

describe("LatencyHistogram's answers", () => {
  /** A histogram of every value recorded at once: what a cached answer must equal. */
  const fromScratch = (values: readonly number[]) => {
    const histogram = fresh();
    for (const value of values) histogram.record(value);
    return histogram;
  };

  it("are given again after more values are recorded, not the answers kept from before", () => {
    const histogram = fresh();
    const early = [1_000, 2_000, 3_000];
    const late = [900_000, 950_000, 990_000, 1_000_000];
    for (const value of early) histogram.record(value);
    const before = histogram.summaryMs();
    const p90Before = histogram.valueAtPercentileUs(90);
    for (const value of late) histogram.record(value);
    const all = fromScratch([...early, ...late]);
    expect(histogram.summaryMs()).toEqual(all.summaryMs());
    expect(histogram.summaryMs()).not.toEqual(before);
    expect(histogram.valueAtPercentileUs(90)).toBe(all.valueAtPercentileUs(90));
    expect(histogram.valueAtPercentileUs(90)).not.toBe(p90Before);
  });

  it("follow an added histogram and a reset", () => {
    const histogram = fromScratch([5_000, 6_000]);
    const p50Before = histogram.valueAtPercentileUs(50);
    histogram.add(fromScratch([70_000, 80_000, 90_000]));
    expect(histogram.valueAtPercentileUs(50)).toBe(
      fromScratch([5_000, 6_000, 70_000, 80_000, 90_000]).valueAtPercentileUs(50),
    );
    expect(histogram.valueAtPercentileUs(50)).not.toBe(p50Before);
    histogram.reset();
    expect(histogram.summaryMs().count).toBe(0);
    histogram.record(42_000);
    expect(histogram.summaryMs()).toEqual(fromScratch([42_000]).summaryMs());
  });

  it("hand out a summary the caller may change without changing the next one", () => {
    const histogram = fromScratch([10_000, 20_000]);
    const first = histogram.summaryMs();
    first.p50 = -1;
    expect(histogram.summaryMs().p50).toBe(fromScratch([10_000, 20_000]).summaryMs().p50);
  });
});
