import { describe, expect, it } from "vitest";
import { KeyObserver } from "../../../models/skew/key-observer.js";

describe("KeyObserver", () => {
  it("counts small key spaces exactly, heaviest first, ties by key index", () => {
    const observer = new KeyObserver(10);
    for (const key of [3, 1, 3, 7, 1, 3]) observer.offerRecord(key);
    expect(observer.exact).toBe(true);
    expect(observer.entries()).toEqual([
      { keyIndex: 3, estimate: 3, error: 0 },
      { keyIndex: 1, estimate: 2, error: 0 },
      { keyIndex: 7, estimate: 1, error: 0 },
    ]);
  });

  it("marks counts from drawn keys (segment mode) as estimates", () => {
    const observer = new KeyObserver(10);
    observer.offerSample(2, 12.5);
    expect(observer.exact).toBe(false);
    expect(observer.entries()).toEqual([{ keyIndex: 2, estimate: 12.5, error: 0 }]);
  });

  it("samples a large key space into a bounded sketch that still finds the heavy key", () => {
    const observer = new KeyObserver(2 ** 40);
    // Key 5 is a quarter of the records, spread irregularly (a multiplicative hash picks them,
    // as independent draws would); the others are all distinct (never repeated).
    let heavy = 0;
    for (let i = 0; i < 160_000; i++) {
      const isHeavy = (Math.imul(i, 2654435761) >>> 28) % 4 === 0;
      if (isHeavy) heavy++;
      observer.offerRecord(isHeavy ? 5 : 1_000_000 + i);
    }
    const entries = observer.entries();
    expect(observer.exact).toBe(false);
    expect(entries.length).toBeLessThanOrEqual(1000);
    const [top] = entries;
    expect(top?.keyIndex).toBe(5);
    // Every 16th record is offered with weight 16: 10,000 offers, of which key 5's number is
    // about Binomial(10,000, ¼) (sd ≈ 43 offers, ≈ 693 records).
    expect(Math.abs((top?.estimate ?? 0) - heavy)).toBeLessThan(
      4 * 16 * Math.sqrt(10_000 * 0.25 * 0.75) + (top?.error ?? 0),
    );
  });
});
