import { describe, expect, it } from "vitest";
import { kinesim } from "../helpers/cli.js";
import { kinesimInProcess } from "../helpers/cli-in-process.js";

// In this process (kinesimInProcess: the same main as the bundle's, without a node start-up
// per call), but for the readable report, which runs the built command as a user does.

async function planJson(args: string[]) {
  const run = await kinesimInProcess(["plan", ...args, "--json"]);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

describe("kinesim plan", () => {
  it("5,000 records/s of 2 KB: 10 shards, limited by bytes (AWS's sizing rule)", async () => {
    const plan = await planJson(["--records-per-second", "5000", "--record-size", "2KB"]);
    expect(plan.shards).toBe(10);
    expect(plan.limitingFactor).toBe("bytes");
  });

  it("5,000 records/s of 100 B: 5 shards, limited by records", async () => {
    const plan = await planJson(["--records-per-second", "5000", "--record-size", "100B"]);
    expect(plan).toMatchObject({ shards: 5, limitingFactor: "records" });
  });

  it("several polling consumers: reads bind; with --efo they do not", async () => {
    const args = ["--records-per-second", "5000", "--record-size", "2KB", "--consumers", "3"];
    expect(await planJson(args)).toMatchObject({ shards: 15, limitingFactor: "reads" });
    expect(await planJson([...args, "--efo"])).toMatchObject({
      shards: 10,
      limitingFactor: "bytes",
    });
  });

  it("--json has the contract's shape", async () => {
    const plan = await planJson([
      "--records-per-second",
      "1000",
      "--record-size",
      "1KB",
      "--retention",
      "200",
    ]);
    expect(Object.keys(plan).slice(0, 4)).toEqual([
      "shards",
      "limitingFactor",
      "provisioned",
      "onDemand",
    ]);
    for (const mode of [plan.provisioned, plan.onDemand]) {
      expect(Object.keys(mode)).toEqual(["monthlyUsd", "items"]);
      expect(typeof mode.monthlyUsd).toBe("number");
      for (const item of mode.items) {
        expect(Object.keys(item)).toEqual(["item", "quantity", "unit", "unitPriceUsd", "usd"]);
      }
      const sum = mode.items.reduce((total: number, item: { usd: number }) => total + item.usd, 0);
      expect(mode.monthlyUsd).toBeCloseTo(sum, 4);
    }
    expect(plan.provisioned.items.map((item: { item: string }) => item.item)).toContain(
      "long-term retention",
    );
  });

  it("--simulate checks the shard count: a small throttle rate and a p99 latency", async () => {
    const plan = await planJson([
      "--records-per-second",
      "5000",
      "--record-size",
      "2KB",
      "--simulate",
    ]);
    expect(plan.simulation.shards).toBe(10);
    expect(plan.simulation.throttleRate).toBeLessThan(0.01);
    expect(plan.simulation.latencyP99Ms).toBeGreaterThan(0);
  });

  it("prints a readable report within 80 columns", () => {
    const run = kinesim([
      "plan",
      "--records-per-second",
      "5000",
      "--record-size",
      "2KB",
      "--simulate",
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("limited by bytes");
    expect(run.stdout).toContain("simulated 2 min at 10 shards");
    for (const line of run.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
  });

  it.each([
    [
      ["--records-per-second", "fast", "--record-size", "2KB"],
      /--records-per-second: expected a positive number/,
    ],
    [
      ["--records-per-second", "5000", "--record-size", "2 furlongs"],
      /--record-size: expected a size/,
    ],
    [["--records-per-second", "5000"], /--record-size: required/],
    [["--records-per-second", "5000", "--record-size", "2KB", "--consumers", "-1"], /--consumers/],
    [["--records-per-second", "5000", "--record-size", "2KB", "--retention", "1h"], /--retention/],
    [["--records-per-second", "5000", "--record-size", "2KB", "--frobnicate"], /unknown option/],
    [
      ["--records-per-second", "1e300", "--record-size", "1KB"],
      /^kinesim: --records-per-second: expected at most 1,000,000,000 \(a million shards' worth\), got "1e300"$/m,
    ],
    [
      ["--records-per-second", "5000", "--record-size", "2KB", "--consumers", "9007199254740991"],
      /^kinesim: --consumers: expected at most 1,000 /,
    ],
  ])("bad input %j: exit 2, one line on stderr, nothing on stdout", async (args, message) => {
    const run = await kinesimInProcess(["plan", ...args]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
