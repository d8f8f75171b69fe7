import { describe, expect, expectTypeOf, it } from "vitest";
import type { ExperimentDocument, WorkloadDocument } from "../../src/index.js";
import { parseExperimentText } from "../../src/index.js";

/*
 * The document types are the schema's input types (src/arbitraries/documents.ts), so every key
 * of the format is in them. The hand-written types these replaced lacked kpl, trace, bursts and
 * autoscaling: the `satisfies` below did not compile against them (tsc -p tsconfig.test.json).
 */

const kplProducer = {
  name: "kpl",
  rate: 500,
  bursts: { meanOn: "2s", meanOff: "8s", onFactor: 3 },
  kpl: { aggregation: true, recordMaxBufferedTime: "50ms" },
} satisfies WorkloadDocument;

const traceProducer = {
  name: "replay",
  trace: { file: "trace.csv", timeScale: 0.5, repeat: true },
} satisfies WorkloadDocument;

const everySection = {
  name: "every-section",
  duration: "30s",
  stream: {
    shards: 2,
    autoscaling: { targetUtilization: 0.5, minShards: 1, maxShards: 8, scaleOutAfter: "1m" },
  },
  producers: [kplProducer, traceProducer],
  consumers: [{ name: "reader", mode: "efo", startAt: "TRIM_HORIZON" }],
  events: [{ at: "10s", spike: "kpl", factor: 2, for: "5s" }],
} satisfies ExperimentDocument;

const traceText = "time,partitionKey,size\n0,a,100\n0.5,b,200\n";

describe("ExperimentDocument is the format the parser accepts", () => {
  it("types the sections the hand-written types lacked", () => {
    expectTypeOf(everySection).toExtend<ExperimentDocument>();
    expectTypeOf<WorkloadDocument>().toHaveProperty("kpl");
    expectTypeOf<WorkloadDocument>().toHaveProperty("trace");
    expectTypeOf<WorkloadDocument>().toHaveProperty("bursts");
    expectTypeOf<ExperimentDocument["stream"]>().toHaveProperty("autoscaling");
  });

  it("refuses a misspelled key at compile time, as the parser does at run time", () => {
    const misspelled = {
      duration: "30s",
      stream: { shards: 1 },
      // @ts-expect-error: `kpll` is not a producer key
      producers: [{ name: "p", rate: 1, kpll: {} }],
    } satisfies ExperimentDocument;
    expect(() => parseExperimentText(JSON.stringify(misspelled))).toThrow(/kpll/);
  });

  it("a document that type-checks also parses, with every section kept", () => {
    const config = parseExperimentText(JSON.stringify(everySection), {
      readTrace: () => traceText,
    });
    const [kpl, replay] = config.producers;
    expect(kpl?.kpl).toBeDefined();
    expect(kpl?.bursts?.onFactor).toBe(3);
    expect(replay?.name).toBe("replay");
    expect(config.stream.autoscaling?.maxShards).toBe(8);
  });
});
