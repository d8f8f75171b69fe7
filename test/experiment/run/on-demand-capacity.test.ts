import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE } from "../../../models/limits/profile.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";

/**
 * On-demand capacity as AWS documents it (kinesis-facts.md §6): a new stream takes 4 MB/s and
 * 4,000 records/s; shards split above 500 KB/s (or, assumed, 500 records/s) within 15 minutes;
 * the stream then takes twice its previous peak, and keeps room for twice its 30-day peak;
 * one partition key above a shard's limits still throttles.
 */

const MIB = 1_048_576;

function run(text: string, overrides: string[] = []) {
  return simulateWithSeries(parseExperimentText(text, { overrides }));
}

const openAtEnd = (result: ReturnType<typeof run>["result"]) =>
  result.shards.filter((shard) => shard.closedAtSeconds === null).length;

describe("a new on-demand stream", () => {
  // The first scaling decision comes one evaluation interval (1 min) after creation, and a
  // split later still, so the first minute shows the initial capacity alone. Offered twice
  // that capacity with uniform keys, each of the 4 shards is always short of tokens: it admits
  // its full bucket (1 s of capacity) plus 60 s of refill, and not a record more.
  const firstMinute = (rate: number, recordSize: string) => `
duration: 60s
stream: { mode: on-demand }
producers:
  - { name: p, rate: ${rate}, recordSize: ${recordSize}, retries: 0,
      keys: { distribution: uniform, cardinality: 100000 } }
`;

  it("takes 4,000 records/s at first (4 shards of 1,000)", () => {
    const { result } = run(firstMinute(8000, "100B"));
    expect(DEFAULT_PROFILE.onDemandInitialShards).toBe(4);
    expect(result.shards).toHaveLength(4);
    // 4 × (1,000 + 1,000 × 60) records; a record-sized rounding at most per shard and segment.
    expect(result.records.accepted / (4 * 61_000)).toBeCloseTo(1, 2);
  });

  it("takes 4 MiB/s at first (4 shards of 1 MiB)", () => {
    const { result } = run(firstMinute(800, "10000B"));
    const bytesIn = result.shards.reduce((sum, shard) => sum + shard.bytesIn, 0);
    // 4 × (1 MiB + 1 MiB × 60); whole 10 KB records, so within a record per shard per tick.
    expect(bytesIn / (4 * 61 * MIB)).toBeCloseTo(1, 2);
  });

  it("reads 8 MiB/s at first: 2 MiB/s per shard for GetRecords, as on provisioned shards", () => {
    // 40 s of 3.8 MB/s with the reader stopped, then it catches up from TRIM_HORIZON. While it
    // is behind, each of the 4 shards serves 2 MiB/s (a 10 MiB read, then a pause of
    // 10 MiB ÷ 2 MiB/s), so the stream serves ≈ 8 MiB/s. The backlog (≈ 152 MB) shrinks by
    // ≈ 4.6 MB/s, so the reader is still behind at 58 s, and the first scaling decision (at
    // 60 s) has not split anything yet.
    const { result, series } = run(`
duration: 59s
metricsResolution: 1s
stream: { mode: on-demand }
producers:
  - { name: p, rate: 380, recordSize: 10000B, keys: { distribution: uniform, cardinality: 100000 } }
consumers:
  - { name: reader, pollInterval: 200ms, startAt: TRIM_HORIZON }
events:
  - { at: 0s, stopConsumer: reader }
  - { at: 40s, startConsumer: reader }
`);
    expect(result.shards).toHaveLength(4);
    expect(result.consumers[0]?.unread).toBeGreaterThan(0);
    let bytesOut = 0;
    for (const shard of series.shards) {
      for (let second = 42; second < 58; second++) bytesOut += shard.outgoingBytes[second] ?? 0;
    }
    // Over 16 s each shard serves 2 MiB/s, give or take one 10 MiB read at either end
    // (4 shards × 10 MiB ÷ 16 s = 2.5 MiB/s either way).
    expect(bytesOut / 16 / MIB).toBeGreaterThan(8 - 2.5);
    expect(bytesOut / 16 / MIB).toBeLessThan(8 + 2.5);
  });
});

describe("records per second scale an on-demand stream, as bytes do", () => {
  const smallRecords = (seed: number) => `
seed: ${seed}
duration: 60m
stream: { mode: on-demand }
producers:
  - { name: p, rate: 6000, recordSize: 100B, keys: { distribution: uniform, cardinality: 100000 } }
`;

  for (const seed of [1, 2]) {
    it(`6,000 records/s of 100 B (0.65 MB/s): throttled only until the splits, then not at all (seed ${seed})`, () => {
      // 6,000 records/s overflow the initial 4,000. Each shard takes 1,000 records/s, above the
      // 500 records/s trigger, so all four split within 1 min + 15 min; then 8 shards take
      // 750 each (no throttling, still above the trigger) and split again: 16 shards of 375.
      const { result } = run(smallRecords(seed));
      expect(result.throttleRate).toBeGreaterThan(0.01);
      expect(openAtEnd(result)).toBe(16);
      const firstRound = result.operations.slice(0, 4);
      for (const op of firstRound) {
        expect(op.origin).toBe("on-demand");
        expect(op.completedAtSeconds).toBeLessThanOrEqual(60 + 15 * 60);
      }
      const steady = run(smallRecords(seed), ["warmup=16m"]).result;
      expect(steady.throttleRate).toBe(0);
    });
  }

  it("but one partition key above 1,000 records/s still throttles, bytes well below 1 MB/s", () => {
    // 1,500 records/s of 100 B on one key: 150 KB/s, yet 1,500 records/s on one shard. Splits
    // follow the key's shard down, but each child with the key still gets all of it: with no
    // retries, a third of the attempts are refused (1 − 1,000 ÷ 1,500), split or not.
    const { result } = run(
      `
duration: 40m
warmup: 10m
stream: { mode: on-demand }
producers:
  - { name: hot, rate: 1500, recordSize: 100B, retries: 0, keys: { distribution: hot, key: tenant-1 } }
`,
    );
    expect(result.throttleRate).toBeGreaterThan(0.3);
    expect(result.throttleRate).toBeLessThan(0.37);
    expect(result.operations.length).toBeGreaterThan(0);
  });

  /** 3,000 records/s of 100 B for 40 minutes (→ 8 shards of 375), then `factor` times that. */
  function recordsStep(factor: number) {
    return run(`
duration: 50m
warmup: 40m
stream: { mode: on-demand }
producers:
  - name: p
    rate: [{ at: 0s, rate: 3000 }, { at: 40m, rate: ${3000 * factor} }]
    recordSize: 100B
    keys: { distribution: uniform, cardinality: 100000 }
    retries: 0
`).result;
  }

  it("twice the previous peak in records is absorbed at once; three times throttles", () => {
    // 8 shards of 1,000 records/s: 6,000 records/s is 750 a shard, 9,000 is 1,125.
    const doubled = recordsStep(2);
    const tripled = recordsStep(3);
    expect(doubled.throttleRate).toBeLessThan(0.001);
    expect(tripled.throttleRate).toBeGreaterThan(0.02);
  });
});

describe("the stream remembers its peak (twice the peak of the previous 30 days)", () => {
  // Busy for an hour (6 MB/s → 16 shards of 375 KB/s), quiet for five hours, busy again at
  // once. Scale-down is made to act after 1 hour of quiet (instead of the default 24 h) so a
  // short run shows what a quiet weekend does; the peak memory is the variable.
  const busyQuietBusy = `
duration: 390m
warmup: 6h
resolution: 500ms
limits: { onDemandScaleDownAfterUs: 1h }
stream: { mode: on-demand }
producers:
  - name: p
    rate:
      - { at: 0s, rate: 6000 }
      - { at: 1h, rate: 300 }
      - { at: 6h, rate: 6000 }
    recordSize: 1KB
    keys: { distribution: uniform, cardinality: 100000 }
    retries: 0
`;

  it("with the 30-day memory, quiet shards are kept for the next peak: nothing throttles", () => {
    const { result } = run(busyQuietBusy);
    expect(result.operations.every((op) => op.split !== undefined)).toBe(true);
    expect(openAtEnd(result)).toBe(16);
    expect(result.throttleRate).toBe(0);
  });

  it("once the peak is forgotten, the quiet shards are merged and the same peak throttles", () => {
    // With a 2-hour memory the 1-hour peak is gone by 3 h; merges (one pair a minute, each
    // merged shard quiet for another hour) take the stream down to its 4 initial shards
    // before 6 h. Then each of the 4 shards is offered 1.5 MB/s for its 1 MiB/s and refuses
    // ≈ 30 % of the attempts until its split, 1 to 16 minutes after the step: ≈ 8 % of the
    // half hour's attempts (a shard's mean wait, 8.5 min, over 30 min, times 30 %).
    const { result } = run(busyQuietBusy, ["limits.onDemandPeakMemoryUs=2h"]);
    const merges = result.operations.filter((op) => op.merge !== undefined);
    expect(merges.length).toBe(12);
    expect(result.throttleRate).toBeGreaterThan(0.03);
  });
});
