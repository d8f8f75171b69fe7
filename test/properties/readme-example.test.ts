// The worked example in README.md ("Property tests with kinesim's arbitraries"), verbatim
// but for the imports: the README imports "kinesim" and "kinesim/arbitraries".
import fc from "fast-check";
import { expect, test } from "vitest";
import { arbitraries } from "../../src/arbitraries/index.js";
import { parseExperimentText, simulate } from "../../src/index.js";

// One producer offering 5,000 records/s, whose hottest key carries 30–100 % of them, on a
// provisioned stream of 1 to 64 shards with either limiter. Arrival process, API, record
// sizes and batching are left to the arbitraries.
const hotKeyExperiments = fc
  .record({
    seed: fc.nat(),
    stream: arbitraries.stream({ maxShards: 64, onDemand: false }),
    producer: arbitraries.workload({ minRate: 5000, maxRate: 5000, rateProfiles: false }),
    hotPercent: fc.integer({ min: 30, max: 100 }),
  })
  .map(({ seed, stream, producer, hotPercent }) => ({
    seed,
    duration: "20s",
    stream,
    producers: [
      {
        ...producer,
        keys: {
          distribution: "hotShare",
          share: hotPercent / 100,
          hotKeys: 1,
          cardinality: 100_000,
        },
      },
    ],
  }));

test("a key with ≥ 30 % of 5,000 records/s makes some shard throttle, whatever the shard count", () => {
  fc.assert(
    fc.property(hotKeyExperiments, (experiment) => {
      const result = simulate(parseExperimentText(JSON.stringify(experiment)));
      // ≥ 1,500 records/s of one key go to one shard, which takes 1,000: adding shards
      // cannot help, only a better partition key can.
      expect(result.shards.some((shard) => shard.throttledAttempts > 0)).toBe(true);
    }),
    { numRuns: 20 },
  );
});
