import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRecordTrace } from "../../../../models/workload/trace/record-trace.js";
import { TraceFormatError } from "../../../../models/workload/trace/trace-error.js";

describe("parseRecordTrace", () => {
  it("reads CSV in time order, numbering keys by first appearance", () => {
    const trace = parseRecordTrace(
      "time,partitionKey,size\n0.5,b,20\n0.25,a,10\n\n1.0,a,30\n",
      "csv",
    );
    expect(Array.from(trace.timesUs)).toEqual([0, 250_000, 750_000]);
    expect(trace.keys).toEqual(["b", "a"]);
    expect(Array.from(trace.keyIndex)).toEqual([1, 0, 1]);
    expect(Array.from(trace.sizes)).toEqual([10, 20, 30]);
    expect(trace.hashKeys).toEqual(["", ""]);
  });

  it("keeps the file's order for records with the same time (a stable sort)", () => {
    const trace = parseRecordTrace("time,key,bytes\n1,x,1\n1,y,2\n1,z,3\n", "csv");
    expect(trace.keys).toEqual(["x", "y", "z"]);
    expect(Array.from(trace.sizes)).toEqual([1, 2, 3]);
  });

  it("reads NDJSON with ISO 8601 times and explicit hash keys", () => {
    const text = [
      '{"timestamp":"2026-11-25T10:00:00Z","partitionKey":"k","explicitHashKey":"5","size":100}',
      '{"timestamp":"2026-11-25T10:00:01.5Z","partitionKey":"k","size":200}',
      '{"timestamp":"2026-11-25T10:00:02Z","explicitHashKey":"340282366920938463463374607431768211455","size":1}',
    ].join("\n");
    const trace = parseRecordTrace(text, "ndjson");
    expect(Array.from(trace.timesUs)).toEqual([0, 1_500_000, 2_000_000]);
    // The same partition key with and without an explicit hash key is two routing keys.
    expect(trace.keys).toEqual(["k", "k", "k"]);
    expect(trace.hashKeys).toEqual(["5", "", "340282366920938463463374607431768211455"]);
  });

  it("reads quoted CSV fields (keys with commas)", () => {
    const trace = parseRecordTrace('time,partitionKey,size\n0,"a,b",7\n', "csv");
    expect(trace.keys).toEqual(["a,b"]);
  });

  it("keeps a quoted line break in a key, and counts lines past it", () => {
    const trace = parseRecordTrace('time,partitionKey,size\n0,"a\nb",7\n1,c,8\n', "csv");
    expect(trace.keys).toEqual(["a\nb", "c"]);
    expect(() => parseRecordTrace('time,partitionKey,size\n0,"a\nb",7\n1,c\n', "csv")).toThrow(
      /line 4: expected 3 fields/,
    );
  });

  it.each([
    ["", "csv", /empty/],
    ["time,partitionKey,size\n", "csv", /no records/],
    ["when,partitionKey,size\n1,a,2\n", "csv", /no time column/],
    ["time,partitionKey\n1,a\n", "csv", /no size column/],
    ["time,size\n1,2\n", "csv", /no key column/],
    ["time,partitionKey,size\n1,a\n", "csv", /line 2: expected 3 fields/],
    ["time,partitionKey,size\n0,a,1\nsoon,a,2\n", "csv", /line 3: time: expected seconds/],
    ["time,partitionKey,size\n0,a,-1\n", "csv", /line 2: size: expected a whole number/],
    ["time,partitionKey,size\n0,a,1.5\n", "csv", /line 2: size/],
    ["time,partitionKey,explicitHashKey,size\n0,a,-3,1\n", "csv", /explicitHashKey/],
    ["time,partitionKey,explicitHashKey,size\n0,,,1\n", "csv", /needs a partition key/],
    ['{"time":0,"key":"a","size":1}\n[1,2]\n', "ndjson", /line 2: not a JSON object/],
    ['{"time":0,"key":"a","size":1}\n{oops\n', "ndjson", /line 2/],
  ] as const)("refuses %j with a message naming the mistake", (text, format, message) => {
    expect(() => parseRecordTrace(text, format)).toThrow(TraceFormatError);
    expect(() => parseRecordTrace(text, format)).toThrow(message);
  });

  it("refuses every time written with a minus sign, zero included (fuzzed)", () => {
    const minusTimes = fc.oneof(
      // Finite: "-Infinity" is not seconds at all, refused as such (the test below).
      fc.double({ noNaN: true, noDefaultInfinity: true, max: -Number.MIN_VALUE }).map(String),
      fc.constantFrom("-0", "-0.0", "-.0", "-1e-400", "-0e5"),
      fc.nat().map((n) => `-${n}`),
    );
    fc.assert(
      fc.property(minusTimes, fc.boolean(), (time, first) => {
        const rows = first ? [`${time},a,10`, "1,a,10"] : ["0,a,10", `${time},a,10`];
        const text = ["time,key,size", ...rows].join("\n");
        expect(() => parseRecordTrace(text, "csv")).toThrow(TraceFormatError);
        expect(() => parseRecordTrace(text, "csv")).toThrow(/expected seconds ≥ 0/);
      }),
    );
  });

  it("refuses infinite times as not seconds at all", () => {
    for (const time of ["-Infinity", "Infinity"]) {
      const text = ["time,key,size", `${time},a,10`].join("\n");
      expect(() => parseRecordTrace(text, "csv")).toThrow(TraceFormatError);
      expect(() => parseRecordTrace(text, "csv")).toThrow(
        `line 2: time: expected seconds or an ISO 8601 time like 2026-11-25T10:00:00Z, got "${time}"`,
      );
    }
  });

  it("never fails with anything but a TraceFormatError (fuzzed text)", () => {
    const line = fc.array(fc.oneof(fc.string(), fc.constantFrom("0", "1.5", "a", "", '"')), {
      maxLength: 4,
    });
    const csv = fc
      .array(line, { maxLength: 6 })
      .map((rows) =>
        ["time,partitionKey,size", ...rows.map((cells) => cells.join(","))].join("\n"),
      );
    fc.assert(
      fc.property(fc.oneof(fc.string(), csv), fc.constantFrom("csv", "ndjson"), (text, format) => {
        try {
          const trace = parseRecordTrace(text, format as "csv" | "ndjson");
          // What parses is consistent: one time, key and size per record, times sorted from 0.
          expect(trace.keyIndex.length).toBe(trace.timesUs.length);
          expect(trace.sizes.length).toBe(trace.timesUs.length);
          expect(trace.timesUs[0]).toBe(0);
          for (let i = 1; i < trace.timesUs.length; i++) {
            expect(trace.timesUs[i]).toBeGreaterThanOrEqual(trace.timesUs[i - 1] as number);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(TraceFormatError);
        }
      }),
      { numRuns: 400 },
    );
  });
});
