import { describe, expect, it } from "vitest";
import { SWEEP_METRICS } from "../../../src/experiment/sweep/run-metrics.js";
import { summarizeSweep, sweepIdentity } from "../../../src/experiment/sweep/sweep-output.js";
import { mergePartials, parsePartition } from "../../../src/experiment/sweep/sweep-partial.js";
import {
  partitionRuns,
  planSweep,
  replicationSeed,
  runOverrides,
} from "../../../src/experiment/sweep/sweep-plan.js";
import { parseVary } from "../../../src/experiment/sweep/vary.js";
import { UserError } from "../../../src/experiment/user-error.js";

const plan = planSweep({
  name: "t",
  experimentText: "duration: 1m",
  fixedOverrides: [],
  masterSeed: 42,
  replications: 3,
  vary: [parseVary("stream.shards=2,4"), parseVary("producers[0].rate=100,200,300")],
});

describe("parseVary", () => {
  it("splits on top-level commas only", () => {
    expect(parseVary("a.b=[x,y],{k: 1, j: 2},z").values).toEqual(["[x,y]", "{k: 1, j: 2}", "z"]);
  });
  it("rejects a missing path, an empty value and a repeated value", () => {
    expect(() => parseVary("=1,2")).toThrow(UserError);
    expect(() => parseVary("a=1,,2")).toThrow(UserError);
    expect(() => parseVary("a=1,1")).toThrow(UserError);
  });
});

describe("planSweep", () => {
  it("builds the grid with the first --vary slowest, replications innermost", () => {
    expect(plan.points.map((point) => point.values.join("/"))).toEqual([
      "2/100",
      "2/200",
      "2/300",
      "4/100",
      "4/200",
      "4/300",
    ]);
    expect(plan.runs).toHaveLength(18);
    expect(runOverrides(plan, plan.runs[4] as (typeof plan.runs)[number])).toEqual([
      "stream.shards=2",
      "producers[0].rate=200",
      `seed=${replicationSeed(42, 1)}`,
    ]);
  });

  it("uses the same seed for a replication at every point (common random numbers)", () => {
    for (let r = 0; r < 3; r++) {
      const seeds = new Set(
        plan.runs.filter((run) => run.replication === r).map((run) => run.seed),
      );
      expect(seeds.size).toBe(1);
    }
    expect(new Set(plan.runs.map((run) => run.seed)).size).toBe(3);
    expect(Number.isSafeInteger(replicationSeed(42, 0))).toBe(true);
  });

  it("partitions the runs into disjoint slices that cover them all", () => {
    const slices = [0, 1, 2, 3].map((i) => partitionRuns(plan, i, 4).map((run) => run.index));
    expect(slices.flat().sort((a, b) => a - b)).toEqual(plan.runs.map((run) => run.index));
  });

  it("rejects bad partitions", () => {
    expect(parsePartition("1/4")).toEqual({ index: 1, count: 4 });
    for (const bad of ["4/4", "a/b", "1", "-1/2", "0/0"])
      expect(() => parsePartition(bad)).toThrow(UserError);
  });
});

describe("merging partial outputs", () => {
  const identity = sweepIdentity(plan);
  const vector = (index: number) => SWEEP_METRICS.map((_, m) => index * 100 + m);
  const partial = (i: number, n: number) => ({
    kind: "kinesim-sweep-partial",
    sweep: identity,
    partition: { index: i, count: n },
    runs: partitionRuns(plan, i, n).map((run) => ({
      index: run.index,
      metrics: vector(run.index),
    })),
  });

  it("gives exactly the summary of the whole, in any file order", () => {
    const whole = summarizeSweep(
      identity,
      plan.runs.map((run) => vector(run.index)),
    );
    const merged = mergePartials([
      { file: "b", partial: partial(1, 2) },
      { file: "a", partial: partial(0, 2) },
    ]);
    expect(JSON.stringify(summarizeSweep(merged.identity, merged.runMetrics))).toBe(
      JSON.stringify(whole),
    );
  });

  it("rejects a missing partition, a duplicate, another sweep, and junk", () => {
    expect(() => mergePartials([{ file: "a", partial: partial(0, 2) }])).toThrow(/missing/);
    expect(() =>
      mergePartials([
        { file: "a", partial: partial(0, 2) },
        { file: "b", partial: partial(0, 2) },
      ]),
    ).toThrow(/two partial/);
    const other = { ...partial(1, 2), sweep: { ...identity, masterSeed: 1 } };
    expect(() =>
      mergePartials([
        { file: "a", partial: partial(0, 2) },
        { file: "b", partial: other },
      ]),
    ).toThrow(/different sweep/);
    expect(() => mergePartials([{ file: "a", partial: { hello: 1 } }])).toThrow(/not a partial/);
  });
});
