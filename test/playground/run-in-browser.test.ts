import { describe, expect, it } from "vitest";
import type { RunResult } from "../../src/experiment/run/result-types.js";
import { equivalentCommand, shellWord } from "../../src/playground/cli-command.js";
import { experimentDocument } from "../../src/playground/experiment-document.js";
import { assignmentText } from "../../src/playground/field-edit.js";
import { runInBrowser } from "../../src/playground/run-in-browser.js";
import { sliderEdits } from "../../src/playground/slider-edits.js";
import { sliderStart } from "../../src/playground/slider-start.js";
import { editYamlText } from "../../src/playground/yaml-text-edits.js";
import { kinesim } from "../helpers/cli.js";
import { lessonText, traceTexts } from "./lesson-files.js";

function withoutWallTime(result: RunResult): unknown {
  return { ...result, engine: { ...result.engine, wallMs: 0 } };
}

function run(text: string, fileName = "experiments/x.yaml") {
  return runInBrowser({ id: 7, text, fileName }, traceTexts());
}

describe("a playground run", () => {
  it("runs the slider-edited text as the command line runs the lesson with the same --set assignments", () => {
    const text = lessonText("cloudwatch-replay.yaml");
    const doc = experimentDocument(text);
    const base = sliderStart(doc).values;
    const edits = sliderEdits(doc, {
      ...base,
      shards: 3,
      rateFactor: 1.25,
      hotKeyShare: 0.3,
      pollingConsumers: base.pollingConsumers + 1,
    });
    const overrides = edits.map(assignmentText);
    expect(overrides).toHaveLength(4);
    const answer = run(editYamlText(text, edits), "experiments/cloudwatch-replay.yaml");
    if (answer.kind !== "done") throw new Error(`the run failed: ${JSON.stringify(answer)}`);
    const args = ["run", "experiments/cloudwatch-replay.yaml"];
    for (const assignment of overrides) args.push("--set", assignment);
    const cli = kinesim([...args, "--json"]);
    expect(cli.stderr).toBe("");
    expect(cli.status).toBe(0);
    expect(withoutWallTime(answer.result)).toEqual(withoutWallTime(JSON.parse(cli.stdout)));
    expect(answer.result.throttleRate).toBeGreaterThan(0);
  });

  it("answers with the report's charts, each named for pages and tests", () => {
    const answer = run(lessonText("split-hot-shard.yaml"));
    if (answer.kind !== "done") throw new Error("the run failed");
    expect(answer.id).toBe(7);
    expect(answer.figures.map((figure) => figure.name)).toEqual(
      expect.arrayContaining(["shard-incoming", "throttled", "shard-lineage", "latency-cdf"]),
    );
    for (const figure of answer.figures) {
      expect(figure.svg).toContain(`data-chart="${figure.name}"`);
    }
  });

  it("answers a YAML mistake with its line and column, not an exception", () => {
    expect(run("duration: 1m\nstream: [", "experiments/broken.yaml")).toMatchObject({
      kind: "user-error",
      message: expect.stringMatching(/^experiments\/broken\.yaml:2:\d+: /),
    });
  });

  it("answers a bad value in the text with its path", () => {
    const answer = run(lessonText("hot-key.yaml").replace("shards: 8", "shards: 0"));
    expect(answer).toMatchObject({
      kind: "user-error",
      message: expect.stringContaining("stream.shards"),
    });
  });

  it("refuses a trace that is not bundled, naming the ones that are", () => {
    const text = lessonText("trace-replay.yaml").replace(
      "file: traces/clickstream.csv",
      "file: traces/mine.csv",
    );
    const answer = run(text);
    expect(answer.kind).toBe("user-error");
    if (answer.kind !== "user-error") return;
    expect(answer.message).toContain("traces/mine.csv");
    expect(answer.message).toContain("traces/clickstream.csv");
  });
});

describe("the equivalent command", () => {
  it("quotes only the words that need it", () => {
    expect(shellWord("stream.shards=8")).toBe("stream.shards=8");
    expect(shellWord("producers[0].rate=[ { at: 0s, rate: 5 } ]")).toBe(
      "'producers[0].rate=[ { at: 0s, rate: 5 } ]'",
    );
    expect(shellWord("consumers=[ { name: it's } ]")).toBe("'consumers=[ { name: it'\\''s } ]'");
  });

  it("is kinesim run with one --set per assignment", () => {
    expect(equivalentCommand("experiments/hot-key.yaml", ["stream.shards=16"])).toBe(
      "npx kinesim run experiments/hot-key.yaml --set stream.shards=16",
    );
  });
});
