import { describe, expect, it } from "vitest";
import { ShardWindow } from "../../../../models/shards/window/shard-window.js";
import { WindowTicks } from "../../../../models/shards/window/window-ticks.js";
import { PoissonTables } from "../../../../src/engine/distributions/poisson-tables.js";
import { randomStream } from "../../../../src/engine/random-streams.js";
import { loneShard } from "../../../helpers/lone-shard.js";

const S = 1_000_000;
const TICK_US = 10_000;

function setup(seed: number, recordsPerTick: number) {
  let nowUs = 0;
  const shard = loneShard(3600 * S, S);
  const stats = { offered: 0, accepted: 0, pending: 0 };
  const window = new ShardWindow(
    shard,
    {
      producer: 0,
      stats,
      random: randomStream(seed, "shard-window"),
      dataBytes: 100,
      keyBytes: 5,
      due: { mark: () => {} },
      poissonTables: new PoissonTables(),
    },
    1,
  );
  shard.attachWindow(window, () => nowUs);
  // One second of ticks at 5,000 µs past each 10 ms, the producer's mean per tick.
  const timesUs = Array.from({ length: 100 }, (_, i) => 5_000 + i * TICK_US);
  const cumulative = Array.from({ length: 101 }, (_, i) => i * recordsPerTick);
  const ticks = new WindowTicks(timesUs, 0, cumulative);
  return {
    shard,
    window,
    ticks,
    stats,
    setNow: (us: number) => {
      nowUs = us;
    },
  };
}

describe("ShardWindow", () => {
  it("stores a clear run's ticks only up to the time the shard is looked at", () => {
    // 3 records a tick against 10 of refill: the whole second is one clear run.
    const { shard, window, ticks, stats, setNow } = setup(1, 3);
    setNow(5_000);
    expect(window.decide(5_000, ticks, 0)).toBe(-1);
    expect(window.clearUntil).toBe(100);
    expect(stats.offered).toBe(0);
    // At 0.5 s, ticks 0 … 49 (5 ms … 495 ms) are in the log, each record created before its tick.
    setNow(500_000);
    const log = shard.log;
    const half = log.nextSeq;
    expect(stats.offered).toBe(half);
    let lastCreatedUs = 0;
    let lastAcceptedUs = 0;
    log.read(0, 1e9, 1e12, 500_000, Number.POSITIVE_INFINITY, (slice) => {
      lastCreatedUs = Math.max(lastCreatedUs, slice.lastCreatedUs);
      lastAcceptedUs = Math.max(lastAcceptedUs, slice.lastAcceptedUs);
    });
    expect(lastCreatedUs).toBeLessThanOrEqual(495_000);
    expect(lastAcceptedUs).toBeLessThanOrEqual(495_000);
    // Looking again at the same time stores nothing more.
    expect(shard.log.nextSeq).toBe(half);
    // After the last tick, the whole run is stored; the metrics count it.
    setNow(S);
    const all = shard.log.nextSeq;
    expect(stats.offered).toBe(all);
    expect(stats.accepted).toBe(all);
    expect(shard.metrics.accepted).toBe(all);
  });

  it("over a limit draws ticks one by one: clear while they fit, then the ordinary way", () => {
    // 40 records a tick against a refill of 10: the shard draws its ticks one at a time, and
    // those that fit the full bucket make clear runs; once it is nearly empty, ticks go the
    // ordinary way (and are throttled).
    const { shard, window, ticks, setNow } = setup(2, 40);
    const atUs = (i: number) => 5_000 + i * TICK_US;
    let explicit = 0;
    let runs = 0;
    for (let tick = 0; tick < 100; tick++) {
      setNow(atUs(tick));
      if (window.clearUntil > tick && tick > 0) continue;
      const count = window.decide(atUs(tick), ticks, tick);
      if (count < 0) {
        runs++;
        continue;
      }
      explicit++;
      shard.putRun(count, count * 105, atUs(tick) - TICK_US, atUs(tick), 0, 4000, atUs(tick));
    }
    setNow(S);
    expect(window.clearUntil).toBe(100);
    expect(explicit).toBeGreaterThan(0);
    expect(runs).toBeGreaterThan(0);
    expect(explicit + runs).toBeLessThan(100);
    expect(shard.metrics.throttledAttempts).toBeGreaterThan(0);
    // Every record of the second was offered: stored, or refused by the ordinary path.
    expect(shard.metrics.accepted + shard.metrics.throttledAttempts).toBeGreaterThan(3000);
  });

  it("a put that leaves too little room ends the clear run; its ticks are decided again", () => {
    const { shard, window, ticks, setNow } = setup(3, 6);
    setNow(5_000);
    expect(window.decide(5_000, ticks, 0)).toBe(-1);
    const clearUntil = window.clearUntil;
    expect(clearUntil).toBeGreaterThan(50);
    // A retry of 990 records at 0.2 s empties the bucket.
    setNow(200_000);
    shard.putRun(990, 990 * 105, 0, 0, 0, 800, 200_000);
    expect(window.clearUntil).toBeLessThan(clearUntil);
    expect(window.clearUntil).toBe(20);
  });
});
