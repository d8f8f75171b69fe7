import { describe, expect, it } from "vitest";
import { applyOverrides } from "../../../src/experiment/config/overrides.js";
import { parseExperimentText } from "../../../src/experiment/config/parse-experiment.js";
import { UserError } from "../../../src/experiment/config/user-error.js";

const doc = () => ({
  duration: "1m",
  stream: { shards: 2 },
  producers: [
    { name: "a", rate: 5 },
    { name: "b", rate: 6 },
  ],
});

function errorOf(document: unknown, assignment: string): string {
  try {
    applyOverrides(document, [assignment]);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).message;
  }
  throw new Error(`expected ${assignment} to fail`);
}

describe("applyOverrides", () => {
  it("sets nested keys and parses YAML values", () => {
    expect(applyOverrides(doc(), ["stream.shards=8"])).toMatchObject({ stream: { shards: 8 } });
    expect(applyOverrides(doc(), ["stream.retention=48h"])).toMatchObject({
      stream: { shards: 2, retention: "48h" },
    });
    expect(applyOverrides(doc(), ["seed=42", "name=x y"])).toMatchObject({ seed: 42, name: "x y" });
    expect(
      applyOverrides(doc(), ["a=true", "b=[x, y]", "c={x: 1}", "d=2KB", "e=", "f=a=b"]),
    ).toMatchObject({
      a: true,
      b: ["x", "y"],
      c: { x: 1 },
      d: "2KB",
      e: "",
      f: "a=b",
    });
  });

  it("indexes lists with brackets or dots", () => {
    const a = applyOverrides(doc(), ["producers[1].rate=9"]) as ReturnType<typeof doc>;
    const b = applyOverrides(doc(), ["producers.1.rate=9"]) as ReturnType<typeof doc>;
    expect(a).toEqual(b);
    expect(a.producers[1]).toEqual({ name: "b", rate: 9 });
    expect(a.producers[0]).toEqual({ name: "a", rate: 5 });
  });

  it("creates missing intermediate mappings and lists, and appends at the end of a list", () => {
    expect(applyOverrides(doc(), ["limits.maxRecordBytes=2MiB"])).toMatchObject({
      limits: { maxRecordBytes: "2MiB" },
    });
    expect(applyOverrides(doc(), ["events[0].at=5s", "events[0].stopConsumer=c"])).toMatchObject({
      events: [{ at: "5s", stopConsumer: "c" }],
    });
    const appended = applyOverrides(doc(), ["producers[2]={name: c, rate: 1}"]) as ReturnType<
      typeof doc
    >;
    expect(appended.producers).toHaveLength(3);
  });

  it("does not mutate its input", () => {
    const input = doc();
    const snapshot = structuredClone(input);
    const output = applyOverrides(input, ["producers[0].rate=1", "stream.shards=3", "x.y=1"]);
    expect(input).toEqual(snapshot);
    expect(output).not.toBe(input);
  });

  it("keeps __proto__ a plain key", () => {
    const output = applyOverrides({}, ["__proto__.polluted=1"]) as Record<string, unknown>;
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(output)).toEqual(["__proto__"]);
  });

  it.each([
    ["producers[9].rate=5", "--set producers[9].rate=5: no producer at index 9 (there are 2)"],
    ["stream[0]=1", "--set stream[0]=1: stream is a mapping, not a list"],
    ["duration.unit=s", '--set duration.unit=s: duration is "1m", not a mapping'],
    [
      "producers.rate=5",
      "--set producers.rate=5: producers is a list; use an index like producers[0]",
    ],
    ["stream.shards", '--set stream.shards: expected path=value, e.g. "stream.shards=8"'],
    ["=5", '--set =5: empty path; expected path=value, e.g. "stream.shards=8"'],
    ["stream..shards=5", "--set stream..shards=5: empty path segment (two dots in a row?)"],
    [
      "stream.sh]ards=5",
      '--set stream.sh]ards=5: bad path segment "sh]ards"; use name, name[0] or a number',
    ],
  ])("rejects %s", (assignment, message) => {
    expect(errorOf(doc(), assignment)).toBe(message);
  });

  it("rejects an unreadable value on one line", () => {
    expect(errorOf(doc(), "stream.shards=[1,")).toMatch(
      /^--set stream\.shards=\[1,: cannot read the value: [^\n]+$/,
    );
  });
});

describe("overrides in parseExperimentText", () => {
  const text = "duration: 1m\nstream: {shards: 2}\nproducers: [{name: a, rate: 5}]\n";

  it("applies before validation", () => {
    const config = parseExperimentText(text, {
      overrides: ["stream.shards=8", "producers[0].recordSize=2KB"],
    });
    expect(config.stream.shards).toBe(8);
    expect(config.producers[0]?.recordSize).toEqual({ distribution: "fixed", bytes: 2000 });
  });

  it("reports a bad overridden value at its path", () => {
    expect(() => parseExperimentText(text, { overrides: ["producers[0].rate=fast"] })).toThrow(
      'producers[0].rate: expected a positive number of records per second, or "N/s", "N/min" or "N/h" (per second, minute, hour), got "fast"',
    );
  });
});
