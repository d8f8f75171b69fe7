import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type * as ExecuteSweep from "../../../src/experiment/sweep/execute-sweep.js";
import { planSweep } from "../../../src/experiment/sweep/sweep-plan.js";

// Worker threads run the built sweep-worker.js beside the built execute-sweep.js, so this
// test drives the build (`npm test` builds before it runs the tests).
const { executeRuns } = (await import(
  new URL("../../../dist/src/experiment/sweep/execute-sweep.js", import.meta.url).href
)) as typeof ExecuteSweep;

const fileName = "experiments/hot-key.yaml";
const source = {
  text: readFileSync(fileName, "utf8"),
  fileName,
  fixedOverrides: ["duration=5s"],
  readTrace: (file: string) => readFileSync(file, "utf8"),
  filesRead: new Map<string, string>(),
};

function plan(shardCounts: string[]) {
  return planSweep({
    name: "t",
    masterSeed: 1,
    replications: 1,
    vary: [{ path: "stream.shards", values: shardCounts }],
  });
}

describe("executeRuns: this thread and N − 1 worker threads", () => {
  it("gives every run the same metrics whatever the number of workers", async () => {
    const grid = plan(["2", "3", "4", "5", "6"]);
    const one = await executeRuns(source, grid, grid.runs, 1);
    for (const workers of [2, 3]) {
      const many = await executeRuns(source, grid, grid.runs, workers);
      expect([...many.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
      for (const [index, metrics] of one) expect(many.get(index)).toEqual(metrics);
    }
  });

  // A run that fails (here a shard count the schema refuses, which the sweep command would
  // have caught before running anything) stops the sweep with its error, wherever it ran.
  for (const bad of [0, 1, 2, 3]) {
    it(`stops with the error of a failing run at position ${bad}, with 2 and 3 workers`, async () => {
      const counts = ["2", "3", "4", "5"];
      counts[bad] = "0";
      const grid = plan(counts);
      for (const workers of [2, 3]) {
        await expect(executeRuns(source, grid, grid.runs, workers)).rejects.toThrow(
          /stream\.shards/,
        );
      }
    });
  }
});
