import { describe, expect, it } from "vitest";
import { parseExperimentText } from "../../src/experiment/config/parse-experiment.js";
import { experimentDocument } from "../../src/playground/experiment-document.js";
import { assignmentText } from "../../src/playground/field-edit.js";
import { bundledTraceReader } from "../../src/playground/run-in-browser.js";
import { sliderEdits } from "../../src/playground/slider-edits.js";
import { type SliderValues, sliderStart } from "../../src/playground/slider-start.js";
import { editYamlText } from "../../src/playground/yaml-text-edits.js";
import { lessonText, lessonTexts, traceTexts } from "./lesson-files.js";

const readTrace = bundledTraceReader(traceTexts());

function parse(text: string, overrides: readonly string[] = []) {
  return parseExperimentText(text, { fileName: "experiments/x.yaml", overrides, readTrace });
}

/**
 * Every slider moved from where the lesson has it (a blocked one makes no edit). One more
 * polling reader, not one fewer: lessons stop and start their consumers by name.
 */
function moved(start: SliderValues): SliderValues {
  return {
    shards: start.shards + 3,
    rateFactor: 1.75,
    hotKeyShare: start.hotKeyShare === 0.2 ? 0.45 : 0.2,
    pollingConsumers: start.pollingConsumers + 1,
  };
}

describe("slider edits written into the YAML text", () => {
  it("give, for every lesson, the experiment the command line gets with the same --set", () => {
    for (const [file, text] of lessonTexts()) {
      const doc = experimentDocument(text);
      const edits = sliderEdits(doc, moved(sliderStart(doc).values));
      expect(edits.length, file).toBeGreaterThan(0);
      const edited = editYamlText(text, edits);
      expect(parse(edited), file).toEqual(parse(text, edits.map(assignmentText)));
    }
  });

  it("keep every comment, and the sliders loaded from the edited text stand where they were moved", () => {
    for (const [file, text] of lessonTexts()) {
      const doc = experimentDocument(text);
      const start = sliderStart(doc);
      const values = moved(start.values);
      const edited = editYamlText(text, sliderEdits(doc, values));
      const comments = (t: string) =>
        t.split("\n").filter((line) => line.trimStart().startsWith("#"));
      expect(comments(edited), file).toEqual(comments(text));
      const again = sliderStart(experimentDocument(edited));
      // The rate slider starts at ×1 on any text: the multiplied rates are now what it says.
      for (const name of ["shards", "hotKeyShare", "pollingConsumers"] as const) {
        const expected = start.blocked[name] === undefined ? values[name] : start.values[name];
        expect(again.values[name], `${file} ${name}`).toBe(expected);
      }
    }
  });

  it("change only the lines of the moved fields", () => {
    const text = lessonText("quickstart.yaml");
    const doc = experimentDocument(text);
    const start = sliderStart(doc).values;
    const edited = editYamlText(text, sliderEdits(doc, { ...start, shards: 6, rateFactor: 2 }));
    const before = text.split("\n");
    const after = edited.split("\n");
    expect(after).toHaveLength(before.length);
    const changed = after.filter((line, i) => line !== before[i]);
    expect(changed).toEqual(["  shards: 6", "    rate: 6000"]);
  });

  it("add a polling reader as a block entry beside the ones written", () => {
    const text = lessonText("quickstart.yaml");
    const doc = experimentDocument(text);
    const start = sliderStart(doc).values;
    const edited = editYamlText(text, sliderEdits(doc, { ...start, pollingConsumers: 2 }));
    expect(edited).toBe(`${text}  - name: reader-2\n    mode: polling\n`);
  });

  it("drop polling applications from the written list, keeping the enhanced fan-out ones", () => {
    const text = lessonText("five-polling-apps-vs-efo.yaml");
    const doc = experimentDocument(text);
    const edits = sliderEdits(doc, { ...sliderStart(doc).values, pollingConsumers: 0 });
    const config = parse(editYamlText(text, edits));
    expect(config).toEqual(parse(text, edits.map(assignmentText)));
    expect(config.consumers.map((consumer) => consumer.name)).toEqual([
      "efo-1",
      "efo-2",
      "efo-3",
      "efo-4",
      "efo-5",
    ]);
  });

  it("leave the text as it is when nothing moved", () => {
    const text = lessonText("hot-key.yaml");
    expect(editYamlText(text, [])).toBe(text);
  });
});
