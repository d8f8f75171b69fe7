/**
 * DrawnSource (models/producers/sources/drawn-source.ts) in record mode: each record's key
 * drawn from the key distribution and its size from the size model, at Poisson arrivals.
 * (Segment mode is SegmentDraws, tested in segment-draws.test.ts.)
 *
 * Theory. Uniform keys over 4: each of n records has key k with probability 1/4, so key k's
 * count is Binomial(n, 1/4), within Z·√(n·¼·¾) of n/4. Poisson arrivals at λ over T: the
 * count is Poisson(λT), within Z·√(λT). Z = 5 (two-sided tail 5.7e-7 per comparison).
 */
import { describe, expect, it } from "vitest";
import { DrawnSource } from "../../../../models/producers/sources/drawn-source.js";
import { KeyObserver } from "../../../../models/skew/key-observer.js";
import { createKeySpace } from "../../../../models/workload/keys/create-key-space.js";
import { RateProfile } from "../../../../models/workload/rate-profile.js";
import { createRecordSizeModel } from "../../../../models/workload/record-size.js";
import { randomStream } from "../../../../src/engine/random-streams.js";

const S = 1_000_000;
const Z = 5;
const SEEDS = [1, 2, 3];

function drawnSource(seed: number, rate: number) {
  const keys = createKeySpace({ distribution: "uniform", cardinality: 4, prefix: "k" });
  return new DrawnSource({
    keys,
    sizes: createRecordSizeModel({ distribution: "fixed", bytes: 250 }),
    rate: new RateProfile(rate),
    arrival: "poisson",
    constantRate: rate,
    random: {
      arrivals: randomStream(seed, "arrivals"),
      keys: randomStream(seed, "keys"),
      sizes: randomStream(seed, "sizes"),
      keySample: randomStream(seed, "key-sample"),
    },
    observer: new KeyObserver(keys.cardinality),
    producer: 0,
    listSizes: true,
    resolutionUs: S,
    horizonUs: 1000 * S,
  });
}

describe("a drawn source in record mode", () => {
  it.each(SEEDS)("draws Poisson arrivals, uniform keys and the model's sizes (seed %i)", (seed) => {
    const rate = 50;
    const horizonUs = 400 * S;
    const source = drawnSource(seed, rate);
    const perKey = [0, 0, 0, 0];
    let nowUs = 0;
    let records = 0;
    for (;;) {
      const next = source.nextArrival(nowUs);
      // Arrivals answer with times: exact gaps add up, only the time is rounded.
      expect(source.relative).toBe(false);
      expect(source.arrives).toBe(true);
      expect(next).toBeGreaterThanOrEqual(nowUs);
      nowUs = next;
      if (nowUs > horizonUs) break;
      const record = source.take(nowUs);
      expect(record.sizeBytes).toBe(250);
      perKey[record.keyIndex] = (perKey[record.keyIndex] as number) + 1;
      records++;
    }
    const expected = rate * (horizonUs / S);
    expect(Math.abs(records - expected)).toBeLessThan(Z * Math.sqrt(expected));
    for (const count of perKey) {
      expect(Math.abs(count - records / 4)).toBeLessThan(Z * Math.sqrt(records * 0.25 * 0.75));
    }
  });
});
