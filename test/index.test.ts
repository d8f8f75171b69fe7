import { describe, expect, it } from "vitest";
import * as isomorphic from "../src/index.js";
import { evenSplit, md5HashKey, parseExperimentText, simulate } from "../src/index.js";
import * as node from "../src/node.js";
import { loadExperimentFile, sweepExperimentFile } from "../src/node.js";
import { kinesim } from "./helpers/cli.js";

describe("library entry", () => {
  it("simulate() on a parsed experiment returns the result object", () => {
    const config = parseExperimentText(
      "duration: 30s\nstream: { shards: 2 }\nproducers: [{ name: p, rate: 2500 }]\n",
    );
    const result = simulate(config);
    expect(result.durationSeconds).toBe(30);
    expect(result.records.offered).toBeGreaterThan(60_000);
    // 2,500 records/s into 2 shards of 1,000 records/s: about a fifth must be refused.
    expect(result.records.dropped / result.records.offered).toBeGreaterThan(0.1);
  });

  it("simulate() on the shipped hot-key experiment throttles exactly one shard", () => {
    const result = simulate(loadExperimentFile("experiments/hot-key.yaml"));
    expect(result.shards.filter((shard) => shard.throttledAttempts > 0)).toHaveLength(1);
  });

  it("re-exports the hashing primitives", () => {
    expect(evenSplit(2)).toHaveLength(2);
    expect(md5HashKey("")).toBe(0xd41d8cd98f00b204e9800998ecf8427en);
  });

  it("kinesim/node offers everything kinesim does, the same functions, plus files and sweeps", () => {
    const nodeExports = new Map(Object.entries(node));
    for (const [name, value] of Object.entries(isomorphic)) {
      expect(nodeExports.get(name), name).toBe(value);
    }
    expect(
      Object.keys(node)
        .filter((name) => !(name in isomorphic))
        .sort(),
    ).toEqual(["loadExperimentFile", "sweepExperimentFile", "sweepPartitionOfFile"]);
  });

  it("sweepExperimentFile gives what kinesim sweep --json prints", async () => {
    const args = ["experiments/quickstart.yaml", "--vary", "stream.shards=2,4", "--workers", "1"];
    const fromCli = kinesim(["sweep", ...args, "--json"]);
    expect(fromCli.status).toBe(0);
    const fromLibrary = await sweepExperimentFile("experiments/quickstart.yaml", {
      vary: ["stream.shards=2,4"],
      workers: 1,
    });
    expect(fromLibrary).toEqual(JSON.parse(fromCli.stdout));
  });
});
