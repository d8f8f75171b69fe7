import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  deficitsAfterTicks,
  deficitsTickByTick,
  type WalkBucket,
} from "../../../../models/shards/window/window-deficits.js";
import { binomial } from "../../../../src/engine/distributions/binomial.js";
import { randomStream } from "../../../../src/engine/random-streams.js";

/** Lindley's recursion tick by tick, ticks at `timesUs`: the reference. */
function recursion(
  bucket: WalkBucket,
  path: readonly number[],
  timesUs: readonly number[],
): number {
  let deficit = bucket.startDeficit;
  for (let j = 0; j < path.length; j++) {
    if (j > 0) {
      const refill =
        (((timesUs[j] as number) - (timesUs[j - 1] as number)) * bucket.refillPerSecond) / 1e6;
      deficit = Math.max(0, deficit - refill);
    }
    deficit += bucket.perRecord * (path[j] as number);
  }
  return deficit;
}

/** Ticks every 10 ms. */
function evenTimes(ticks: number): number[] {
  return Array.from({ length: ticks }, (_, j) => 5_000 + j * 10_000);
}

function sum(path: readonly number[], from: number, to: number): number {
  let total = 0;
  for (let j = from; j < to; j++) total += path[j] as number;
  return total;
}

/** Block counts of `path` cut at `cuts` (tick indices, sorted, the first 0). */
function blocksOf(path: readonly number[], cuts: readonly number[]): number[] {
  return cuts.map((from, i) => sum(path, from, cuts[i + 1] ?? path.length));
}

/** Ticks of up to 30 records each, at irregular times (a producer's tick follows its rate). */
const ticksArbitrary = fc.array(
  fc.record({ records: fc.nat(30), gapUs: fc.integer({ min: 1, max: 30_000 }) }),
  { minLength: 1, maxLength: 150 },
);

/** The ticks' records, and their times (each tick `gapUs` after the last). */
function pathOf(ticks: readonly { records: number; gapUs: number }[]) {
  const path = ticks.map((tick) => tick.records);
  const timesUs: number[] = [];
  let atUs = 0;
  for (const tick of ticks) {
    atUs += tick.gapUs;
    timesUs.push(atUs);
  }
  return { path, timesUs };
}

const bucketArbitrary = fc.record({
  startDeficit: fc.double({ min: 0, max: 2000, noNaN: true }),
  refillPerSecond: fc.double({ min: 50, max: 4000, noNaN: true }),
  perRecord: fc.oneof(fc.constant(1), fc.double({ min: 1, max: 2000, noNaN: true })),
});

describe("deficitsAfterTicks", () => {
  it("gives the recursion's deficits for any path, whatever the blocks it starts from", () => {
    fc.assert(
      fc.property(
        ticksArbitrary,
        fc.array(bucketArbitrary, { minLength: 1, maxLength: 2 }),
        fc.array(fc.nat(149), { maxLength: 5 }),
        (ticks, buckets, rawCuts) => {
          const { path, timesUs } = pathOf(ticks);
          const cuts = [...new Set([0, ...rawCuts.filter((c) => c < path.length)])].sort(
            (a, b) => a - b,
          );
          const counts = blocksOf(path, cuts);
          const out: number[] = [];
          deficitsAfterTicks(
            buckets,
            path.length,
            timesUs,
            cuts,
            counts,
            cuts.length,
            (count, from, mid, to) => {
              // The split must be of the block it names.
              expect(count).toBe(sum(path, from, to));
              return sum(path, from, mid);
            },
            out,
          );
          buckets.forEach((bucket, b) => {
            const expected = recursion(bucket, path, timesUs);
            expect(Math.abs((out[b] as number) - expected)).toBeLessThanOrEqual(
              1e-9 * Math.max(1, expected),
            );
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it("draws no split when the refill cannot fill the bucket within the window", () => {
    // 100 ticks of 10 records' refill against a deficit of 1,000: the walk from the start
    // decides, whatever the path.
    const splits = deficitsAfterTicks(
      [{ startDeficit: 1000, refillPerSecond: 1000, perRecord: 1 }],
      100,
      evenTimes(100),
      [0],
      [1000],
      1,
      () => {
        throw new Error("no split expected");
      },
      [],
    );
    expect(splits).toBe(0);
  });

  it("decides a shard far below its limits within a few splits near the window's end", () => {
    // 40 % of the refill rate, a full bucket: only the last ticks can hold the deficit.
    const random = randomStream(7, "window-deficits");
    let most = 0;
    for (let trial = 0; trial < 200; trial++) {
      const out: number[] = [];
      const splits = deficitsAfterTicks(
        [
          { startDeficit: 0, refillPerSecond: 1000, perRecord: 1 },
          { startDeficit: 0, refillPerSecond: 1_048_576, perRecord: 1030 },
        ],
        100,
        evenTimes(100),
        [0],
        [400],
        1,
        (count, from, mid, to) => binomial(random, count, (mid - from) / (to - from)),
        out,
      );
      most = Math.max(most, splits);
    }
    // Halving 100 ticks takes 7 levels; each level splits at most the two blocks nearest
    // the end that are still open.
    expect(most).toBeLessThanOrEqual(16);
  });

  it("agrees in distribution with the recursion over multinomial paths", () => {
    // The splits are binomial, so the drawn path is multinomial: the mean deficit after a
    // window at the limit (zero drift, starting nearly full) matches the recursion's over paths
    // drawn tick by tick. 4,000 windows each; the standard error of each mean is below 0.5.
    const bucket = { startDeficit: 50, refillPerSecond: 1000, perRecord: 1 };
    const timesUs = evenTimes(100);
    const ticks = 100;
    const total = 1000;
    const windows = 4000;
    const random = randomStream(11, "window-deficits");
    let viaSplits = 0;
    let viaTicks = 0;
    let squares = 0;
    for (let w = 0; w < windows; w++) {
      const out: number[] = [];
      deficitsAfterTicks(
        [bucket],
        ticks,
        timesUs,
        [0],
        [total],
        1,
        (count, from, mid, to) => binomial(random, count, (mid - from) / (to - from)),
        out,
      );
      viaSplits += out[0] as number;
      const path: number[] = [];
      let left = total;
      for (let j = 0; j < ticks; j++) {
        const a = binomial(random, left, 1 / (ticks - j));
        path.push(a);
        left -= a;
      }
      const d = recursion(bucket, path, timesUs);
      viaTicks += d;
      squares += d * d;
    }
    const meanTicks = viaTicks / windows;
    const sd = Math.sqrt(squares / windows - meanTicks * meanTicks);
    // Two independent means: their difference has sd √2·sd/√n; 4 of those.
    expect(Math.abs(viaSplits / windows - meanTicks)).toBeLessThan(
      (4 * Math.SQRT2 * sd) / Math.sqrt(windows),
    );
  });
});

describe("deficitsTickByTick", () => {
  it("gives the recursion's deficits over any stretch of any path, both buckets at once", () => {
    fc.assert(
      fc.property(
        ticksArbitrary,
        bucketArbitrary,
        bucketArbitrary,
        fc.nat(),
        fc.nat(),
        (ticks, recordsBucket, bytesBucket, a, b) => {
          const { path, timesUs } = pathOf(ticks);
          // A stretch [from, to) of at least one tick, as a window walks part of its ticks.
          const from = a % path.length;
          const to = from + 1 + (b % (path.length - from));
          const records = { ...recordsBucket, perRecord: 1 };
          const bytes = bytesBucket;
          const out: number[] = [];
          deficitsTickByTick(
            records.startDeficit,
            bytes.startDeficit,
            records.refillPerSecond,
            bytes.refillPerSecond,
            bytes.perRecord,
            timesUs,
            path,
            from,
            to,
            out,
          );
          const stretch = path.slice(from, to);
          const stretchTimes = timesUs.slice(from, to);
          [records, bytes].forEach((bucket, k) => {
            const expected = recursion(bucket, stretch, stretchTimes);
            expect(Math.abs((out[k] as number) - expected)).toBeLessThanOrEqual(
              1e-9 * Math.max(1, expected),
            );
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
