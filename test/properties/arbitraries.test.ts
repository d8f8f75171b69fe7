import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  arbitraries,
  type ExperimentDocument,
  KEY_DISTRIBUTIONS,
} from "../../src/arbitraries/index.js";
import { parseExperimentText } from "../../src/index.js";

/** Validates a document the way a user's file is validated; throws UserError if it is not. */
const validate = (document: unknown) => parseExperimentText(JSON.stringify(document));

/** The peak of a generated rate: the arbitraries write rates as numbers or lists of points. */
function rateOf(rate: ExperimentDocument["producers"][number]["rate"]): number {
  if (typeof rate === "number") return rate;
  if (!Array.isArray(rate)) throw new Error(`not a generated rate: ${JSON.stringify(rate)}`);
  return Math.max(...rate.map((point) => Number(point.rate)));
}

describe("the exported arbitraries generate valid experiment documents", () => {
  it("every experiment document validates and stays small", () => {
    fc.assert(
      fc.property(arbitraries.experiment({ stream: { shortRetention: true } }), (document) => {
        const config = validate(document);
        expect(config.durationUs).toBeLessThanOrEqual(60_000_000);
        expect(config.producers.length).toBeGreaterThanOrEqual(1);
        expect(config.producers.length).toBeLessThanOrEqual(3);
        expect(config.consumers.length).toBeLessThanOrEqual(3);
        expect(config.stream.shards).toBeLessThanOrEqual(8);
        if (config.granularity === "record") {
          const total = document.producers.reduce((sum, p) => sum + rateOf(p.rate), 0);
          expect(total).toBeLessThanOrEqual(1000);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("constraints are honoured and the documents still validate", () => {
    const constrained = arbitraries.experiment({
      minSeconds: 5,
      maxSeconds: 10,
      granularities: ["record"],
      minProducers: 2,
      maxProducers: 2,
      minConsumers: 1,
      maxConsumers: 1,
      efo: false,
      events: { consumers: false },
      warmup: false,
      stream: { minShards: 3, maxShards: 3, limiters: ["window"], onDemand: false },
      workload: { keys: { distributions: ["zipf"] }, maxRetries: 0, arrivals: ["constant"] },
      recordRateBudget: 400,
    });
    fc.assert(
      fc.property(constrained, (document) => {
        const config = validate(document);
        expect(config.durationUs).toBeGreaterThanOrEqual(5_000_000);
        expect(config.durationUs).toBeLessThanOrEqual(10_000_000);
        expect(config.granularity).toBe("record");
        expect(config.warmupUs).toBe(0);
        expect(config.stream).toMatchObject({ mode: "provisioned", shards: 3, limiter: "window" });
        expect(config.producers.map((p) => p.name)).toEqual(["p0", "p1"]);
        for (const producer of config.producers) {
          expect(producer.keys.distribution).toBe("zipf");
          expect(producer.retries.max).toBe(0);
          expect(producer.arrival).toBe("constant");
        }
        expect(config.consumers.map((c) => c.mode)).toEqual(["polling"]);
        expect(
          config.events.every((e) => ["split", "merge", "updateShardCount"].includes(e.kind)),
        ).toBe(true);
        expect(document.producers.every((p) => rateOf(p.rate) <= 200)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("keys, workload and stream sections validate inside a minimal document", () => {
    fc.assert(
      fc.property(
        arbitraries.keys(),
        arbitraries.workload({ maxRate: 10_000, maxRecordBytes: 1_000_000 }),
        arbitraries.stream({ maxShards: 64, shortRetention: true }),
        (keys, workload, stream) => {
          validate({
            duration: "10s",
            limits: { retentionMinUs: "1s" },
            stream,
            producers: [workload, { ...workload, name: "q", keys }],
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each(KEY_DISTRIBUTIONS)(
    "keys({ distributions: [%s] }) generates only that distribution",
    (name) => {
      fc.assert(
        fc.property(arbitraries.keys({ distributions: [name], maxCardinality: 50 }), (keys) => {
          expect(keys.distribution).toBe(name);
          const config = validate({
            duration: "1s",
            stream: { shards: 1 },
            producers: [{ name: "p", rate: 1, keys }],
          });
          const parsed = config.producers[0]?.keys;
          if (parsed !== undefined && "cardinality" in parsed) {
            expect(parsed.cardinality).toBeLessThanOrEqual(50);
          }
        }),
        { numRuns: 50 },
      );
    },
  );

  it("experimentConfig yields validated configs", () => {
    fc.assert(
      fc.property(arbitraries.experimentConfig({ maxSeconds: 10 }), (config) => {
        expect(config.durationUs).toBeLessThanOrEqual(10_000_000);
        expect(config.name).toBe("generated");
      }),
      { numRuns: 100 },
    );
  });
});
