import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseExperimentText } from "../../src/experiment/config/parse-experiment.js";
import { UserError } from "../../src/experiment/config/user-error.js";
import { experimentDocument } from "../../src/playground/experiment-document.js";
import { assignmentText } from "../../src/playground/field-edit.js";
import { bundledTraceReader } from "../../src/playground/run-in-browser.js";
import { sliderEdits } from "../../src/playground/slider-edits.js";
import { sliderStart } from "../../src/playground/slider-start.js";
import { editYamlText } from "../../src/playground/yaml-text-edits.js";
import { lessonTexts, traceTexts } from "./lesson-files.js";

const readTrace = bundledTraceReader(traceTexts());
const LESSONS = [...lessonTexts().values()];

/** The config, or the fact that the text was refused (a UserError; anything else is a bug). */
function outcome(text: string, overrides: readonly string[] = []): unknown {
  try {
    return parseExperimentText(text, { fileName: "experiments/x.yaml", overrides, readTrace });
  } catch (error) {
    if (error instanceof UserError) return "refused";
    throw error;
  }
}

describe("slider edits, fuzzed", () => {
  it("make, at any position on any lesson, the run the command line makes with the same --set", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LESSONS),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 16 }).map((quarters) => quarters / 4),
        fc.integer({ min: 0, max: 100 }).map((percent) => percent / 100),
        // More polling readers, never fewer: lessons stop and start their consumers by name.
        fc.integer({ min: 0, max: 4 }),
        (text, shards, rateFactor, hotKeyShare, extraReaders) => {
          const doc = experimentDocument(text);
          const start = sliderStart(doc).values;
          const values = {
            shards,
            rateFactor,
            hotKeyShare,
            pollingConsumers: start.pollingConsumers + extraReaders,
          };
          const edits = sliderEdits(doc, values);
          expect(outcome(editYamlText(text, edits))).toEqual(
            outcome(text, edits.map(assignmentText)),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it("read any document without throwing, and a slider left at its start changes nothing", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (doc) => {
        const start = sliderStart(doc);
        expect(sliderEdits(doc, start.values)).toEqual([]);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        const doc = experimentDocument(text);
        expect(sliderEdits(doc, sliderStart(doc).values)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
