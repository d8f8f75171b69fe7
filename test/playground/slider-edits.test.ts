import { describe, expect, it } from "vitest";
import { parseExperimentText } from "../../src/experiment/config/parse-experiment.js";
import { experimentDocument } from "../../src/playground/experiment-document.js";
import { bundledTraceReader, runInBrowser } from "../../src/playground/run-in-browser.js";
import { sliderEdits, sliderOverrides } from "../../src/playground/slider-edits.js";
import { type SliderValues, sliderStart } from "../../src/playground/slider-start.js";
import { editYamlText } from "../../src/playground/yaml-text-edits.js";
import { lessonText, lessonTexts, traceTexts } from "./lesson-files.js";

function docOf(text: string): Record<string, unknown> {
  const doc = experimentDocument(text);
  if (doc === undefined) throw new Error("not a YAML mapping");
  return doc;
}

function parseWith(text: string, values: Partial<SliderValues>) {
  const doc = docOf(text);
  const overrides = sliderOverrides(doc, { ...sliderStart(doc).values, ...values });
  const config = parseExperimentText(text, {
    fileName: "experiments/test.yaml",
    overrides,
    readTrace: bundledTraceReader(traceTexts()),
  });
  return { overrides, config };
}

const TWO_PRODUCERS = `
duration: 1m
stream: { shards: 3 }
producers:
  - { name: flat, rate: 1000, keys: { distribution: uniform, cardinality: 50 } }
  - { name: text, rate: 600/min }
  - name: steps
    rate: [{ at: 0s, rate: 100 }, { at: 30s, rate: 300, ramp: true }]
consumers:
  - { name: fan, mode: efo }
  - { name: poll-a }
  - { name: poll-b, mode: polling, pollInterval: 500ms }
`;

describe("sliders as --set assignments", () => {
  it("reads the experiment's own positions: shards, hot-key share, polling applications", () => {
    expect(sliderStart(docOf(TWO_PRODUCERS))).toEqual({
      values: { shards: 3, rateFactor: 1, hotKeyShare: 0, pollingConsumers: 2 },
      blocked: {},
    });
    expect(sliderStart(docOf(lessonText("hot-key.yaml"))).values.hotKeyShare).toBe(0.3);
    // An on-demand stream without a shard count starts at the profile's 4 (kinesis-facts.md §6).
    expect(sliderStart(docOf("stream: { mode: on-demand }")).values.shards).toBe(4);
  });

  it("blocks a slider that cannot show the document's value, saying why", () => {
    const mixed = TWO_PRODUCERS.replace(
      "{ name: text, rate: 600/min }",
      "{ name: text, rate: 600/min, keys: { distribution: hotShare, share: 0.25, cardinality: 9 } }",
    );
    expect(sliderStart(docOf(mixed)).blocked).toEqual({
      hotKeyShare:
        "the producers put different shares on hot keys (flat: 0 %, text: 25 %, steps: 0 %); edit them in the YAML",
    });
    const odd =
      "producers: [{ name: a, rate: 5, keys: { distribution: hotShare, share: 0.375, cardinality: 50 } }]";
    expect(sliderStart(docOf(odd)).blocked.hotKeyShare).toBe(
      "the hot-key share 0.375 is not a whole percent; edit it in the YAML",
    );
    expect(sliderStart(docOf("stream: { shards: two }")).blocked.shards).toBe(
      "stream.shards is two, not a whole number ≥ 1",
    );
    expect(sliderStart(docOf(lessonText("trace-replay.yaml"))).blocked.hotKeyShare).toMatch(
      /^no producer draws partition keys/,
    );
    expect(Object.keys(sliderStart(undefined).blocked)).toHaveLength(4);
  });

  it("changes nothing while the sliders stand where the experiment has them", () => {
    const doc = docOf(TWO_PRODUCERS);
    expect(sliderOverrides(doc, sliderStart(doc).values)).toEqual([]);
  });

  it("sets the shard count", () => {
    const { overrides, config } = parseWith(TWO_PRODUCERS, { shards: 12 });
    expect(overrides).toEqual(["stream.shards=12"]);
    expect(config.stream.shards).toBe(12);
  });

  it("multiplies numbers, N/min texts and every point of a rate profile", () => {
    const { overrides, config } = parseWith(TWO_PRODUCERS, { rateFactor: 1.5 });
    expect(overrides).toEqual([
      "producers[0].rate=1500",
      "producers[1].rate=900/min",
      "producers[2].rate=[ { at: 0s, rate: 150 }, { at: 30s, rate: 450, ramp: true } ]",
    ]);
    expect(config.producers[0]?.rate).toBe(1500);
    expect(config.producers[1]?.rate).toBe(15);
    expect(config.producers[2]?.rate).toEqual([
      { atUs: 0, rate: 150 },
      { atUs: 30_000_000, rate: 450, ramp: true },
    ]);
  });

  it("multiplies a daily curve's peak and trough, keeping its peak time", () => {
    const { config } = parseWith(lessonText("diurnal.yaml"), { rateFactor: 0.5 });
    expect(config.producers[0]?.rate).toEqual({
      daily: { peak: 3500, trough: 500, peakAtUs: 14 * 3600 * 1_000_000 },
    });
  });

  it("multiplies every hour of an hourly profile", () => {
    const { config } = parseWith(lessonText("peak-hours.yaml"), { rateFactor: 0.5 });
    const rate = config.producers[0]?.rate as { hourly: number[] };
    expect(rate.hourly).toHaveLength(24);
    expect(rate.hourly[0]).toBe(300);
    expect(rate.hourly[9]).toBe(1500);
  });

  it("rounds away binary noise in the multiplied rates", () => {
    const { overrides } = parseWith(TWO_PRODUCERS, { rateFactor: 1.1 });
    expect(overrides[0]).toBe("producers[0].rate=1100");
  });

  it("scales a replayed trace's volume instead of a rate", () => {
    const text = lessonText("trace-replay.yaml");
    const { overrides } = parseWith(text, { rateFactor: 2 });
    expect(overrides).toEqual(["producers[0].trace.volumeScale=2"]);
    const once = runInBrowser(
      { id: 1, text, fileName: "experiments/trace-replay.yaml" },
      traceTexts(),
    );
    const doc = docOf(text);
    const edited = editYamlText(
      text,
      sliderEdits(doc, { ...sliderStart(doc).values, rateFactor: 2 }),
    );
    const twice = runInBrowser(
      { id: 2, text: edited, fileName: "experiments/trace-replay.yaml" },
      traceTexts(),
    );
    if (once.kind !== "done" || twice.kind !== "done") throw new Error("runs failed");
    const ratio = twice.result.records.offered / once.result.records.offered;
    expect(ratio).toBeGreaterThan(1.9);
    expect(ratio).toBeLessThan(2.1);
  });

  it("scales a CloudWatch export's volume, multiplying its own volumeScale", () => {
    const text = lessonText("cloudwatch-replay.yaml").replace(
      "      within: poisson",
      "      within: poisson\n      volumeScale: 0.5",
    );
    expect(parseWith(text, { rateFactor: 3 }).overrides).toEqual([
      "producers[0].cloudwatch.volumeScale=1.5",
    ]);
  });

  it("gives every producer that draws keys one hot key among the keys it had", () => {
    const { overrides, config } = parseWith(TWO_PRODUCERS, { hotKeyShare: 0.35 });
    expect(overrides).toHaveLength(3);
    // flat had 50 keys; the others drew from the default 1,000.
    expect(overrides[0]).toBe(
      "producers[0].keys={ distribution: hotShare, share: 0.35, hotKeys: 1, cardinality: 50 }",
    );
    expect(overrides[1]).toBe(
      "producers[1].keys={ distribution: hotShare, share: 0.35, hotKeys: 1, cardinality: 1000 }",
    );
    for (const producer of config.producers) {
      expect(producer.keys).toMatchObject({ distribution: "hotShare", share: 0.35, hotKeys: 1 });
    }
  });

  it("changes only the share of a hot key the experiment already has; at 0, the same keys evenly", () => {
    const text = lessonText("hot-key.yaml");
    expect(parseWith(text, { hotKeyShare: 0.5 }).overrides).toEqual([
      "producers[0].keys.share=0.5",
    ]);
    const { overrides, config } = parseWith(text, { hotKeyShare: 0 });
    expect(overrides).toEqual(["producers[0].keys={ distribution: uniform, cardinality: 50000 }"]);
    expect(config.producers[0]?.keys).toMatchObject({
      distribution: "uniform",
      cardinality: 50000,
    });
  });

  it("leaves a record trace's own keys alone", () => {
    expect(parseWith(lessonText("trace-replay.yaml"), { hotKeyShare: 0.5 }).overrides).toEqual([]);
  });

  it("adds plain polling readers and removes polling applications from the end, keeping EFO", () => {
    const more = parseWith(TWO_PRODUCERS, { pollingConsumers: 4 }).config.consumers;
    expect(more.map((c) => [c.name, c.mode])).toEqual([
      ["fan", "efo"],
      ["poll-a", "polling"],
      ["poll-b", "polling"],
      ["reader-4", "polling"],
      ["reader-5", "polling"],
    ]);
    const fewer = parseWith(TWO_PRODUCERS, { pollingConsumers: 1 }).config.consumers;
    expect(fewer.map((c) => c.name)).toEqual(["fan", "poll-a"]);
    expect(parseWith(TWO_PRODUCERS, { pollingConsumers: 0 }).config.consumers).toHaveLength(1);
  });

  it("gives valid experiments for every lesson with every slider moved", () => {
    for (const [file, text] of lessonTexts()) {
      const base = sliderStart(docOf(text)).values;
      const moved = {
        shards: base.shards + 2,
        rateFactor: 0.75,
        hotKeyShare: 0.2,
        pollingConsumers: base.pollingConsumers + 1,
      };
      expect(() => parseWith(text, moved), file).not.toThrow();
    }
  });
});
