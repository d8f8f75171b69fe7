import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ExperimentConfig } from "../../../src/experiment/config/config-types.js";
import { simulateWithSeries } from "../../../src/experiment/run/simulate.js";
import { consumer, experiment, perRecordProcessing, producer } from "../../helpers/experiment.js";

const S = 1_000_000;

const keysArbitrary = fc.oneof(
  fc.record({
    distribution: fc.constant("uniform" as const),
    cardinality: fc.integer({ min: 1, max: 50_000 }),
    prefix: fc.constant("k"),
  }),
  fc.record({
    distribution: fc.constant("zipf" as const),
    cardinality: fc.integer({ min: 1, max: 20_000 }),
    exponent: fc.double({ min: 0.5, max: 2, noNaN: true }),
    prefix: fc.constant("user-"),
  }),
  fc.record({ distribution: fc.constant("hot" as const), key: fc.constant("hot") }),
  fc.record({
    distribution: fc.constant("hotShare" as const),
    share: fc.double({ min: 0.05, max: 1, noNaN: true }),
    hotKeys: fc.integer({ min: 1, max: 5 }),
    cardinality: fc.integer({ min: 1, max: 20_000 }),
    prefix: fc.constant("t"),
  }),
  fc.record({
    distribution: fc.constant("fixed" as const),
    keys: fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }),
  }),
);

const sizeArbitrary = fc.oneof(
  fc.record({
    distribution: fc.constant("fixed" as const),
    bytes: fc.integer({ min: 1, max: 200_000 }),
  }),
  fc
    .tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 5000 }))
    .map(([minBytes, extra]) => ({
      distribution: "uniform" as const,
      minBytes,
      maxBytes: minBytes + extra,
    })),
  fc.record({
    distribution: fc.constant("lognormal" as const),
    medianBytes: fc.integer({ min: 10, max: 10_000 }),
    sigma: fc.double({ min: 0.1, max: 1.5, noNaN: true }),
    maxBytes: fc.constant(1_048_576),
  }),
);

const producerArbitrary = fc.record({
  rate: fc.double({ min: 1, max: 4000, noNaN: true }),
  arrival: fc.constantFrom("poisson" as const, "constant" as const),
  recordSize: sizeArbitrary,
  keys: keysArbitrary,
  api: fc.constantFrom("putRecord" as const, "putRecords" as const),
  lingerMs: fc.integer({ min: 1, max: 500 }),
  maxRecords: fc.integer({ min: 1, max: 500 }),
  retries: fc.integer({ min: 0, max: 4 }),
});

const consumerArbitrary = fc.record({
  pollMs: fc.integer({ min: 50, max: 3000 }),
  startAt: fc.constantFrom("LATEST" as const, "TRIM_HORIZON" as const),
  maxRecords: fc.integer({ min: 1, max: 10_000 }),
  processingUs: fc.integer({ min: 0, max: 5000 }),
});

const experimentArbitrary = fc
  .record({
    seed: fc.nat(1000),
    seconds: fc.integer({ min: 1, max: 20 }),
    granularity: fc.constantFrom("segment" as const, "record" as const),
    shards: fc.integer({ min: 1, max: 6 }),
    limiter: fc.constantFrom("bucket" as const, "window" as const),
    retentionSeconds: fc.integer({ min: 2, max: 30 }),
    producers: fc.array(producerArbitrary, { minLength: 1, maxLength: 3 }),
    consumers: fc.array(consumerArbitrary, { minLength: 0, maxLength: 3 }),
    pause: fc.option(fc.tuple(fc.nat(20), fc.nat(20))),
  })
  .map((spec): ExperimentConfig => {
    const consumers = spec.consumers.map((c, index) =>
      consumer({
        name: `c${index}`,
        pollIntervalUs: c.pollMs * 1000,
        startAt: { type: c.startAt },
        maxRecords: c.maxRecords,
        processing: perRecordProcessing(c.processingUs, c.maxRecords),
      }),
    );
    const events: ExperimentConfig["events"] =
      spec.pause !== null && consumers.length > 0
        ? [
            {
              atUs: Math.min(spec.pause[0], spec.pause[1]) * S,
              kind: "stopConsumer",
              consumer: "c0",
            },
            {
              atUs: Math.max(spec.pause[0], spec.pause[1]) * S,
              kind: "startConsumer",
              consumer: "c0",
            },
          ]
        : [];
    return experiment({
      seed: spec.seed,
      granularity: spec.granularity,
      durationUs: spec.seconds * S,
      // Retention shorter than the profile's 24 h minimum so that trimming happens.
      limits: { retentionMinUs: S },
      stream: {
        shards: spec.shards,
        limiter: spec.limiter,
        retentionUs: spec.retentionSeconds * S,
      },
      producers: spec.producers.map((p, index) =>
        producer({
          name: `p${index}`,
          rate: spec.granularity === "record" ? Math.min(p.rate, 1000) : p.rate,
          arrival: p.arrival,
          recordSize: p.recordSize,
          keys: p.keys,
          api: p.api,
          batch: {
            maxRecords: p.maxRecords,
            maxBytes: 10 * 1_048_576,
            lingerUs: p.lingerMs * 1000,
          },
          retries: { max: p.retries, backoffUs: 50_000, maxBackoffUs: 2 * S },
        }),
      ),
      consumers,
      events,
    });
  });

describe("conservation holds for any small experiment", () => {
  it("offered = accepted + dropped + pending, and per application accepted = delivered + expired + unread + skipped", () => {
    fc.assert(
      fc.property(experimentArbitrary, (config) => {
        // simulateWithSeries itself throws InvariantViolation when a count does not balance.
        const { result } = simulateWithSeries(config);
        const r = result.records;
        expect(r.offered).toBe(r.accepted + r.dropped + r.pendingAtProducer);
        for (const c of result.consumers) {
          expect(c.delivered + c.expiredUnread + c.unread + c.skipped).toBe(r.accepted);
        }
        expect(result.dataLoss.records).toBe(r.dropped + result.dataLoss.expiredUnread);
        expect(result.shards.reduce((sum, s) => sum + s.accepted, 0)).toBe(r.accepted);
      }),
      { numRuns: 60 },
    );
  });
});
