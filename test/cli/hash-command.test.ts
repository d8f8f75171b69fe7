import { describe, expect, it } from "vitest";
import { hashReport, renderHashReport } from "../../src/cli/hash-command.js";
import { nodeMd5HashKey } from "../helpers/md5-split.js";

const md5Decimal = (key: string): string => nodeMd5HashKey(key).toString();

describe("hashReport", () => {
  it("has the contract shape: the even split and each key's hash key and shard", () => {
    const report = hashReport(["a", "user-1"], 3);
    expect(report).toEqual({
      shards: [
        {
          shardId: "shardId-000000000000",
          startingHashKey: "0",
          endingHashKey: "113427455640312821154458202477256070484",
        },
        {
          shardId: "shardId-000000000001",
          startingHashKey: "113427455640312821154458202477256070485",
          endingHashKey: "226854911280625642308916404954512140969",
        },
        {
          shardId: "shardId-000000000002",
          startingHashKey: "226854911280625642308916404954512140970",
          endingHashKey: "340282366920938463463374607431768211455",
        },
      ],
      keys: [
        {
          key: "a",
          hashKey: "16955237001963240173058271559858726497",
          shardId: "shardId-000000000000",
        },
        {
          key: "user-1",
          hashKey: "285573413173782752570879317399258818820",
          shardId: "shardId-000000000002",
        },
      ],
    });
    // Plain JSON: survives a round trip unchanged (no bigints).
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it("keeps keys in the given order, duplicates included, and hashes UTF-8", () => {
    const keys = ["ключ", "a", "ключ", "日本"];
    const report = hashReport(keys, 8);
    expect(report.keys.map((k) => k.key)).toEqual(keys);
    expect(report.keys.map((k) => k.hashKey)).toEqual(keys.map(md5Decimal));
    for (const { hashKey, shardId } of report.keys) {
      const shard = report.shards.find((s) => s.shardId === shardId);
      expect(shard).toBeDefined();
      expect(BigInt(hashKey) >= BigInt(shard?.startingHashKey ?? "-1")).toBe(true);
      expect(BigInt(hashKey) <= BigInt(shard?.endingHashKey ?? "-1")).toBe(true);
    }
  });

  it("works with no keys, and rejects a bad shard count", () => {
    expect(hashReport([], 1)).toEqual({
      shards: [
        {
          shardId: "shardId-000000000000",
          startingHashKey: "0",
          endingHashKey: "340282366920938463463374607431768211455",
        },
      ],
      keys: [],
    });
    for (const bad of [0, -2, 1.5, Number.NaN]) {
      expect(() => hashReport(["a"], bad)).toThrow(RangeError);
    }
  });
});

describe("renderHashReport", () => {
  it("renders the keys first (the answer), then the shards, as aligned tables", () => {
    expect(renderHashReport(hashReport(["a", "user-1"], 3))).toBe(
      [
        "2 keys on 3 shards, hash key space split evenly",
        "",
        "key     shard                                                hash key",
        "a       shardId-000000000000   16955237001963240173058271559858726497",
        "user-1  shardId-000000000002  285573413173782752570879317399258818820",
        "",
        "the 3 shards' hash key ranges (inclusive)",
        "",
        "shard                                       starting hash key                          ending hash key",
        "shardId-000000000000                                        0  113427455640312821154458202477256070484",
        "shardId-000000000001  113427455640312821154458202477256070485  226854911280625642308916404954512140969",
        "shardId-000000000002  226854911280625642308916404954512140970  340282366920938463463374607431768211455",
        "",
      ].join("\n"),
    );
  });

  it("answers within the first lines however many shards follow (was 75 rows first)", () => {
    const lines = renderHashReport(hashReport(["user-1"], 75)).split("\n");
    const [key] = hashReport(["user-1"], 75).keys;
    expect(lines[0]).toBe("1 key on 75 shards, hash key space split evenly");
    expect(lines[3]).toMatch(new RegExp(`^user-1  ${key?.shardId}  +${key?.hashKey}$`));
    expect(lines.filter((line) => line.startsWith("shardId-"))).toHaveLength(75);
  });

  it("quotes keys that would be ambiguous, and says when there are none", () => {
    const text = renderHashReport(hashReport(["two words", "", 'q"', "tab\there", "ok"], 1));
    expect(text).toContain('"two words"');
    expect(text).toContain('""  ');
    expect(text).toContain('"q\\""');
    expect(text).toContain('"tab\\there"');
    expect(text).toMatch(/^ok {2,}shardId-000000000000/m);
    expect(renderHashReport(hashReport([], 1))).toMatch(
      /^no keys on 1 shard, hash key space split evenly\n\nthe shard's hash key range \(inclusive\)\n/,
    );
  });

  it("keeps lines near 100 columns and never ends them with spaces", () => {
    const text = renderHashReport(hashReport(["user-1", "a-much-longer-partition-key-0001"], 64));
    for (const line of text.split("\n")) {
      expect(line.length).toBeLessThanOrEqual(102);
      expect(line).toBe(line.trimEnd());
    }
  });
});
