import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { md5HashKey } from "../../../../models/hashing/md5-hash-key.js";
import { parseExperimentText } from "../../../../src/experiment/config/parse-experiment.js";
import { UserError } from "../../../../src/experiment/config/user-error.js";
import { simulateWithSeries } from "../../../../src/experiment/run/simulate.js";

/** A reader over in-memory files, so the tests need no file system. */
function files(contents: Record<string, string>) {
  return (path: string) => {
    const text = contents[path];
    if (text === undefined) throw new UserError(`${path}: no such file`);
    return text;
  };
}

/** 1,000 records over 10 s: key k{i mod 7}, size 100 + (i mod 5) × 10, at i × 10 ms. */
function traceCsv(): string {
  const lines = ["time,partitionKey,size"];
  for (let i = 0; i < 1000; i++)
    lines.push(`${(i / 100).toFixed(2)},k${i % 7},${100 + (i % 5) * 10}`);
  return `${lines.join("\n")}\n`;
}

function replay(producer: string, extra = "", contents = { "t.csv": traceCsv() }) {
  const text = `duration: 12s\nseed: 3\n${extra}stream: {shards: 4}\nproducers:\n  - ${producer}\n`;
  return parseExperimentText(text, { fileName: "x.yaml", readTrace: files(contents) });
}

describe("replaying a record trace", () => {
  for (const granularity of ["record", "segment"] as const) {
    it(`offers every record once with its key and size (${granularity} mode)`, () => {
      const config = replay("{name: p, trace: {file: t.csv}}", `granularity: ${granularity}\n`);
      const { result } = simulateWithSeries(config);
      expect(result.records.offered).toBe(1000);
      expect(result.records.accepted).toBe(1000);
      // Bytes in = data + key (2 bytes each): 1000 × (120 mean) + 2000.
      const bytesIn = result.shards.reduce((sum, shard) => sum + shard.bytesIn, 0);
      expect(bytesIn).toBe(1000 * 120 + 2000);
      // Every record's key counted exactly: k0..k5 occur 143 times, k6 142 times.
      expect(result.skew.observedKeysExact).toBe(true);
      const counts = Object.fromEntries(result.skew.observedKeys.map((k) => [k.key, k.records]));
      expect(counts).toEqual({ k0: 143, k1: 143, k2: 143, k3: 143, k4: 143, k5: 143, k6: 142 });
      expect(result.skew.observedKeys.every((k) => k.maxError === 0)).toBe(true);
    });
  }

  it("sends records on the shards their keys hash to", () => {
    const { result } = simulateWithSeries(replay("{name: p, trace: {file: t.csv}}"));
    const byShard = new Map(result.shards.map((s) => [s.shardId, s.accepted]));
    const expected = new Map<string, number>();
    for (const key of result.skew.observedKeys) {
      expected.set(key.shardId, (expected.get(key.shardId) ?? 0) + key.records);
    }
    for (const [shardId, accepted] of byShard) expect(accepted).toBe(expected.get(shardId) ?? 0);
  });

  it("routes explicit hash keys by their value, not by the partition key's MD5", () => {
    // Shard 3 of 4 (even split) starts at 3 × 2^126; every record pinned there.
    const pinned = (3n << 126n) + 12345n;
    const csv = `time,partitionKey,explicitHashKey,size\n${Array.from(
      { length: 50 },
      (_, i) => `${i / 10},k${i},${pinned},10`,
    ).join("\n")}\n`;
    const { result } = simulateWithSeries(
      replay("{name: p, trace: {file: e.csv}}", "", { "e.csv": csv } as never),
    );
    expect(result.shards.map((s) => s.accepted)).toEqual([0, 0, 0, 50]);
    expect(md5HashKey("k0")).not.toBe(pinned);
  });

  it("takes the trace's busiest second as the producer's peak rate (for skew and sizing)", () => {
    const csv = "time,key,size\n0.1,a,1\n1.2,a,1\n1.3,b,1\n1.4,c,1\n3.5,a,1\n";
    const config = replay("{name: p, trace: {file: b.csv, volumeScale: 2}}", "", {
      "b.csv": csv,
    } as never);
    // Times from the first record (0.1 s): seconds 0, 1 (three records), 3; × volumeScale 2.
    expect(config.producers[0]?.rate).toEqual([
      { atUs: 0, rate: 2 },
      { atUs: 1_000_000, rate: 6 },
      { atUs: 2_000_000, rate: 0 },
      { atUs: 3_000_000, rate: 2 },
    ]);
  });

  // Segment mode counts the records created after its last tick as held at the end, as record
  // mode holds its open batch: both offer the same records.
  for (const granularity of ["record", "segment"] as const) {
    it(`scales time: timeScale 2 spreads the same records over twice the time (${granularity} mode)`, () => {
      const config = replay(
        "{name: p, trace: {file: t.csv, timeScale: 2}}",
        `granularity: ${granularity}\n`,
      );
      const { result } = simulateWithSeries(config);
      // 12 s of a 20 s replay: records at 2 × i × 10 ms ≤ 12 s, i.e. i ≤ 600.
      expect(result.records.offered).toBe(601);
    });

    it(`repeats: 1,000 records every 10 s for 12 s (${granularity} mode)`, () => {
      const { result } = simulateWithSeries(
        replay("{name: p, trace: {file: t.csv, repeat: true}}", `granularity: ${granularity}\n`),
      );
      // The second pass starts at 10 s (the trace's span plus one gap): records at 10 s + i × 10 ms ≤ 12 s.
      expect(result.records.offered).toBe(1000 + 201);
    });
  }

  it("scales volume: ⌊v⌋ copies plus a Bernoulli(v − ⌊v⌋) one per record", () => {
    // 1.3 × 1,000 records: the extra copies are Binomial(1000, 0.3) — mean 300, sd 14.5.
    const offered = [1, 2, 3, 4, 5].map((seed) => {
      const config = { ...replay("{name: p, trace: {file: t.csv, volumeScale: 1.3}}"), seed };
      return simulateWithSeries(config).result.records.offered;
    });
    for (const count of offered) expect(Math.abs(count - 1300)).toBeLessThan(4 * 14.5);
    const mean = offered.reduce((a, b) => a + b, 0) / offered.length;
    expect(Math.abs(mean - 1300)).toBeLessThan((4 * 14.5) / Math.sqrt(5));
  });

  it("gives the producer the trace's empirical keys and sizes (for skew and sizing)", () => {
    const producer = replay("{name: p, trace: {file: t.csv}}").producers[0];
    expect(producer?.keys).toMatchObject({
      distribution: "empirical",
      keys: ["k0", "k1", "k2", "k3", "k4", "k5", "k6"],
    });
    expect(producer?.recordSize).toEqual({
      distribution: "empirical",
      bytes: [100, 110, 120, 130, 140],
      counts: [200, 200, 200, 200, 200],
    });
    // 100 records in each second of the trace: one step.
    expect(producer?.rate).toEqual([{ atUs: 0, rate: 100 }]);
  });

  it("draws sizes from a trace's empirical distribution for an ordinary producer", () => {
    // Sizes uniform on {100, 110, …, 140}: mean 120, sd √200 ≈ 14.14 per record.
    const config = replay(
      "{name: p, rate: 500, recordSize: {distribution: trace, file: t.csv}, keys: {distribution: fixed, keys: [ab]}}",
      "granularity: record\n",
    );
    const { result } = simulateWithSeries(config);
    const n = result.records.accepted;
    const bytes = result.shards.reduce((sum, s) => sum + s.bytesIn, 0) - 2 * n;
    expect(Math.abs(bytes / n - 120)).toBeLessThan((4 * Math.sqrt(200)) / Math.sqrt(n));
  });
});

describe("trace settings that cannot work", () => {
  it.each([
    ["{name: p, trace: {file: t.csv}, rate: 5}", /producers\[0\]\.rate: not with trace/],
    [
      "{name: p, trace: {file: t.csv}, keys: {distribution: hot}}",
      /producers\[0\]\.keys: not with trace/,
    ],
    ["{name: p, trace: {file: t.csv}, cloudwatch: {file: t.csv}}", /cloudwatch: not with trace/],
    ["{name: p}", /producers\[0\]\.rate: required \(or give trace or cloudwatch\)/],
    ["{name: p, trace: {file: missing.csv}}", /missing\.csv: no such file/],
    ["{name: p, trace: {file: t.txt}}", /cannot tell the format of "t\.txt"/],
    ["{name: p, trace: {file: t.csv, timeScale: 0}}", /timeScale/],
    ["{name: p, cloudwatch: {file: t.csv}, rate: 5}", /producers\[0\]\.rate: not with cloudwatch/],
    [
      "{name: p, cloudwatch: {file: t.csv}}",
      /producers\[0\]\.cloudwatch\.file: t\.csv: no IncomingRecords column in the header/,
    ],
  ])("%s", (producer, message) => {
    expect(() => replay(producer, "", { "t.csv": traceCsv(), "t.txt": "" } as never)).toThrow(
      message,
    );
  });

  it("names the file and line of a bad record", () => {
    const bad = "time,partitionKey,size\n0,a,1\n0.1,b,big\n";
    expect(() =>
      replay("{name: p, trace: {file: bad.csv}}", "", { "bad.csv": bad } as never),
    ).toThrow(
      'producers[0].trace.file: bad.csv: line 3: size: expected a whole number ≥ 0, got "big"',
    );
  });

  it("refuses records larger than the limit with their keys", () => {
    const big = "time,partitionKey,size\n0,a,1048576\n";
    expect(() =>
      replay("{name: p, trace: {file: big.csv}}", "", { "big.csv": big } as never),
    ).toThrow(/larger than 1 MiB/);
  });

  it("refuses a trace when no reader is given (text parsed without a file)", () => {
    expect(() =>
      parseExperimentText(
        "duration: 1s\nstream: {shards: 1}\nproducers: [{name: p, trace: {file: t.csv}}]",
      ),
    ).toThrow(/cannot read "t\.csv" here/);
  });
});

describe("loading experiments that name traces (fuzzed files)", () => {
  it("either loads and runs or fails with one UserError line, whatever the file holds", () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.nat(5000).map(String),
      fc.constantFrom("0.5", "-1", "1e400", "2026-11-25T10:00:00Z", '"a,b"', ""),
    );
    const header = fc.constantFrom(
      "time,partitionKey,size",
      "time,explicitHashKey,size",
      "Timestamp,IncomingRecords,IncomingBytes",
      "t,key,bytes,explicitHashKey",
    );
    const file = fc
      .tuple(header, fc.array(fc.array(cell, { minLength: 3, maxLength: 4 }), { maxLength: 5 }))
      .map(([head, rows]) => [head, ...rows.map((row) => row.join(","))].join("\n"));
    const producer = fc.constantFrom(
      "{name: p, trace: {file: f.csv}}",
      "{name: p, trace: {file: f.ndjson}}",
      "{name: p, cloudwatch: {file: f.csv}}",
      "{name: p, rate: 10, recordSize: {distribution: trace, file: f.csv}}",
    );
    fc.assert(
      fc.property(fc.oneof(file, fc.string()), producer, (text, entry) => {
        try {
          const config = parseExperimentText(
            `duration: 1s\nstream: {shards: 1}\nproducers: [${entry}]\n`,
            { readTrace: () => text },
          );
          expect(config.producers).toHaveLength(1);
          // What loads also runs, and accounts for every record it offered.
          const { result } = simulateWithSeries(config);
          expect(result.records.accepted).toBeLessThanOrEqual(result.records.offered);
        } catch (error) {
          expect(error).toBeInstanceOf(UserError);
          expect((error as Error).message).not.toContain("\n");
        }
      }),
      { numRuns: 300 },
    );
  });
});
