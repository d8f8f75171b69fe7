/**
 * Space-Saving (Metwally et al. 2005) against exact counts on random weighted streams: every
 * key heavier than N ÷ capacity is monitored, and estimate − error ≤ true ≤ estimate.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SpaceSaving } from "../../../models/skew/space-saving.js";

const streamArbitrary = fc.array(
  fc.record({
    // A skewed alphabet: small indices come up more often.
    key: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 60 })),
    count: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 20 })),
  }),
  { maxLength: 400 },
);

function exactCounts(stream: { key: number; count: number }[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const { key, count } of stream) counts.set(key, (counts.get(key) ?? 0) + count);
  return counts;
}

describe("SpaceSaving", () => {
  it("monitors every key above N ÷ capacity and bounds each estimate", () => {
    fc.assert(
      fc.property(streamArbitrary, fc.integer({ min: 1, max: 30 }), (stream, capacity) => {
        const sketch = new SpaceSaving<number>(capacity);
        for (const { key, count } of stream) sketch.offer(key, count);
        const exact = exactCounts(stream);
        const total = stream.reduce((sum, item) => sum + item.count, 0);
        expect(sketch.total).toBe(total);
        expect(sketch.size).toBeLessThanOrEqual(capacity);
        const top = sketch.top();
        const monitored = new Set(top.map((item) => item.key));
        for (const [key, count] of exact) {
          if (count > total / capacity) expect(monitored.has(key)).toBe(true);
        }
        for (const { key, estimate, error } of top) {
          const truth = exact.get(key) ?? 0;
          expect(estimate - error).toBeLessThanOrEqual(truth);
          expect(truth).toBeLessThanOrEqual(estimate);
          expect(sketch.get(key)).toEqual({ estimate, error });
        }
        // Estimates are sorted, highest first.
        for (let i = 1; i < top.length; i++) {
          expect((top[i - 1] as { estimate: number }).estimate).toBeGreaterThanOrEqual(
            (top[i] as { estimate: number }).estimate,
          );
        }
        // Estimates add up to the total (each offer adds its count to exactly one entry).
        expect(top.reduce((sum, item) => sum + item.estimate, 0)).toBe(total);
      }),
      { numRuns: 300 },
    );
  });

  it("is exact while it holds every key", () => {
    fc.assert(
      fc.property(streamArbitrary, (stream) => {
        const sketch = new SpaceSaving<number>(61);
        for (const { key, count } of stream) sketch.offer(key, count);
        const exact = exactCounts(stream);
        for (const { key, estimate, error } of sketch.top()) {
          expect(error).toBe(0);
          expect(estimate).toBe(exact.get(key));
        }
      }),
    );
  });

  it("breaks ties by insertion order: the earliest monitored is evicted and listed first", () => {
    const sketch = new SpaceSaving(2);
    sketch.offer("a");
    sketch.offer("b");
    expect(sketch.top()).toEqual([
      { key: "a", estimate: 1, error: 0 },
      { key: "b", estimate: 1, error: 0 },
    ]);
    sketch.offer("c"); // evicts "a", the earliest of the two with count 1
    expect(sketch.get("a")).toBeUndefined();
    expect(sketch.top()).toEqual([
      { key: "c", estimate: 2, error: 1 },
      { key: "b", estimate: 1, error: 0 },
    ]);
    expect(sketch.top(1)).toHaveLength(1);
  });

  it("is deterministic: the same stream gives the same top list", () => {
    const run = () => {
      const sketch = new SpaceSaving(5);
      for (let i = 0; i < 1000; i++) sketch.offer(`k${(i * 7919) % 37}`, 1 + (i % 3));
      return sketch.top();
    };
    expect(run()).toEqual(run());
  });

  it("rejects a bad capacity or count", () => {
    expect(() => new SpaceSaving(0)).toThrow(RangeError);
    expect(() => new SpaceSaving(1.5)).toThrow(RangeError);
    expect(() => new SpaceSaving(3).offer("a", 0)).toThrow(RangeError);
    expect(() => new SpaceSaving(3).offer("a", Number.NaN)).toThrow(RangeError);
  });
});
