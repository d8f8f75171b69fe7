import { describe, expect, it } from "vitest";
import { parseCatalogue } from "./catalogue-parser.js";
import { failure, parseChecks, valueAt } from "./result-check.js";

const result = {
  throttleRate: 0.553,
  shards: [{ accepted: 100, startingHashKey: "0" }, { accepted: 0 }],
  operations: [{ error: "ResourceInUseException" }],
};

const failsOn = (text: string) => failure(parseChecks(text)[0] as never, result);

describe("catalogue checks", () => {
  it("walks dotted and indexed paths, and .length", () => {
    expect(valueAt(result, "shards[0].accepted")).toBe(100);
    expect(valueAt(result, "shards.length")).toBe(2);
    expect(valueAt(result, "shards[5].accepted")).toBeUndefined();
  });

  it("holds within a relative or absolute tolerance, and fails outside it", () => {
    expect(failsOn("throttleRate ≈ 0.56 ±0.01")).toBeUndefined();
    expect(failsOn("throttleRate ≈ 0.57 ±0.01")).toContain("throttleRate is 0.553");
    expect(failsOn("shards[0].accepted ≈ 104 ±5%")).toBeUndefined();
    expect(failsOn("shards[0].accepted ≈ 110 ±5%")).toBeDefined();
  });

  it("compares strings and numbers exactly with =, and bounds with < > ≤ ≥", () => {
    expect(failsOn("operations[0].error = ResourceInUseException")).toBeUndefined();
    expect(failsOn("operations[0].error = LimitExceededException")).toBeDefined();
    expect(failsOn("shards[0].startingHashKey = 0")).toBeUndefined();
    expect(failsOn("shards[1].accepted = 0")).toBeUndefined();
    expect(failsOn("shards[0].accepted = 0")).toBeDefined();
    expect(failsOn("throttleRate ≤ 0.001")).toBeDefined();
    expect(failsOn("throttleRate <= 0.6")).toBeUndefined();
    expect(failsOn("shards[0].accepted > 100")).toBeDefined();
    expect(failsOn("shards[0].accepted ≥ 100")).toBeUndefined();
  });

  it("fails on a path that leads nowhere instead of passing silently", () => {
    expect(failsOn("shards[7].accepted ≤ 1")).toContain("no such field");
  });

  it("rejects malformed checks", () => {
    expect(() => parseChecks("throttleRate ≈ 0.5")).toThrow("needs a tolerance");
    expect(() => parseChecks("throttleRate < 0.5 ±1")).toThrow("only ≈");
    expect(() => parseChecks("throttleRate ≈ high ±1")).toThrow("needs a number");
    expect(() => parseChecks("throttleRate")).toThrow("cannot read check");
  });
});

describe("catalogue parser", () => {
  const page = (row: string) =>
    [
      "## Start here",
      "1. [a](a.yaml): first",
      "## Concepts",
      "| concept | lessons |",
      "| --- | --- |",
      "| Retries | [a](a.yaml), [b](b.yaml) |",
      "## The catalogue",
      "| lesson | command | you should see |",
      "| --- | --- | --- |",
      row,
    ].join("\n");

  it("reads the command's file and quoted --set overrides, and the checks", () => {
    const catalogue = parseCatalogue(
      page(
        "| a | `npx kinesim run experiments/a.yaml --set 'events[1].merge=[x, y]' --set stream.shards=5 --json` | ≈ 5 % <!-- check: throttleRate ≈ 0.05 ±0.01; shards.length = 5 --> |",
      ),
    );
    expect(catalogue.startHere).toEqual(["experiments/a.yaml"]);
    expect(catalogue.concepts).toEqual([
      { line: 6, concept: "Retries", files: ["experiments/a.yaml", "experiments/b.yaml"] },
    ]);
    const [row] = catalogue.rows;
    expect(row?.file).toBe("experiments/a.yaml");
    expect(row?.overrides).toEqual(["events[1].merge=[x, y]", "stream.shards=5"]);
    expect(row?.checks.map((check) => check.path)).toEqual(["throttleRate", "shards.length"]);
  });

  it("rejects a row without checks, a sweep command, or an unknown flag, naming the line", () => {
    expect(() =>
      parseCatalogue(page("| a | `npx kinesim run experiments/a.yaml` | 5 % |")),
    ).toThrow("experiments/README.md:10: no <!-- check");
    expect(() =>
      parseCatalogue(
        page("| a | `npx kinesim sweep experiments/a.yaml` | <!-- check: x = 1 --> |"),
      ),
    ).toThrow("expected one `npx kinesim run …` command, found 0");
    expect(() =>
      parseCatalogue(
        page("| a | `npx kinesim run experiments/a.yaml --seed 3` | <!-- check: x = 1 --> |"),
      ),
    ).toThrow("only --set");
  });
});
