import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { INIT_TEMPLATE } from "../../../src/experiment/config/init-template.js";
import { experimentJsonSchema } from "../../../src/experiment/config/json-schema.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";

type Schema = {
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
};

describe("INIT_TEMPLATE", () => {
  it("loads without error and says what the brief asks", () => {
    const config = parseExperimentText(INIT_TEMPLATE, { fileName: "experiment.yaml" });
    expect(config.durationUs).toBe(120_000_000);
    expect(config.stream.shards).toBe(2);
    expect(config.producers).toHaveLength(1);
    expect(config.producers[0]).toMatchObject({
      rate: 1500,
      arrival: "poisson",
      recordSize: { distribution: "fixed", bytes: 1000 },
      keys: { distribution: "uniform" },
    });
    expect(config.consumers.map((c) => c.mode)).toEqual(["polling", "efo"]);
  });

  it("writes out every key of the file format, each with a comment", () => {
    const schema = experimentJsonSchema() as Schema;
    const doc = parse(INIT_TEMPLATE) as Record<string, unknown>;
    const top = schema.properties ?? {};
    // Every top-level key set, but for an optional one shown commented out (startTime).
    const commentedTop = new Set([...INIT_TEMPLATE.matchAll(/^# (\w+):/gm)].map((m) => m[1]));
    expect(Object.keys(doc).sort()).toEqual(
      Object.keys(top)
        .filter((key) => !commentedTop.has(key))
        .sort(),
    );
    expect([...commentedTop]).toEqual(["startTime"]);
    const keysOf = (s: Schema | undefined) =>
      Object.keys(s?.items?.properties ?? s?.properties ?? {}).sort();
    const stream = doc.stream as Record<string, unknown>;
    const producer = (doc.producers as Record<string, unknown>[])[0] ?? {};
    // The keys of every consumer together (polling and enhanced fan-out take different ones).
    const consumer = Object.assign({}, ...(doc.consumers as Record<string, unknown>[]));
    // Optional features (autoscaling, KPL, KCL, bursts) are shown commented out, so that the
    // starter stays simple: every key appears either set or as a commented "# key:" line.
    const commented = new Set([...INIT_TEMPLATE.matchAll(/^\s*# (\w+):/gm)].map((m) => m[1]));
    const present = (given: Record<string, unknown>) => (key: string) =>
      key in given || commented.has(key);
    for (const key of keysOf(top.stream)) expect(present(stream)(key), `stream.${key}`).toBe(true);
    for (const key of keysOf(top.producers))
      expect(present(producer)(key), `producers[].${key}`).toBe(true);
    for (const key of keysOf(top.consumers))
      expect(present(consumer)(key), `consumers[].${key}`).toBe(true);
    for (const key of Object.keys(stream)) expect(keysOf(top.stream)).toContain(key);
    for (const line of INIT_TEMPLATE.split("\n")) {
      if (/^\s*[\w-]+:/.test(line) || /^\s*- name:/.test(line)) expect(line, line).toContain("#");
    }
  });
});
