import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kinesimWithin } from "../helpers/cli-bounded.js";
import { scratchDirectories } from "../helpers/scratch.js";
import { sparseFile } from "../helpers/sparse-file.js";

const scratch = scratchDirectories("kinesim-hostile-trace-");

/**
 * Trace and CloudWatch files that once exhausted memory, crashed or never ended (issue 12):
 * each now runs in a small heap or is refused with one line and exit 2.
 */
function run(file: string, contents: string | undefined, producer: string, duration = "10s") {
  const directory = scratch();
  if (contents !== undefined) writeFileSync(join(directory, file), contents);
  const experiment = join(directory, "x.yaml");
  writeFileSync(
    experiment,
    `duration: ${duration}\nstream: {shards: 1}\nproducers: [{name: p, ${producer}}]\n`,
  );
  // 256 MB of heap: a per-second array over decades took 3.2 GB.
  const result = kinesimWithin({ heapMb: 256, timeoutMs: 20_000 }, ["run", experiment]);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

function refused(result: ReturnType<typeof run>, message: RegExp) {
  expect(result.stdout).toBe("");
  expect(result.stderr.split("\n")).toHaveLength(1);
  expect(result.stderr).toMatch(message);
  expect(result.status).toBe(2);
}

const trace = (file: string, extra = "") => `trace: {file: ${file}${extra}}`;

describe("hostile trace files", () => {
  it("replays records 26 years apart without an array over the years", () => {
    const text = "time,key,size\n2000-01-01T00:00:00Z,a,100\n2026-01-01T00:00:00Z,a,100\n";
    const result = run("t.csv", text, trace("t.csv"));
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("replays a trace stretched by timeScale 1e9", () => {
    const result = run(
      "t.csv",
      "time,key,size\n0,a,100\n1,a,100\n",
      trace("t.csv", ", timeScale: 1e9"),
    );
    expect(result.status).toBe(0);
  });

  it("refuses a trace longer than the engine's clock (2^53 µs)", () => {
    refused(
      run("t.csv", "time,key,size\n0,a,100\n1e12,a,100\n", trace("t.csv")),
      /^kinesim: producers\[0\]\.trace\.file: t\.csv: spans about 31,688 years .*2\^53 µs \(about 285 years\)$/,
    );
    refused(
      run("t.csv", "time,key,size\n0,a,100\n1,a,100\n", trace("t.csv", ", timeScale: 1e10")),
      /spans about 317 years from its first time to its last \(after timeScale 10000000000\)/,
    );
  });

  it("refuses a trace scaled into more records at once than a trace may hold", () => {
    // A tick lists every copy's size: 150 million copies at one instant aborted V8.
    refused(
      run("t.csv", "time,key,size\n0,a,100\n", trace("t.csv", ", volumeScale: 1.5e8")),
      /^kinesim: producers\[0\]\.trace\.volumeScale: producer p would send up to 150,000,000 records of its trace at once .*at most 5,000,000 at once/,
    );
  });

  it("refuses a repeated trace whose copies would take hours to replay", () => {
    // Segment mode walks every copy: 600 million of them ran for ten minutes and more.
    refused(
      run(
        "t.csv",
        "time,key,size\n0,a,100\n",
        trace("t.csv", ", repeat: true, volumeScale: 1e6"),
        "10m",
      ),
      /^kinesim: duration: .* most of them records replayed from p's trace .*: 600,000,000;/,
    );
  });

  it("refuses ISO times and plain seconds in one file, naming the line", () => {
    refused(
      run("t.csv", "time,key,size\n2026-01-01T00:00:00Z,a,100\n5,a,100\n", trace("t.csv")),
      /t\.csv: line 3: time: "5" is plain seconds but line 2 has an ISO 8601 time: use one kind of time in a file$/,
    );
  });

  it("refuses negative seconds", () => {
    refused(
      run("t.csv", "time,key,size\n-5,a,100\n1,a,100\n", trace("t.csv")),
      /t\.csv: line 2: time: expected seconds ≥ 0 \(from the trace's start\) or an ISO 8601 time, got "-5"$/,
    );
  });

  it("refuses negative times that read as zero, in CSV, NDJSON and a CloudWatch export", () => {
    for (const minusZero of ["-0", "-0.0", "-1e-400", " -0 "]) {
      refused(
        run("t.csv", `time,key,size\n${minusZero},a,100\n1,a,100\n`, trace("t.csv")),
        new RegExp(`t\\.csv: line 2: time: expected seconds ≥ 0 .*, got "${minusZero}"$`),
      );
    }
    refused(
      run(
        "t.ndjson",
        '{"time":-0,"key":"a","size":1}\n{"time":1,"key":"a","size":1}\n',
        trace("t.ndjson"),
      ),
      /t\.ndjson: line 1: time: expected seconds ≥ 0 .*, got -0$/,
    );
    refused(
      run(
        "cw.csv",
        "Timestamp,IncomingRecords,IncomingBytes\n-0,10,1000\n60,10,1000\n",
        "cloudwatch: {file: cw.csv}",
      ),
      /cw\.csv: line 2: timestamp: expected seconds ≥ 0 .*, got "-0"$/,
    );
  });

  it("refuses a header naming a column twice, or two columns for one role", () => {
    refused(
      run("t.csv", "time,key,size,size\n0,a,100,200\n", trace("t.csv")),
      /t\.csv: line 1: the header names the column "size" twice \(columns 3 and 4\): keep one$/,
    );
    refused(
      run("t.csv", "time,key,partitionKey,size\n0,a,b,100\n", trace("t.csv")),
      /t\.csv: columns "partitionkey" and "key" both give the partition key: keep one$/,
    );
  });

  it("refuses a CloudWatch row with fewer bytes than its records' keys", () => {
    refused(
      run(
        "cw.csv",
        "Timestamp,IncomingRecords,IncomingBytes\n0,1000,100000\n60,1000,1000\n",
        "cloudwatch: {file: cw.csv}, keys: {distribution: uniform, cardinality: 10}",
      ),
      /cw\.csv: line 3: IncomingBytes 1000 is less than IncomingRecords 1000 × 6 B \(1 data byte and the mean partition key, 5 B\)/,
    );
  });

  it("refuses a device, which never ends, before reading it", () => {
    refused(
      run("unused", undefined, trace("/dev/zero")),
      /^kinesim: \/dev\/zero: not a regular file but a character device, which may never end/,
    );
  });

  it("refuses a file larger than 128 MiB before reading it", () => {
    const directory = scratch();
    const big = sparseFile(directory, "big.csv", 129 * 1024 * 1024);
    refused(
      run("unused", undefined, trace(big)),
      /big\.csv: 129 MiB, larger than the 128 MiB a trace file may be/,
    );
  });
});
