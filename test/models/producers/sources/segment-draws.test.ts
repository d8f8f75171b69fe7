/**
 * SegmentDraws (models/producers/sources/segment-draws.ts): segment mode's records of one producer per
 * tick, a count per open shard, and their sizes.
 *
 * Theory. With Poisson arrivals at rate λ, a tick [t₀, t₁) creates N ~ Poisson(λ(t₁ − t₀))
 * records; each record's key lands on open shard i with probability p_i, independently, so
 * given the total N the per-shard counts are Multinomial(N, p) (Poisson splitting), and over
 * many ticks the same holds for the summed counts. With constant arrivals the ticks create the
 * whole records of λ(t₁ − t₀) plus the fraction carried from before, and split them the same
 * way. The p_i are computed here independently of the model: a key space too large to hash
 * key by key (uniform over 10⁵ keys, above the 10⁴ the model hashes, or explicit hash keys)
 * spreads over shards in proportion to the width of their hash ranges (MD5 output is
 * uniform), and a small key space puts each key's mass on the shard the router sends it to.
 *
 * Tolerances: Z = 5 standard deviations (two-sided normal tail 5.7e-7; the file makes under
 * 100 such comparisons, so a false alarm has odds below 1e-4):
 * - a Poisson(m) total: |N − m| < Z·√m;
 * - shard i's count given N: Binomial(N, p_i), |n_i − N·p_i| < Z·√(N·p_i·(1 − p_i));
 * - the sample variance S² of M per-tick Poisson(m) totals: SE = √((μ₄ − m²)/M), with
 *   μ₄ = m + 3m² (the Poisson fourth central moment).
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE } from "../../../../models/limits/profile.js";
import { SegmentDraws } from "../../../../models/producers/sources/segment-draws.js";
import type { Segment } from "../../../../models/shards/segment.js";
import type { Shard } from "../../../../models/shards/shard.js";
import { KeyObserver } from "../../../../models/skew/key-observer.js";
import type { KinesisStream } from "../../../../models/stream/kinesis-stream.js";
import { createKeySpace } from "../../../../models/workload/keys/create-key-space.js";
import type { KeysConfig } from "../../../../models/workload/keys/keys-config.js";
import { type RatePoint, RateProfile } from "../../../../models/workload/rate-profile.js";
import {
  createRecordSizeModel,
  type RecordSizeConfig,
  standardNormalCdf,
} from "../../../../models/workload/record-size.js";
import { randomStream } from "../../../../src/engine/random-streams.js";
import { evenStream } from "../../../helpers/even-stream.js";
import { md5Split, prefixedKeys } from "../../../helpers/md5-split.js";

const S = 1_000_000;
const Z = 5;
const TICK_US = 10_000;
const SEEDS = [1, 2, 3, 4, 5];
const H = 2n ** 126n; // a quarter of the hash key space

interface DrawSetup {
  keys: KeysConfig;
  rate: number | readonly RatePoint[];
  arrival?: "poisson" | "constant";
  size?: RecordSizeConfig;
  seed?: number;
  listSizes?: boolean;
}

/** A SegmentDraws as a producer builds one, with its own random streams. */
function segmentDraws(setup: DrawSetup) {
  const keys = createKeySpace(setup.keys);
  const sizes = createRecordSizeModel(
    setup.size ?? { distribution: "fixed", bytes: 100 },
    () => 0,
    DEFAULT_PROFILE.maxRecordBytes - keys.meanKeyBytes,
  );
  const observer = new KeyObserver(keys.cardinality);
  const seed = setup.seed ?? 1;
  const draws = new SegmentDraws(
    keys,
    sizes,
    new RateProfile(setup.rate),
    setup.arrival ?? "poisson",
    {
      arrivals: randomStream(seed, "arrivals"),
      sizes: randomStream(seed, "sizes"),
      keySample: randomStream(seed, "key-sample"),
    },
    observer,
    7,
    setup.listSizes ?? true,
  );
  return { draws, keys, sizes, observer };
}

const stream = evenStream;

/**
 * Two shards, the second split at 3/4 of the key space: open shards 0, 2, 3 (by index) own
 * 1/2, 1/4 and 1/4 of the hash keys. Uneven widths, and indices that differ from positions.
 */
function unevenStream(): KinesisStream {
  const s = stream(2);
  s.splitShard(s.shards[1] as Shard, 3n * H, 0);
  return s;
}

/** Draws `ticks` consecutive ticks; per shard index, the records drawn (oversize included). */
function drawTicks(draws: SegmentDraws, s: KinesisStream, ticks: number) {
  const perShard = new Map<number, number>();
  const add = (shard: number, records: number) =>
    perShard.set(shard, (perShard.get(shard) ?? 0) + records);
  const tickTotals: number[] = [];
  const segments: Segment[][] = [];
  for (let t = 0; t < ticks; t++) {
    const tick = draws.draw(s.router, t * TICK_US, (t + 1) * TICK_US);
    segments.push(tick);
    let total = 0;
    for (const segment of tick) {
      add(segment.shard, segment.count);
      total += segment.count;
    }
    for (const { shard, records } of draws.takeOversize()) {
      add(shard, records);
      total += records;
    }
    tickTotals.push(total);
  }
  const total = tickTotals.reduce((a, b) => a + b, 0);
  return { perShard, tickTotals, total, segments };
}

/** Asserts shard i's count is Binomial(total, p_i) within Z standard deviations. */
function expectSplit(perShard: Map<number, number>, total: number, expected: Map<number, number>) {
  for (const [shard, p] of expected) {
    const count = perShard.get(shard) ?? 0;
    if (p === 0) {
      expect(count, `shard ${shard}`).toBe(0);
      continue;
    }
    const sd = Math.sqrt(total * p * (1 - p));
    expect(Math.abs(count - total * p), `shard ${shard}: ${count} of ${total}`).toBeLessThan(
      Z * sd,
    );
  }
  // No records on a shard the expectation does not know (a closed one, say).
  for (const shard of perShard.keys()) expect(expected.has(shard), `shard ${shard}`).toBe(true);
}

describe("SegmentDraws: Poisson arrivals, split over the open shards by hash range", () => {
  // λ = 10,000/s, 1,000 ticks of 10 ms: m = 100 per tick, N ≈ 100,000 over the run.
  const rate = 10_000;
  const ticks = 1000;
  const mean = (rate * ticks * TICK_US) / S;

  for (const seed of SEEDS) {
    it(`seed ${seed}: uniform keys over 10⁵ keys, uneven shards: counts as the keys' MD5 split them`, () => {
      const { draws } = segmentDraws({
        keys: { distribution: "uniform", cardinality: 100_000, prefix: "key-" },
        rate,
        seed,
      });
      const { perShard, total, tickTotals } = drawTicks(draws, unevenStream(), ticks);
      expect(Math.abs(total - mean)).toBeLessThan(Z * Math.sqrt(mean));
      // Each shard's share is the keys MD5 puts in its range (about 0.5, 0.25 and 0.25, the
      // ranges' widths, give or take 0.2 %), computed here with node's own MD5.
      const s = unevenStream();
      const ranges = [0, 2, 3].map((index) => (s.shards[index] as Shard).range);
      const split = md5Split(prefixedKeys("key-", 0, 100_000, 1 / 100_000), ranges);
      expectSplit(
        perShard,
        total,
        new Map([
          [0, split[0] as number],
          [2, split[1] as number],
          [3, split[2] as number],
        ]),
      );
      // Per tick the total is Poisson(100): its variance is its mean (constant arrivals
      // would give a variance below 1).
      const m = mean / ticks;
      const tickMean = total / ticks;
      const variance =
        tickTotals.reduce((sum, n) => sum + (n - tickMean) ** 2, 0) / (tickTotals.length - 1);
      expect(Math.abs(variance - m)).toBeLessThan(Z * Math.sqrt((m + 3 * m * m - m * m) / ticks));
    });
  }

  for (const seed of SEEDS) {
    it(`seed ${seed}: 30 keys hashed one by one: each shard gets the mass of the keys it owns`, () => {
      const { draws, keys } = segmentDraws({
        keys: { distribution: "uniform", cardinality: 30, prefix: "user-" },
        rate,
        seed,
      });
      const s = unevenStream();
      const expected = new Map<number, number>([
        [0, 0],
        [2, 0],
        [3, 0],
      ]);
      for (let k = 0; k < keys.cardinality; k++) {
        const shard = s.router.routePartitionKey(keys.keyName(k)).index;
        expected.set(shard, (expected.get(shard) as number) + 1 / keys.cardinality);
      }
      const { perShard, total } = drawTicks(draws, s, ticks);
      expect(Math.abs(total - mean)).toBeLessThan(Z * Math.sqrt(mean));
      expectSplit(perShard, total, expected);
    });
  }

  it("explicit hash keys in the middle half of the key space reach only the two middle shards", () => {
    const { draws } = segmentDraws({
      keys: {
        distribution: "explicitHashKey",
        range: [H.toString(), (3n * H - 1n).toString()],
      },
      rate,
    });
    const { perShard, total } = drawTicks(draws, stream(4), ticks);
    expectSplit(
      perShard,
      total,
      new Map([
        [0, 0],
        [1, 0.5],
        [2, 0.5],
        [3, 0],
      ]),
    );
  });

  it("follows the open shards after a split: nothing goes to the closed parent", () => {
    const { draws } = segmentDraws({
      keys: { distribution: "uniform", cardinality: 100_000, prefix: "key-" },
      rate,
    });
    const s = stream(2);
    drawTicks(draws, s, 10);
    s.splitShard(s.shards[0] as Shard, H, 0);
    const { perShard, total } = drawTicks(draws, s, ticks);
    expectSplit(
      perShard,
      total,
      new Map([
        [1, 0.5],
        [2, 0.25],
        [3, 0.25],
      ]),
    );
  });
});

describe("SegmentDraws: constant arrivals", () => {
  it("creates exactly rate × time whole records, carrying fractions between ticks", () => {
    // 333/s over 10 ms ticks: 3.33 records a tick, so ticks of 3 and 4 records.
    for (const seed of SEEDS) {
      const { draws } = segmentDraws({
        keys: { distribution: "uniform", cardinality: 100_000, prefix: "key-" },
        rate: 333,
        arrival: "constant",
        seed,
      });
      const { tickTotals, total } = drawTicks(draws, stream(4), 1000);
      // 1,000 ticks of 10 ms = 10 s at 333/s.
      expect(total).toBe(3330);
      expect(new Set(tickTotals)).toEqual(new Set([3, 4]));
      // Every prefix of the run holds the whole records of its time, give or take the carry.
      let sum = 0;
      tickTotals.forEach((n, t) => {
        sum += n;
        const exact = (333 * (t + 1) * TICK_US) / S;
        expect(exact - sum).toBeGreaterThanOrEqual(-1e-6);
        expect(exact - sum).toBeLessThan(1);
      });
    }
  });

  it("splits the whole records over shards by hash range (multinomial)", () => {
    for (const seed of SEEDS) {
      const { draws } = segmentDraws({
        keys: { distribution: "uniform", cardinality: 100_000, prefix: "key-" },
        rate: 10_000,
        arrival: "constant",
        seed,
      });
      const { perShard, total } = drawTicks(draws, unevenStream(), 1000);
      expect(total).toBe(100_000);
      // Each shard's share is the keys MD5 puts in its range (about 0.5, 0.25 and 0.25, the
      // ranges' widths, give or take 0.2 %), computed here with node's own MD5.
      const s = unevenStream();
      const ranges = [0, 2, 3].map((index) => (s.shards[index] as Shard).range);
      const split = md5Split(prefixedKeys("key-", 0, 100_000, 1 / 100_000), ranges);
      expectSplit(
        perShard,
        total,
        new Map([
          [0, split[0] as number],
          [2, split[1] as number],
          [3, split[2] as number],
        ]),
      );
    }
  });
});

describe("SegmentDraws: no rate, no records", () => {
  it("draws nothing at a zero rate, or after the rate steps down to zero", () => {
    for (const arrival of ["poisson", "constant"] as const) {
      const zero = segmentDraws({
        keys: { distribution: "uniform", cardinality: 100, prefix: "key-" },
        rate: 0,
        arrival,
      });
      const s = stream(4);
      expect(drawTicks(zero.draws, s, 500).total).toBe(0);
      expect(zero.observer.entries()).toEqual([]);

      const stopping = segmentDraws({
        keys: { distribution: "uniform", cardinality: 100, prefix: "key-" },
        rate: [
          { atUs: 0, rate: 10_000 },
          { atUs: S, rate: 0 },
        ],
        arrival,
      });
      expect(stopping.draws.draw(s.router, 0, S).length).toBeGreaterThan(0);
      for (let t = 0; t < 100; t++) {
        expect(stopping.draws.draw(s.router, S + t * TICK_US, S + (t + 1) * TICK_US)).toEqual([]);
      }
      expect(stopping.draws.takeOversize()).toEqual([]);
    }
  });
});

describe("SegmentDraws: the segments themselves", () => {
  it("one segment per shard that gets records, over the tick, carrying data plus the mean key", () => {
    // Keys user-0 … user-29: 10 of 6 bytes and 20 of 7, mean 6 2/3 bytes.
    const { draws, keys } = segmentDraws({
      keys: { distribution: "uniform", cardinality: 30, prefix: "user-" },
      size: { distribution: "fixed", bytes: 200 },
      rate: 10_000,
    });
    expect(keys.meanKeyBytes).toBeCloseTo(20 / 3, 12);
    const s = stream(4);
    const open = new Set(s.openShards.map((shard) => shard.index));
    for (let t = 0; t < 50; t++) {
      const fromUs = 1000 + t * TICK_US;
      const tick = draws.draw(s.router, fromUs, fromUs + TICK_US);
      const shards = tick.map((segment) => segment.shard);
      expect(new Set(shards).size).toBe(shards.length);
      for (const segment of tick) {
        expect(open.has(segment.shard)).toBe(true);
        expect(segment.count).toBeGreaterThan(0);
        expect(segment.firstCreatedUs).toBe(fromUs);
        expect(segment.lastCreatedUs).toBe(fromUs + TICK_US);
        expect(segment.producer).toBe(7);
        // Whole bytes: the key's mean length rounded once per segment.
        expect(Math.abs(segment.bytes - segment.count * (200 + 20 / 3))).toBeLessThanOrEqual(0.5);
        // Fixed sizes: nothing to list.
        expect(segment.listed).toBeUndefined();
      }
    }
  });

  it("records of varying size list their sizes (unless the producer aggregates)", () => {
    const size: RecordSizeConfig = { distribution: "uniform", minBytes: 100, maxBytes: 200 };
    const keysConfig: KeysConfig = { distribution: "fixed", keys: ["k"] };
    // 1,000/s over 10 ms ticks: 10 records a tick on the one shard "k" routes to, a short
    // run whose every record is drawn and listed in order.
    const listing = segmentDraws({ keys: keysConfig, size, rate: 1000, listSizes: true });
    const s = stream(2);
    let segments = 0;
    for (let t = 0; t < 200; t++) {
      for (const segment of listing.draws.draw(s.router, t * TICK_US, (t + 1) * TICK_US)) {
        segments++;
        const listed = segment.listed;
        expect(listed?.at).toBeUndefined();
        expect(listed?.bytes.length).toBe(segment.count);
        const bytes = listed?.bytes ?? [];
        for (const b of bytes) {
          expect(Number.isInteger(b)).toBe(true);
          expect(b).toBeGreaterThanOrEqual(101);
          expect(b).toBeLessThanOrEqual(201);
        }
        expect(bytes.reduce((a, b) => a + b, 0)).toBe(segment.bytes);
      }
    }
    expect(segments).toBeGreaterThan(150);

    const aggregating = segmentDraws({ keys: keysConfig, size, rate: 1000, listSizes: false });
    for (let t = 0; t < 200; t++) {
      for (const segment of aggregating.draws.draw(s.router, t * TICK_US, (t + 1) * TICK_US)) {
        expect(segment.listed).toBeUndefined();
        // Still the drawn sizes: between count × 101 and count × 201 bytes.
        expect(segment.bytes).toBeGreaterThanOrEqual(segment.count * 101);
        expect(segment.bytes).toBeLessThanOrEqual(segment.count * 201);
      }
    }
  });

  it("is deterministic for a seed, and another seed draws other counts", () => {
    const run = (seed: number) => {
      const { draws, observer } = segmentDraws({
        keys: { distribution: "uniform", cardinality: 30, prefix: "user-" },
        size: { distribution: "lognormal", medianBytes: 1000, sigma: 1 },
        rate: 5000,
        seed,
      });
      const { segments } = drawTicks(draws, unevenStream(), 200);
      return { segments, observed: observer.entries() };
    };
    expect(run(11)).toEqual(run(11));
    // 200 ticks × 3 shards of Poisson(12.5 … 25) counts: equal by chance with odds far
    // below 1e-100.
    expect(run(12).segments.map((tick) => tick.map((s) => s.count))).not.toEqual(
      run(11).segments.map((tick) => tick.map((s) => s.count)),
    );
  });
});

describe("SegmentDraws: records too large for the stream", () => {
  /**
   * Log-normal sizes with median 500,000 B and σ = 1, no cap, one-byte key "k": a record is
   * too large when its data exceeds 1 MiB − 1 B, with probability
   * q = 1 − Φ(ln(1,048,575 / 500,000)) ≈ 0.23 (the rounding of a drawn size to whole bytes
   * moves the threshold by half a byte: a shift of order 1e-7 in q).
   */
  const q = 1 - standardNormalCdf(Math.log((DEFAULT_PROFILE.maxRecordBytes - 1) / 500_000));

  // 1,000/s: 10 records a tick (short runs, every size drawn); 100,000/s: 1,000 a tick (long
  // runs, cut by level of the size distribution).
  for (const rate of [1000, 100_000]) {
    it(`at ${rate}/s: a share q is taken out, reported by shard once, never sent`, () => {
      for (const seed of SEEDS.slice(0, 3)) {
        const { draws, observer } = segmentDraws({
          keys: { distribution: "fixed", keys: ["k"] },
          size: { distribution: "lognormal", medianBytes: 500_000, sigma: 1 },
          rate,
          seed,
        });
        const s = stream(2);
        const shard = s.router.routePartitionKey("k").index;
        let oversize = 0;
        let sent = 0;
        const ticks = rate === 1000 ? 1000 : 20;
        for (let t = 0; t < ticks; t++) {
          for (const segment of draws.draw(s.router, t * TICK_US, (t + 1) * TICK_US)) {
            expect(segment.shard).toBe(shard);
            sent += segment.count;
            for (const b of segment.listed?.bytes ?? []) {
              expect(b).toBeLessThanOrEqual(DEFAULT_PROFILE.maxRecordBytes);
            }
          }
          const taken = draws.takeOversize();
          for (const entry of taken) {
            expect(entry.shard).toBe(shard);
            expect(entry.records).toBeGreaterThan(0);
            oversize += entry.records;
          }
          // Taken once: a second call reports nothing.
          expect(draws.takeOversize()).toEqual([]);
        }
        const total = sent + oversize;
        const mean = (rate * ticks * TICK_US) / S;
        expect(Math.abs(total - mean)).toBeLessThan(Z * Math.sqrt(mean));
        expect(Math.abs(oversize - total * q)).toBeLessThan(Z * Math.sqrt(total * q * (1 - q)));
        // The observed-keys count stands for every record drawn, oversize ones included.
        const observed = observer.entries().reduce((sum, entry) => sum + entry.estimate, 0);
        expect(observed).toBeCloseTo(total, 6);
      }
    });
  }
});
