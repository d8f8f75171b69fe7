import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/experiment/config/user-error.js";
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
import { VERSION } from "../../../src/version.js";

const inputs = {
  experimentText: "duration: 1m",
  fixedOverrides: [] as string[],
  files: new Map<string, string>(),
  version: VERSION,
};

const plan = planSweep({
  name: "t",
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
  const identity = sweepIdentity(plan, inputs);
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

describe("a sweep's identity", () => {
  const hash = (changes: Partial<typeof inputs>) =>
    sweepIdentity(plan, { ...inputs, ...changes }).experimentHash;

  it("covers the experiment, --set, every file's text and kinesim's version", () => {
    const base = hash({ files: new Map([["traces/a.csv", "time,size\n0,100\n"]]) });
    expect(hash({ files: new Map([["traces/a.csv", "time,size\n0,100\n"]]) })).toBe(base);
    expect(hash({ files: new Map([["traces/a.csv", "time,size\n0,101\n"]]) })).not.toBe(base);
    expect(hash({ files: new Map([["traces/b.csv", "time,size\n0,100\n"]]) })).not.toBe(base);
    expect(hash({})).not.toBe(base);
    expect(hash({ version: "0.0.0-other" })).not.toBe(hash({}));
    expect(hash({ fixedOverrides: ["seed=2"] })).not.toBe(hash({}));
    expect(hash({ experimentText: "duration: 2m" })).not.toBe(hash({}));
  });

  it("does not depend on the order the files were read in", () => {
    const ab = new Map([
      ["a", "1"],
      ["b", "2"],
    ]);
    const ba = new Map([
      ["b", "2"],
      ["a", "1"],
    ]);
    expect(hash({ files: ab })).toBe(hash({ files: ba }));
  });
});

describe("merge checks a partial's whole shape before using it", () => {
  const identity = sweepIdentity(plan, inputs);
  const vector = () => SWEEP_METRICS.map(() => 1);
  const partial = (i: number, n: number) => ({
    kind: "kinesim-sweep-partial",
    sweep: identity,
    partition: { index: i, count: n },
    runs: partitionRuns(plan, i, n).map((run) => ({ index: run.index, metrics: vector() })),
  });
  const merge = (edited: unknown) => () =>
    mergePartials([
      { file: "part-0.json", partial: partial(0, 2) },
      { file: "part-1.json", partial: edited },
    ]);

  it("refuses a metric vector of the wrong length (was a table of NaN)", () => {
    const short = partial(1, 2);
    short.runs[2] = { index: short.runs[2]?.index as number, metrics: vector().slice(1) };
    expect(merge(short)).toThrow(
      `part-1.json: not a partial sweep output (make one with kinesim sweep --partition i/n): runs[2].metrics: expected ${SWEEP_METRICS.length} numbers (one per sweep metric)`,
    );
    const long = partial(1, 2);
    long.runs[0] = { index: long.runs[0]?.index as number, metrics: [...vector(), 5] };
    expect(merge(long)).toThrow(/part-1\.json: .*runs\[0\]\.metrics: expected 22 numbers/);
  });

  it("refuses a metric that is not a finite number", () => {
    const nulls = partial(1, 2);
    (nulls.runs[0]?.metrics as unknown[])[3] = null;
    expect(merge(nulls)).toThrow(/part-1\.json: .*runs\[0\]\.metrics\[3\]: expected a number/);
  });

  it("refuses a negative metric, or one too large to average (was a table of Infinity)", () => {
    const negative = partial(1, 2);
    (negative.runs[0]?.metrics as number[])[0] = -5;
    expect(merge(negative)).toThrow(
      /part-1\.json: .*runs\[0\]\.metrics\[0\]: expected a number from 0 to 2\^53, got -5$/,
    );
    const huge = partial(1, 2);
    (huge.runs[1]?.metrics as number[])[2] = 1.7e308;
    expect(merge(huge)).toThrow(/runs\[1\]\.metrics\[2\]: expected a number from 0 to 2\^53/);
  });

  it("refuses vary.values that is not a list (was a TypeError)", () => {
    const edited = partial(1, 2);
    const sweep = { ...identity, vary: [{ path: "stream.shards", values: "2,4" }] };
    expect(merge({ ...edited, sweep })).toThrow(
      /part-1\.json: .*sweep\.vary\[0\]\.values: expected a list, got "2,4"/,
    );
    expect(() => mergePartials([{ file: "part-1.json", partial: { ...edited, sweep } }])).toThrow(
      UserError,
    );
  });

  it("refuses a partial made by another kinesim version", () => {
    const other = { ...partial(1, 2), sweep: { ...identity, version: "0.0.1-fake" } };
    expect(merge(other)).toThrow(
      `part-1.json: sweep.version: made by kinesim "0.0.1-fake", this is kinesim ${VERSION}`,
    );
  });

  it("refuses numbers that disagree with the plan", () => {
    expect(merge({ ...partial(1, 2), sweep: { ...identity, totalRuns: 19 } })).toThrow(
      /part-1\.json: sweep\.totalRuns: is 19, but the grid times the replications makes 18/,
    );
    const stray = partial(1, 2);
    stray.runs[0] = { index: 0, metrics: vector() };
    expect(merge(stray)).toThrow(/part-1\.json: runs\[0\]\.index: run 0 is not in partition 1\/2/);
    expect(merge({ ...partial(1, 2), partition: { index: 2, count: 2 } })).toThrow(
      /part-1\.json: partition\.index: expected less than partition\.count/,
    );
    expect(merge({ ...partial(1, 2), extra: true })).toThrow(/part-1\.json: .*unknown key "extra"/);
  });
});
