import { describe, expect, it } from "vitest";
import { compareResults } from "../../../src/experiment/compare/compare-results.js";
import type { RunResult } from "../../../src/experiment/run/result-types.js";
import { runText } from "../../helpers/experiment.js";

const run = (consumers: string[]): RunResult =>
  runText(`
seed: 1
duration: 10s
stream: { shards: 1 }
producers:
  - { name: app, rate: 20, keys: { distribution: uniform, cardinality: 100 } }
consumers:
${consumers.map((c) => `  - ${c}`).join("\n")}
`);

const polling = "{ name: store, pollInterval: 1s, startAt: TRIM_HORIZON }";
const efo = "{ name: push, mode: efo, startAt: TRIM_HORIZON }";

/** The note that says whose records the headline's latency rows are, if any. */
const whose = (a: RunResult, b: RunResult) =>
  compareResults(a, b).notes.filter((note) => note.startsWith("latency"));

describe("compare: the headline's latency rows say whose records they are", () => {
  it("the same single application in both runs: its name", () => {
    const one = run([polling]);
    expect(whose(one, one)).toEqual(["latency: the records store received, in both runs"]);
  });

  it("several applications on either side: pooled, each application's in its own rows", () => {
    const two = run([polling, efo]);
    expect(whose(two, two)).toEqual([
      "latency rows pool all 2 applications' records; each one's are below",
    ]);
    expect(whose(run([polling]), two)).toEqual([
      "latency rows pool all 1 and 2 applications' records; each one's are below",
    ]);
  });

  it("one application each but not the same one: both named", () => {
    expect(whose(run([polling]), run([efo]))).toEqual([
      "latency: the records store received in A, push in B",
    ]);
  });

  it("no application on either side: no note (there is no latency)", () => {
    const none = runText(
      "seed: 1\nduration: 5s\nstream: { shards: 1 }\nproducers:\n  - { name: app, rate: 20 }\n",
    );
    expect(whose(none, none)).toEqual([]);
  });
});
