import { describe, expect, it } from "vitest";
import { evenSplit } from "../../../models/hashing/even-split.js";
import { DEFAULT_PROFILE, type LimitsProfile } from "../../../models/limits/profile.js";
import { KinesisStream } from "../../../models/stream/kinesis-stream.js";
import { OnDemandScaler } from "../../../models/stream/on-demand-scaler.js";
import { StreamOperations } from "../../../models/stream/stream-operations.js";
import { warmThroughputShards } from "../../../models/stream/warm-throughput.js";
import { randomStream } from "../../../src/engine/random-streams.js";
import { Simulation } from "../../../src/engine/simulation.js";
import { SteadyLoad } from "./steady-load.js";

const S = 1_000_000;
const MINUTE = 60 * S;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MIB = 1_048_576;
const SEEDS = [1, 2, 3, 4, 5];
/** A split is drawn up to 15 minutes after the look that saw the shard above a trigger. */
const SPLIT_WITHIN = DEFAULT_PROFILE.onDemandSplitMaxDelayUs;
/**
 * Kinesis's limits, with 10-second-deep ingress buckets so that the test load writes once
 * every 10 s (steady-load.ts): the scaler measures accepted writes per minute, which a
 * steady load within a shard's limits makes the same with any depth.
 */
const PROFILE: LimitsProfile = { ...DEFAULT_PROFILE, ingressBucketDepthSeconds: 10 };

interface Setup {
  readonly shards?: number;
  readonly floorShards?: number;
  readonly profile?: LimitsProfile;
  readonly seed?: number;
  readonly durationUs?: number;
}

/**
 * An on-demand stream (4 shards, as a new one has, unless told), its control plane, the
 * scaler with a new stream's 4 shards as its floor (as simulate.ts gives it without warm
 * throughput), and a steady load, of 1,000-byte records unless a test says otherwise.
 */
function setup({
  shards = 4,
  floorShards = DEFAULT_PROFILE.onDemandInitialShards,
  profile = PROFILE,
  seed = 1,
  durationUs = 4 * HOUR,
}: Setup = {}) {
  const simulation = new Simulation();
  const stream = new KinesisStream({
    shardCount: shards,
    profile,
    limiter: "bucket",
    retentionUs: HOUR,
    coalesceUs: S,
    metricsResolutionUs: HOUR,
    durationUs,
  });
  const operations = new StreamOperations(
    simulation,
    stream,
    profile,
    randomStream(seed, "stream:operations"),
    "on-demand",
  );
  new OnDemandScaler(
    simulation,
    stream,
    operations,
    profile,
    randomStream(seed, "stream:on-demand"),
    floorShards,
  ).start();
  const load = new SteadyLoad(simulation, stream);
  const timesOf = (kind: "split" | "merge") =>
    operations.records
      .filter((record) => record.origin === "on-demand" && record.request.kind === kind)
      .map((record) => record.requestedAtUs);
  return {
    simulation,
    stream,
    operations,
    load,
    splitTimes: () => timesOf("split"),
    mergeTimes: () => timesOf("merge"),
  };
}

const quarterRanges = evenSplit(4).map((range) => [range.startingHashKey, range.endingHashKey]);

describe("a new on-demand stream", () => {
  it("keeps its 4 shards while every shard stays under both split triggers", () => {
    // 1,600 records/s of 1,000 B: 400 KB/s and 400 records/s a shard, under 500,000 B/s and
    // 500 records/s, and above the scale-down line (100,000 B/s), for an hour.
    const { simulation, stream, operations, load } = setup();
    load.setAt(0, 1600, 1000);
    simulation.run(HOUR);
    expect(operations.records).toEqual([]);
    expect(stream.openShards).toHaveLength(4);
    expect(load.throttled).toBe(0);
  });

  it("takes the warm throughput's shards as its floor (On-demand Advantage)", () => {
    // 20 MiB/s is 20 shards of 1 MiB/s; a byte more needs a 21st.
    expect(warmThroughputShards(20 * MIB, DEFAULT_PROFILE)).toBe(20);
    expect(warmThroughputShards(20 * MIB + 1, DEFAULT_PROFILE)).toBe(21);
    // A stream started with 24 shards and warmed to 20 MiB/s, with no traffic, is merged
    // down to 20 after its shards have been quiet a day, and no further.
    const floorShards = warmThroughputShards(20 * MIB, DEFAULT_PROFILE);
    const { simulation, stream, mergeTimes } = setup({
      shards: 24,
      floorShards,
      durationUs: 2 * DAY,
    });
    simulation.run(2 * DAY);
    expect(mergeTimes()).toHaveLength(4);
    expect(stream.openShards).toHaveLength(20);
  });
});

describe("splitting: room for twice the previous peak", () => {
  /**
   * 3,200 records/s of 1,000 B put 800 KB/s on each of 4 shards: above the 500,000 B/s
   * trigger, below a shard's 1 MiB/s. The look at 60 s sees it, and each shard splits evenly
   * within the next 15 minutes, its two children taking 400 KB/s each: under the trigger, so
   * the stream stays at 8. The traffic that caused the splits fills the new shards only to
   * 800 KB/s of their 1,048,576 B/s each once it doubles (6,400 records/s) — no throttling
   * at all — while tripling it (1.2 MB/s a shard) throttles until the next splits, which
   * are at most 60 s (the next look) + 15 min after the jump.
   */
  for (const seed of SEEDS) {
    it(`splits every busy shard within 15 minutes; doubling is absorbed, tripling throttles until the next splits (seed ${seed})`, () => {
      const jumpUs = 30 * MINUTE;
      const doubled = setup({ seed });
      doubled.load.setAt(0, 3200, 1000);
      doubled.simulation.run(jumpUs);
      const firstSplits = doubled.splitTimes();
      expect(firstSplits).toHaveLength(4);
      for (const atUs of firstSplits) {
        expect(atUs).toBeGreaterThanOrEqual(MINUTE);
        expect(atUs).toBeLessThanOrEqual(MINUTE + SPLIT_WITHIN);
      }
      expect(doubled.stream.openShards).toHaveLength(8);
      expect(doubled.load.throttled).toBe(0);
      doubled.load.setAt(jumpUs, 6400, 1000);
      doubled.simulation.run(jumpUs + 45 * MINUTE);
      expect(doubled.load.throttled).toBe(0);
      // The new peak makes room for twice itself in turn: 16 shards of 400 KB/s.
      expect(doubled.stream.openShards).toHaveLength(16);

      const tripled = setup({ seed });
      tripled.load.setAt(0, 3200, 1000);
      tripled.load.setAt(jumpUs, 9600, 1000);
      tripled.simulation.run(jumpUs + MINUTE);
      expect(tripled.load.throttled).toBeGreaterThan(0);
      tripled.simulation.run(jumpUs + MINUTE + SPLIT_WITHIN + S);
      const throttledBySplits = tripled.load.throttled;
      tripled.simulation.run(jumpUs + 45 * MINUTE);
      expect(tripled.load.throttled).toBe(throttledBySplits);
      // 600 KB/s on each of 16 is still above the trigger: 32 shards of 300 KB/s in the end.
      expect(tripled.stream.openShards).toHaveLength(32);
    });
  }

  /**
   * The split's delay is uniform on [0, 15 min): mean 450 s and sd 900/√12 = 259.8 s. Over
   * 10 seeds × 4 shards = 40 delays the sample mean has sd 259.8/√40 = 41.1 s, so it must
   * lie within 4 × 41.1 = 164 s of 450 s. The sample sd's relative sd is √((μ₄/σ⁴ − 1)/n)/2
   * = √(0.8/40)/2 = 0.071 for a uniform (μ₄/σ⁴ = 1.8): within 4 × 0.071 = 28 % of 259.8 s. A
   * fixed delay fails the second, a delay drawn over a shorter range the first.
   */
  it("draws each split's delay uniformly over the 15 minutes", () => {
    const delays = Array.from({ length: 10 }, (_, i) => i + 1).flatMap((seed) => {
      const { simulation, load, splitTimes } = setup({ seed });
      load.setAt(0, 3200, 1000);
      simulation.run(MINUTE + SPLIT_WITHIN + S);
      return splitTimes().map((atUs) => (atUs - MINUTE) / S);
    });
    expect(delays).toHaveLength(40);
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    const sd = Math.sqrt(delays.reduce((a, b) => a + (b - mean) ** 2, 0) / (delays.length - 1));
    expect(Math.abs(mean - 450)).toBeLessThan(4 * (900 / Math.sqrt(12) / Math.sqrt(40)));
    expect(Math.abs(sd / (900 / Math.sqrt(12)) - 1)).toBeLessThan(4 * (Math.sqrt(0.8 / 40) / 2));
  });

  it("gives the same splits at the same times for one seed", () => {
    const run = () => {
      const { simulation, load, splitTimes } = setup({ seed: 9 });
      load.setAt(0, 3200, 1000);
      simulation.run(MINUTE + SPLIT_WITHIN + S);
      return splitTimes();
    };
    expect(run()).toEqual(run());
  });

  /**
   * One minute above the trigger, then 400 KB/s: the look at 60 s schedules a split for
   * each shard, the look at 120 s sees them under it again, and a split finds its shard no
   * longer busy unless it falls at or before 120 s: probability 60/900 = 1/15 a shard. Over
   * 5 seeds × 4 shards that is binomial(20, 1/15): mean 1.33, sd 1.12, so at most
   * 1.33 + 4 × 1.12 = 5.8 splits (splitting regardless would make 20), none after 120 s.
   */
  it("does not split for a burst that is over at the next look", () => {
    const splits = SEEDS.flatMap((seed) => {
      const { simulation, load, splitTimes } = setup({ seed });
      load.setAt(0, 3200, 1000);
      load.setAt(MINUTE, 1600, 1000);
      simulation.run(MINUTE + SPLIT_WITHIN + MINUTE);
      return splitTimes();
    });
    for (const atUs of splits) expect(atUs).toBeLessThanOrEqual(2 * MINUTE);
    expect(splits.length).toBeLessThanOrEqual(5);
  });

  it("splits on records per second too: 600 records/s of 100 B is only 60 KB/s", () => {
    // 2,400 records/s on 4 shards: 600 a shard, above the 500 records/s trigger; 300 on each
    // of 8 after the splits, so no more.
    const { simulation, stream, load } = setup();
    load.setAt(0, 2400, 100);
    simulation.run(HOUR);
    expect(stream.openShards).toHaveLength(8);
  });
});

describe("the mode's capacity cap (onDemandMaxWriteBytesPerSecond)", () => {
  /** A stream capped at 6 MiB/s: room for 6 shards of 1 MiB/s, so for 2 splits of the 4. */
  const capped: LimitsProfile = { ...PROFILE, onDemandMaxWriteBytesPerSecond: 6 * MIB };

  /**
   * 3,200 records/s of 1,000 B put all 4 shards above the trigger at the same look (60 s).
   * Splits already drawn count against the cap, so only the first 2 are drawn; the other 2
   * shards stay at 800 KB/s (under their 1 MiB/s: nothing throttles) and are refused at every
   * later look. Counting only the open shards would let all 4 split: 8 shards, 8 MiB/s.
   */
  for (const seed of SEEDS) {
    it(`splits no further than the cap when every shard crosses the trigger at once (seed ${seed})`, () => {
      const { simulation, stream, load, splitTimes } = setup({ profile: capped, seed });
      load.setAt(0, 3200, 1000);
      simulation.run(30 * MINUTE);
      expect(splitTimes()).toHaveLength(2);
      expect(stream.openShards).toHaveLength(6);
      expect(load.throttled).toBe(0);
    });
  }

  /**
   * The look at 60 s draws 2 splits, filling the cap on paper. If the stream then gains a
   * shard some other way (here the test splits the last shard itself, 1 µs later), the cap is
   * asked again when each drawn split falls due: the first finds room for a 6th shard, the
   * second none, so the stream ends at 6, not 7.
   */
  it("asks the cap again when a drawn split falls due", () => {
    const { simulation, stream, operations, load, splitTimes } = setup({ profile: capped });
    load.setAt(0, 3200, 1000);
    simulation.run(MINUTE + 1);
    const last = stream.openShards[3]?.shardId as string;
    operations.performInternal({ kind: "split", shardId: last }, "test");
    simulation.run(30 * MINUTE);
    const scalerSplits = splitTimes();
    expect(scalerSplits).toHaveLength(1);
    // The scaler's split came after the test's (so the cap was asked after the world changed).
    expect(scalerSplits[0]).toBeGreaterThan(MINUTE + 1);
    expect(stream.openShards).toHaveLength(6);
  });
});

describe("scale-down: quiet shards merged, within the remembered peak", () => {
  /**
   * No traffic on 8 shards with a floor of 4 (a stream created with `shards: 8`): every shard
   * is quiet from 0 s, so at 24 h the first adjacent pair merges, and one pair a minute after
   * it (a merged shard starts a new quiet day of its own): 8 → 4 by 24 h 3 min, the even
   * split of 4, and nothing more in the next day.
   */
  it("merges one quiet pair a minute after a quiet day, down to the floor", () => {
    const { simulation, stream, mergeTimes } = setup({ shards: 8, durationUs: 2 * DAY });
    simulation.run(2 * DAY);
    expect(mergeTimes()).toEqual([DAY, DAY + MINUTE, DAY + 2 * MINUTE, DAY + 3 * MINUTE]);
    expect(stream.openShards.map((shard) => [shard.startingHashKey, shard.endingHashKey])).toEqual(
      quarterRanges,
    );
  });

  it("does not merge shards above the scale-down line, in bytes or in records", () => {
    // 150,000 B/s a shard (1,200 records/s of 1,000 B), or 150 records/s a shard (of 100 B):
    // each merged pair would stay within the split triggers, but neither is quiet.
    for (const [rate, size] of [
      [1200, 1000],
      [1200, 100],
    ] as const) {
      // Quiet shards would merge at 24 h (previous test): 10 minutes past it is enough.
      const { simulation, operations, load } = setup({ shards: 8, durationUs: DAY + HOUR });
      load.setAt(0, rate, size);
      simulation.run(DAY + 10 * MINUTE);
      expect(operations.records).toEqual([]);
    }
  });

  /**
   * A peak of 1.6 MB/s during the first hour on a stream of 2 shards (a profile whose new
   * stream has 2, so that 30 days of looks stay cheap) leaves 4 shards that each remember
   * 400 KB/s; then the traffic stops. Any two neighbours together remember 800 KB/s, above
   * the split trigger, so they stay — room for twice the peak — although they have been
   * quiet far longer than a day, until the peak leaves the 30-day memory: it was seen in the
   * first day-long bucket, which drops out at 30 days exactly. Then the quiet pairs merge,
   * one a minute, back to the 2 of a new stream.
   */
  it("keeps the shards of a peak for 30 days, then merges them", () => {
    const durationUs = 31 * DAY;
    const profile = { ...PROFILE, onDemandInitialShards: 2 };
    const { simulation, stream, load, mergeTimes, splitTimes } = setup({
      shards: 2,
      floorShards: 2,
      profile,
      durationUs,
    });
    load.setAt(0, 1600, 1000);
    load.setAt(HOUR, 0);
    simulation.run(durationUs);
    expect(splitTimes()).toHaveLength(2);
    expect(mergeTimes()).toEqual([30 * DAY, 30 * DAY + MINUTE]);
    expect(stream.openShards.map((shard) => [shard.startingHashKey, shard.endingHashKey])).toEqual(
      evenSplit(2).map((range) => [range.startingHashKey, range.endingHashKey]),
    );
  });
});
